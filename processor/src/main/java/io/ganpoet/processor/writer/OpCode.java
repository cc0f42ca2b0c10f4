package io.ganpoet.processor.writer;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import io.ganpoet.processor.model.Activations;
import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Op;
import io.ganpoet.spec.Activation;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What generated code does with one {@link Op}: a child block (its field's type and name, its
 * builder expression, its forward statement) or an inline statement. Every writer reads ops through
 * {@link #of}, one {@link Op.Visitor}, so an op that is not handled here does not compile.
 *
 * @param fieldType the child block's class, or {@code null} for an inline op
 * @param fieldSuffix appended to the layer's name for the field ({@code Norm} for a batch norm)
 * @param builder the expression that builds the child block (built when asked), or {@code null}
 * @param forward the forward statement, given the field's name; {@code null} when the op writes none
 * @param readsLabels whether the child block reads the labels {@code (N)} rather than {@code x}
 */
record OpCode(
        ClassName fieldType,
        String fieldSuffix,
        Supplier<CodeBlock> builder,
        Function<String, CodeBlock> forward,
        boolean readsLabels) {

    static OpCode of(Op op) {
        return op.accept(VISITOR);
    }

    /** Whether the op is a child block with a field. */
    boolean child() {
        return fieldType != null;
    }

    /** The op's field in {@code layer}. */
    String field(Layer layer) {
        return layer.name() + fieldSuffix;
    }

    /** The forward statement, or {@code null} when the op writes none. */
    CodeBlock statement(Layer layer) {
        return forward == null ? null : forward.apply(field(layer));
    }

    private static OpCode child(ClassName type, Supplier<CodeBlock> builder) {
        return new OpCode(
                type,
                "",
                builder,
                field -> CodeBlock.of(
                        "x = this.$N.forward(parameterStore, new $T(x), training).singletonOrThrow()",
                        field,
                        Djl.ND_LIST),
                false);
    }

    /** An inline op; {@code statement} is built when the forward pass is written, {@code null} for none. */
    private static OpCode inline(Supplier<CodeBlock> statement) {
        return new OpCode(null, "", null, statement == null ? null : field -> statement.get(), false);
    }

    private static final Op.Visitor<OpCode> VISITOR = new Op.Visitor<>() {
        @Override
        public OpCode conv(Op.Conv c) {
            ClassName type = c.spectralNorm() ? Djl.SPECTRAL_NORM_CONV2D : Djl.CONV2D;
            // The field stays DJL's Conv2d; CheckedConv2d is one that runs on a kernel checked right on this machine.
            ClassName built = c.spectralNorm() ? Djl.SPECTRAL_NORM_CONV2D : Djl.CHECKED_CONV2D;
            return child(
                    type,
                    () -> convolution(
                            built, c.filters(), c.kernel(), c.stride(), c.padding(), 0, 0, c.dilation(), c.bias()));
        }

        @Override
        public OpCode deconv(Op.Deconv d) {
            return child(
                    Djl.TRANSPOSED_CONV2D,
                    () -> convolution(
                            Djl.TRANSPOSED_CONV2D,
                            d.filters(),
                            d.kernel(),
                            d.stride(),
                            d.padding(),
                            d.outPaddingH(),
                            d.outPaddingW(),
                            d.dilation(),
                            d.bias()));
        }

        @Override
        public OpCode linear(Op.Linear l) {
            return child(Djl.LINEAR, () -> CodeBlock.builder()
                    .add("$T.builder()\n", Djl.LINEAR)
                    .add(".setUnits($L)\n", l.units())
                    .add(".optBias($L)\n", l.bias())
                    .add(".build()")
                    .build());
        }

        @Override
        public OpCode batchNorm(Op.BatchNorm op) {
            OpCode norm = child(Djl.BATCH_NORM, () -> CodeBlock.of("$T.builder()\n.build()", Djl.BATCH_NORM));
            return new OpCode(norm.fieldType, GeneratedNames.NORM, norm.builder, norm.forward, false);
        }

        @Override
        public OpCode activate(Op.Activate a) {
            if (a.activation() == Activation.NONE) {
                return inline(null);
            }
            return inline(() -> {
                String slope = Activations.formatFloat(a.slope()) + "f";
                return switch (a.activation()) {
                    case NONE -> CodeBlock.of(""); // no statement: handled above
                    case RELU -> CodeBlock.of("x = $T.relu(x)", Djl.ACTIVATION);
                    case LEAKY_RELU -> CodeBlock.of("x = $T.leakyRelu(x, $L)", Djl.ACTIVATION, slope);
                    case ELU -> CodeBlock.of("x = $T.elu(x, $L)", Djl.ACTIVATION, slope);
                    case SELU -> CodeBlock.of("x = $T.selu(x)", Djl.ACTIVATION);
                    case GELU -> CodeBlock.of("x = $T.gelu(x)", Djl.ACTIVATION);
                    case SIGMOID -> CodeBlock.of("x = $T.sigmoid(x)", Djl.ACTIVATION);
                    case TANH -> CodeBlock.of("x = $T.tanh(x)", Djl.ACTIVATION);
                    case SOFTPLUS -> CodeBlock.of("x = $T.softPlus(x)", Djl.ACTIVATION);
                };
            });
        }

        @Override
        public OpCode maxPool(Op.MaxPool p) {
            int w = p.window();
            return inline(() -> CodeBlock.of(
                    "x = $T.maxPool2d(x, new $T($L, $L), new $T($L, $L), new $T(0, 0), false)",
                    Djl.POOL,
                    Djl.SHAPE,
                    w,
                    w,
                    Djl.SHAPE,
                    w,
                    w,
                    Djl.SHAPE));
        }

        @Override
        public OpCode dropout(Op.Dropout d) {
            return inline(() -> CodeBlock.of(
                    "x = $T.dropout(x, $Lf, training).singletonOrThrow()",
                    Djl.DROPOUT,
                    Activations.formatFloat(d.rate())));
        }

        @Override
        public OpCode flatten(Op.Flatten op) {
            return inline(() -> CodeBlock.of("x = x.reshape(x.getShape().get(0), -1)"));
        }

        @Override
        public OpCode reshape(Op.Reshape r) {
            return inline(() -> CodeBlock.of(
                    "x = x.reshape(x.getShape().get(0), $L)", r.shape().commaSeparated()));
        }

        @Override
        public OpCode upsample(Op.Upsample u) {
            return inline(() -> CodeBlock.of("x = $T.nearest(x, $L, $L)", Djl.UPSAMPLING, u.height(), u.width()));
        }

        @Override
        public OpCode gaussianHeads(Op.GaussianHeads h) {
            return new OpCode(
                    Djl.GAUSSIAN_HEADS,
                    "",
                    () -> CodeBlock.of("new $T($L)", Djl.GAUSSIAN_HEADS, h.latent()),
                    field -> CodeBlock.of(
                            "x = $T.stack(this.$N.forward(parameterStore, new $T(x), training), 1)",
                            Djl.ND_ARRAYS,
                            field,
                            Djl.ND_LIST),
                    false);
        }

        @Override
        public OpCode labelMaps(Op.LabelMaps op) {
            return inline(() ->
                    CodeBlock.of("x = $T.joinLabelMaps(x, labels, $L)", Djl.CONDITIONING, GeneratedNames.CLASSES));
        }

        @Override
        public OpCode labelEmbedding(Op.LabelEmbedding e) {
            // N(0, 1) rows, PyTorch's nn.Embedding default: the DCGAN N(0, 0.02) would start every class alike
            return new OpCode(
                    Djl.LABEL_EMBEDDING,
                    "",
                    () -> CodeBlock.of("new $T($L, $L, 1f)", Djl.LABEL_EMBEDDING, GeneratedNames.CLASSES, e.dim()),
                    field -> CodeBlock.of(
                            "x = $T.joinChannels(x, this.$N.forward(parameterStore, new $T(labels),"
                                    + " training).singletonOrThrow())",
                            Djl.CONDITIONING,
                            field,
                            Djl.ND_LIST),
                    true);
        }
    };

    /**
     * The builder of every convolution, plain, spectral or transposed: the one place that says how
     * generated code builds one. Options at their defaults are left out.
     */
    static CodeBlock convolution(
            ClassName type,
            int filters,
            int kernel,
            int stride,
            int padding,
            long outPaddingH,
            long outPaddingW,
            int dilation,
            boolean bias) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("$T.builder()\n", type)
                .add(".setKernelShape(new $T($L, $L))\n", Djl.SHAPE, kernel, kernel)
                .add(".setFilters($L)\n", filters);
        if (stride != 1) {
            code.add(".optStride(new $T($L, $L))\n", Djl.SHAPE, stride, stride);
        }
        if (padding != 0) {
            code.add(".optPadding(new $T($L, $L))\n", Djl.SHAPE, padding, padding);
        }
        if (outPaddingH != 0 || outPaddingW != 0) {
            code.add(".optOutPadding(new $T($L, $L))\n", Djl.SHAPE, outPaddingH, outPaddingW);
        }
        if (dilation != 1) {
            code.add(".optDilation(new $T($L, $L))\n", Djl.SHAPE, dilation, dilation);
        }
        return code.add(".optBias($L)\n", bias).add(".build()").build();
    }
}
