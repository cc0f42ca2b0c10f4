package io.ganpoet.processor.writer;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import io.ganpoet.processor.model.Activations;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.TensorShape;
import io.ganpoet.spec.Activation;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Writes a {@link Network} as a DJL block: one field per layer with parameters, a constructor that
 * builds them, a straight-line forward pass, and shapes known at compile time. Pure: JavaPoet
 * specs in, specs out.
 */
public final class BlockWriter {

    private static final ArrayTypeName SHAPE_ARRAY = ArrayTypeName.of(Djl.SHAPE);

    private final Network network;
    private final String sourceName;
    private final AnnotationSpec generated;
    private final Set<String> qualified;

    /**
     * @param network what to write
     * @param sourceName the spec interface, for Javadoc links (simple name, same package)
     * @param generated the {@code @Generated} annotation, or {@code null} where unavailable
     * @param qualified simple names that could mean something else in the generated source (layer
     *     fields, classes of the spec's package): types of those names are written qualified
     */
    public BlockWriter(Network network, String sourceName, AnnotationSpec generated, Set<String> qualified) {
        this.network = network;
        this.sourceName = sourceName;
        this.generated = generated;
        this.qualified = new TreeSet<>(qualified);
    }

    /** A variational encoder's last op, its Gaussian heads, or {@code null}. */
    private Op.GaussianHeads heads() {
        if (network.layers().isEmpty()) {
            return null;
        }
        List<Op> ops = network.layers().get(network.layers().size() - 1).ops();
        return ops.get(ops.size() - 1) instanceof Op.GaussianHeads h ? h : null;
    }

    /**
     * A conditional network's first op, which joins the labels to its input ({@link Op.LabelMaps},
     * {@link Op.LabelEmbedding}), or {@code null}.
     */
    private Op labelJoin() {
        if (network.layers().isEmpty()) {
            return null;
        }
        Op first = network.layers().get(0).ops().get(0);
        return first instanceof Op.LabelMaps || first instanceof Op.LabelEmbedding ? first : null;
    }

    /** The number of classes of a conditional network. */
    private int classes() {
        Op join = labelJoin();
        return join instanceof Op.LabelMaps m ? m.classes() : ((Op.LabelEmbedding) join).classes();
    }

    /** What a conditional network's first input is, for messages: {@code images} or {@code z}. */
    private String firstInput() {
        return labelJoin() instanceof Op.LabelMaps ? "images" : "z";
    }

    /** The last op of the last layer when it is a sigmoid: the one {@code logits} skips. */
    private Op finalSigmoid() {
        if (network.layers().isEmpty()) {
            return null;
        }
        List<Op> ops = network.layers().get(network.layers().size() - 1).ops();
        Op last = ops.get(ops.size() - 1);
        return last instanceof Op.Activate a && a.activation() == Activation.SIGMOID ? last : null;
    }

    /** The block's type. */
    public TypeSpec write() {
        TypeSpec.Builder type =
                TypeSpec.classBuilder(network.className())
                        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                        .superclass(Djl.ABSTRACT_BLOCK)
                        .addSuperinterface(Djl.LAYERED_BLOCK)
                        .addJavadoc(javadoc())
                        .alwaysQualify(qualified.toArray(String[]::new));
        if (finalSigmoid() != null) {
            type.addSuperinterface(Djl.LOGITS_BLOCK);
        }
        if (generated != null) {
            type.addAnnotation(generated);
        }
        type.addField(
                FieldSpec.builder(byte.class, "VERSION", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("1")
                        .build());
        type.addField(
                FieldSpec.builder(int.class, "LAYERS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Number of layers in the table above; see {@link #forwardLayers}.\n")
                        .initializer("$L", network.layers().size())
                        .build());
        type.addField(
                FieldSpec.builder(Djl.SHAPE, "INPUT_SHAPE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Shape of one input sample, without the batch axis.\n")
                        .initializer("$L", shape(network.input()))
                        .build());
        type.addField(
                FieldSpec.builder(Djl.SHAPE, "OUTPUT_SHAPE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc(
                                heads() != null
                                        ? "Shape of one output sample, without the batch axis: the mean and the"
                                                + " log-variance stacked,\nas {@link #forwardLayers} returns them;"
                                                + " {@code forward} returns them as two arrays {@code (N, "
                                                + heads().latent() + ")}.\n"
                                        : "Shape of one output sample, without the batch axis.\n")
                        .initializer("$L", shape(network.output()))
                        .build());
        if (labelJoin() != null) {
            type.addField(
                    FieldSpec.builder(int.class, "CLASSES", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                            .addJavadoc("Number of classes: labels are class indices in {@code [0, CLASSES)}.\n")
                            .initializer("$L", classes())
                            .build());
        }
        MethodSpec.Builder constructor =
                MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addJavadoc("Creates the block; call {@code initialize} before use.\n")
                        .addStatement("super(VERSION)");
        for (Layer layer : network.layers()) {
            for (Op op : layer.ops()) {
                ClassName fieldType = fieldType(op);
                if (fieldType == null) {
                    continue;
                }
                String field = fieldName(layer, op);
                type.addField(fieldType, field, Modifier.PRIVATE, Modifier.FINAL);
                constructor.addStatement("this.$N = addChildBlock($S, $L)", field, field, builder(op));
            }
        }
        type.addMethod(constructor.build());
        type.addMethod(forwardInternal());
        type.addMethod(
                MethodSpec.methodBuilder("layerCount")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(int.class)
                        .addStatement("return LAYERS")
                        .build());
        type.addMethod(forwardLayers());
        if (labelJoin() != null) {
            type.addMethod(labelledForwardLayers());
        }
        if (finalSigmoid() != null) {
            type.addMethod(logits());
            if (labelJoin() != null) {
                type.addMethod(labelledLogits());
            }
        }
        type.addMethod(layerRunner());
        type.addMethod(getOutputShapes());
        type.addMethod(beforeInitialize());
        type.addMethod(initializeChildBlocks());
        return type.build();
    }

    private CodeBlock javadoc() {
        String role = network.role();
        CodeBlock.Builder doc =
                CodeBlock.builder()
                        .add("The $L of {@link $L}, generated by ganpoet.\n\n", role, sourceName);
        if (labelJoin() != null) {
            doc.add(
                    "<p>Input {@code NDList($L, labels)}: {@code $L} {@code (N, $L)} and labels {@code (N)}, integer"
                            + " class indices in {@code [0, $L)}; output {@code (N, $L)}. Shapes, parameters and"
                            + " multiply-adds (per sample) as checked at compile time:\n\n",
                    firstInput(),
                    firstInput(),
                    network.input().commaSeparated(),
                    classes(),
                    network.output().commaSeparated());
        } else {
            doc.add(
                    "<p>Input {@code (N, $L)}, output {@code (N, $L)}. Shapes, parameters and"
                            + " multiply-adds (per sample) as checked at compile time:\n\n",
                    network.input().commaSeparated(),
                    network.output().commaSeparated());
        }
        doc.add("<pre>\n");
        for (String line : LayerTable.format(network).split("\n")) {
            doc.add("$L\n", line);
        }
        return doc.add("</pre>\n").build();
    }

    private MethodSpec forwardInternal() {
        MethodSpec.Builder method = MethodSpec.methodBuilder("forwardInternal")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(Djl.ND_LIST)
                .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                .addParameter(Djl.ND_LIST, "inputs")
                .addParameter(boolean.class, "training")
                .addParameter(Djl.PAIR_LIST, "params");
        if (heads() != null) {
            Layer last = network.layers().get(network.layers().size() - 1);
            return method
                    .addComment("the heads return the mean and the log-variance, two arrays")
                    .addStatement(
                            "$T x = forwardLayers(parameterStore, inputs.singletonOrThrow(), training, LAYERS - 1)",
                            Djl.ND_ARRAY)
                    .addStatement("return this.$N.forward(parameterStore, new $T(x), training)",
                            fieldName(last, heads()), Djl.ND_LIST)
                    .build();
        }
        if (labelJoin() != null) {
            return method
                    .addStatement("$T.expectPair(inputs, $S, $S)", Djl.CONDITIONING, network.className(), firstInput())
                    .addStatement(
                            "return new $T(run(parameterStore, inputs.get(0), inputs.get(1), training, LAYERS$L))",
                            Djl.ND_LIST,
                            finalSigmoid() != null ? ", true" : "")
                    .build();
        }
        return method
                .addStatement(
                        "return new $T(forwardLayers(parameterStore, inputs.singletonOrThrow(), training,"
                                + " LAYERS))",
                        Djl.ND_LIST)
                .build();
    }

    /** The error a conditional network's single-array methods throw: they have no labels to join. */
    private CodeBlock needsLabels(String method) {
        return CodeBlock.of(
                "throw new $T($S)",
                IllegalArgumentException.class,
                network.className() + " is conditional: it takes NDList(" + firstInput() + ", labels); call " + method
                        + " with an NDList");
    }

    /** The check that {@code layers} is a row count of the table. */
    private CodeBlock layersInRange() {
        return CodeBlock.builder()
                .beginControlFlow("if (layers < 0 || layers > LAYERS)")
                .addStatement(
                        "throw new $T($S + layers)",
                        IllegalArgumentException.class,
                        "layers must be in [0, " + network.layers().size() + "], got ")
                .endControlFlow()
                .build();
    }

    /** A conditional network's {@code inputs} parameter, documented. */
    private CodeBlock inputsParameterDoc() {
        return CodeBlock.of(
                "@param inputs {@code NDList($L, labels)}: a batch {@code (N, $L)} and its {@code (N)} labels\n",
                firstInput(),
                network.input().commaSeparated());
    }

    private MethodSpec labelledForwardLayers() {
        return MethodSpec.methodBuilder("forwardLayers")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Djl.ND_ARRAY)
                .addJavadoc(
                        "Runs the first {@code layers} layers of the table: 0 returns the input,"
                                + " {@link #LAYERS} the whole network.\n\n")
                .addJavadoc("@param parameterStore where the parameters live\n")
                .addJavadoc(inputsParameterDoc())
                .addJavadoc("@param training whether batch norm and dropout run in training mode\n")
                .addJavadoc("@param layers how many layers to run, 0 to {@link #LAYERS}\n")
                .addJavadoc("@return that layer's output\n")
                .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                .addParameter(Djl.ND_LIST, "inputs")
                .addParameter(boolean.class, "training")
                .addParameter(int.class, "layers")
                .addCode(layersInRange())
                .addStatement("$T.expectPair(inputs, $S, $S)", Djl.CONDITIONING, network.className(), firstInput())
                .addStatement(
                        "return run(parameterStore, inputs.get(0), inputs.get(1), training, layers$L)",
                        finalSigmoid() != null ? ", true" : "")
                .build();
    }

    private MethodSpec labelledLogits() {
        return MethodSpec.methodBuilder("logits")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Djl.ND_ARRAY)
                .addJavadoc("Runs the whole network but its final sigmoid: the scores a loss should read.\n\n")
                .addJavadoc("@param parameterStore where the parameters live\n")
                .addJavadoc(inputsParameterDoc())
                .addJavadoc("@param training whether batch norm and dropout run in training mode\n")
                .addJavadoc("@return the logits, shape {@code (N, $L)}\n", network.output().commaSeparated())
                .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                .addParameter(Djl.ND_LIST, "inputs")
                .addParameter(boolean.class, "training")
                .addStatement("$T.expectPair(inputs, $S, $S)", Djl.CONDITIONING, network.className(), firstInput())
                .addStatement("return run(parameterStore, inputs.get(0), inputs.get(1), training, LAYERS, false)")
                .build();
    }

    private MethodSpec forwardLayers() {
        return MethodSpec.methodBuilder("forwardLayers")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Djl.ND_ARRAY)
                .addJavadoc(
                        labelJoin() != null
                                ? CodeBlock.of("Throws: this network is conditional and needs the labels; use {@link"
                                        + " #forwardLayers($T, $T, boolean, int)}.\n\n", Djl.PARAMETER_STORE, Djl.ND_LIST)
                                : CodeBlock.of("Runs the first {@code layers} layers of the table: 0 returns the input,"
                                        + " {@link #LAYERS} the whole network.\n\n"))
                .addJavadoc("@param parameterStore where the parameters live\n")
                .addJavadoc("@param input a batch of shape {@code (N, $L)}\n", network.input().commaSeparated())
                .addJavadoc("@param training whether batch norm and dropout run in training mode\n")
                .addJavadoc("@param layers how many layers to run, 0 to {@link #LAYERS}\n")
                .addJavadoc("@return that layer's output\n")
                .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                .addParameter(Djl.ND_ARRAY, "input")
                .addParameter(boolean.class, "training")
                .addParameter(int.class, "layers")
                .addCode(labelJoin() != null ? CodeBlock.builder().addStatement(needsLabels("forwardLayers")).build()
                        : CodeBlock.builder()
                                .add(layersInRange())
                                .addStatement(
                                        finalSigmoid() != null
                                                ? "return run(parameterStore, input, training, layers, true)"
                                                : "return run(parameterStore, input, training, layers)")
                                .build())
                .build();
    }

    private MethodSpec logits() {
        return MethodSpec.methodBuilder("logits")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Djl.ND_ARRAY)
                .addJavadoc(
                        labelJoin() != null
                                ? CodeBlock.of("Throws: this network is conditional and needs the labels; use {@link"
                                        + " #logits($T, $T, boolean)}.\n\n", Djl.PARAMETER_STORE, Djl.ND_LIST)
                                : CodeBlock.of("Runs the whole network but its final sigmoid: the scores a loss"
                                        + " should read.\n\n"))
                .addJavadoc("@param parameterStore where the parameters live\n")
                .addJavadoc("@param input a batch of shape {@code (N, $L)}\n", network.input().commaSeparated())
                .addJavadoc("@param training whether batch norm and dropout run in training mode\n")
                .addJavadoc("@return the logits, shape {@code (N, $L)}\n", network.output().commaSeparated())
                .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                .addParameter(Djl.ND_ARRAY, "input")
                .addParameter(boolean.class, "training")
                .addStatement(labelJoin() != null ? needsLabels("logits")
                        : CodeBlock.of("return run(parameterStore, input, training, LAYERS, false)"))
                .build();
    }

    /** The straight-line forward pass, stopping after {@code layers} layers. */
    private MethodSpec layerRunner() {
        Op sigmoid = finalSigmoid();
        MethodSpec.Builder method =
                MethodSpec.methodBuilder("run")
                        .addModifiers(Modifier.PRIVATE)
                        .returns(Djl.ND_ARRAY)
                        .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                        .addParameter(Djl.ND_ARRAY, "input");
        if (labelJoin() != null) {
            method.addParameter(Djl.ND_ARRAY, "labels");
        }
        method.addParameter(boolean.class, "training").addParameter(int.class, "layers");
        if (sigmoid != null) {
            method.addParameter(boolean.class, "finalSigmoid");
        }
        method.addStatement("$T x = input", Djl.ND_ARRAY);
        int index = 0;
        for (Layer layer : network.layers()) {
            index++;
            method.beginControlFlow("if (layers < $L)", index).addStatement("return x").endControlFlow();
            method.addCode("// $L: $L -> $L\n", layer.name(), layer.input().ascii(), layer.output().ascii());
            for (Op op : layer.ops()) {
                if (op instanceof Op.Activate a && a.activation() == Activation.NONE) {
                    continue;
                }
                if (op == sigmoid) {
                    method.beginControlFlow("if (finalSigmoid)").addStatement("$L", forwardStatement(layer, op)).endControlFlow();
                } else {
                    method.addStatement("$L", forwardStatement(layer, op));
                }
            }
        }
        return method.addStatement("return x").build();
    }

    private CodeBlock forwardStatement(Layer layer, Op op) {
        if (op instanceof Op.GaussianHeads) {
            return CodeBlock.of(
                    "x = $T.stack(this.$N.forward(parameterStore, new $T(x), training), 1)",
                    Djl.ND_ARRAYS,
                    fieldName(layer, op),
                    Djl.ND_LIST);
        }
        if (op instanceof Op.LabelEmbedding) {
            return CodeBlock.of(
                    "x = $T.joinChannels(x, this.$N.forward(parameterStore, new $T(labels), training).singletonOrThrow())",
                    Djl.CONDITIONING,
                    fieldName(layer, op),
                    Djl.ND_LIST);
        }
        if (fieldType(op) != null) {
            return CodeBlock.of(
                    "x = this.$N.forward(parameterStore, new $T(x), training).singletonOrThrow()",
                    fieldName(layer, op),
                    Djl.ND_LIST);
        }
        return op.accept(INLINE);
    }

    /** The forward statement of each operation that is not a child block. */
    private static final Op.Visitor<CodeBlock> INLINE =
            new Op.Visitor<>() {
                @Override
                public CodeBlock conv(Op.Conv op) {
                    throw childBlock(op);
                }

                @Override
                public CodeBlock deconv(Op.Deconv op) {
                    throw childBlock(op);
                }

                @Override
                public CodeBlock linear(Op.Linear op) {
                    throw childBlock(op);
                }

                @Override
                public CodeBlock batchNorm(Op.BatchNorm op) {
                    throw childBlock(op);
                }

                @Override
                public CodeBlock activate(Op.Activate a) {
                    String slope = Activations.formatFloat(a.slope()) + "f";
                    return switch (a.activation()) {
                        case NONE -> CodeBlock.of("");
                        case RELU -> CodeBlock.of("x = $T.relu(x)", Djl.ACTIVATION);
                        case LEAKY_RELU -> CodeBlock.of("x = $T.leakyRelu(x, $L)", Djl.ACTIVATION, slope);
                        case ELU -> CodeBlock.of("x = $T.elu(x, $L)", Djl.ACTIVATION, slope);
                        case SELU -> CodeBlock.of("x = $T.selu(x)", Djl.ACTIVATION);
                        case GELU -> CodeBlock.of("x = $T.gelu(x)", Djl.ACTIVATION);
                        case SIGMOID -> CodeBlock.of("x = $T.sigmoid(x)", Djl.ACTIVATION);
                        case TANH -> CodeBlock.of("x = $T.tanh(x)", Djl.ACTIVATION);
                        case SOFTPLUS -> CodeBlock.of("x = $T.softPlus(x)", Djl.ACTIVATION);
                    };
                }

                @Override
                public CodeBlock maxPool(Op.MaxPool p) {
                    return CodeBlock.of(
                            "x = $T.maxPool2d(x, new $T($L, $L), new $T($L, $L), new $T(0, 0), false)",
                            Djl.POOL,
                            Djl.SHAPE,
                            p.window(),
                            p.window(),
                            Djl.SHAPE,
                            p.window(),
                            p.window(),
                            Djl.SHAPE);
                }

                @Override
                public CodeBlock dropout(Op.Dropout d) {
                    return CodeBlock.of(
                            "x = $T.dropout(x, $Lf, training).singletonOrThrow()",
                            Djl.DROPOUT,
                            Activations.formatFloat(d.rate()));
                }

                @Override
                public CodeBlock flatten(Op.Flatten op) {
                    return CodeBlock.of("x = x.reshape(x.getShape().get(0), -1)");
                }

                @Override
                public CodeBlock reshape(Op.Reshape r) {
                    return CodeBlock.of("x = x.reshape(x.getShape().get(0), $L)", r.shape().commaSeparated());
                }

                @Override
                public CodeBlock upsample(Op.Upsample u) {
                    return CodeBlock.of("x = $T.nearest(x, $L, $L)", Djl.UPSAMPLING, u.height(), u.width());
                }

                @Override
                public CodeBlock gaussianHeads(Op.GaussianHeads op) {
                    throw childBlock(op);
                }

                @Override
                public CodeBlock labelMaps(Op.LabelMaps op) {
                    return CodeBlock.of("x = $T.joinLabelMaps(x, labels, CLASSES)", Djl.CONDITIONING);
                }

                @Override
                public CodeBlock labelEmbedding(Op.LabelEmbedding op) {
                    throw childBlock(op);
                }
            };

    private static IllegalStateException childBlock(Op op) {
        return new IllegalStateException(op + " is a child block, forwarded through its field");
    }

    private MethodSpec getOutputShapes() {
        return MethodSpec.methodBuilder("getOutputShapes")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(SHAPE_ARRAY)
                .addParameter(SHAPE_ARRAY, "inputShapes")
                .addCode(
                        heads() != null
                                ? CodeBlock.builder()
                                        .addStatement(
                                                "$T heads = new $T(inputShapes[0].get(0), OUTPUT_SHAPE.get(1))",
                                                Djl.SHAPE,
                                                Djl.SHAPE)
                                        .addStatement("return new $T[] {heads, heads}", Djl.SHAPE)
                                        .build()
                                : CodeBlock.builder()
                                        .addStatement(
                                                "return new $T[] {new $T(inputShapes[0].get(0)).addAll(OUTPUT_SHAPE)}",
                                                Djl.SHAPE,
                                                Djl.SHAPE)
                                        .build())
                .build();
    }

    private MethodSpec beforeInitialize() {
        return MethodSpec.methodBuilder("beforeInitialize")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .addParameter(SHAPE_ARRAY, "inputShapes")
                .varargs()
                .addStatement("super.beforeInitialize(inputShapes)")
                .addCode(labelJoin() != null
                        ? CodeBlock.builder()
                                .addStatement("$T.expectShapes(inputShapes, $S, $S)", Djl.CONDITIONING,
                                        network.className(), firstInput())
                                .build()
                        : CodeBlock.of(""))
                .addStatement(
                        "$T sample = inputShapes[0].slice(1)", Djl.SHAPE)
                .beginControlFlow("if (!sample.equals(INPUT_SHAPE))")
                .addStatement(
                        "throw new $T($S + inputShapes[0])",
                        IllegalArgumentException.class,
                        network.className() + " takes (N, " + network.input().commaSeparated() + "), got ")
                .endControlFlow()
                .build();
    }

    private MethodSpec initializeChildBlocks() {
        MethodSpec.Builder method =
                MethodSpec.methodBuilder("initializeChildBlocks")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PROTECTED)
                        .addParameter(Djl.ND_MANAGER, "manager")
                        .addParameter(Djl.DATA_TYPE, "dataType")
                        .addParameter(SHAPE_ARRAY, "inputShapes")
                        .varargs()
                        .addStatement("long batch = inputShapes[0].get(0)");
        for (Layer layer : network.layers()) {
            List<TensorShape> shapes = layer.shapes();
            for (int i = 0; i < layer.ops().size(); i++) {
                Op op = layer.ops().get(i);
                if (fieldType(op) == null) {
                    continue;
                }
                method.addStatement(
                        "this.$N.initialize(manager, dataType, new $T(batch$L))",
                        fieldName(layer, op),
                        Djl.SHAPE,
                        // the label embedding reads the labels, (N)
                        op instanceof Op.LabelEmbedding ? "" : ", " + shapes.get(i).commaSeparated());
            }
        }
        return method.build();
    }

    /** The field type of an op that is a child block, or {@code null} for inline ops. */
    static ClassName fieldType(Op op) {
        return op.accept(FIELD_TYPE);
    }

    private static final Op.Visitor<ClassName> FIELD_TYPE =
            new Op.Visitor<>() {
                @Override
                public ClassName conv(Op.Conv op) {
                    return op.spectralNorm() ? Djl.SPECTRAL_NORM_CONV2D : Djl.CONV2D;
                }

                @Override
                public ClassName deconv(Op.Deconv op) {
                    return Djl.TRANSPOSED_CONV2D;
                }

                @Override
                public ClassName linear(Op.Linear op) {
                    return Djl.LINEAR;
                }

                @Override
                public ClassName batchNorm(Op.BatchNorm op) {
                    return Djl.BATCH_NORM;
                }

                @Override
                public ClassName activate(Op.Activate op) {
                    return null;
                }

                @Override
                public ClassName maxPool(Op.MaxPool op) {
                    return null;
                }

                @Override
                public ClassName dropout(Op.Dropout op) {
                    return null;
                }

                @Override
                public ClassName flatten(Op.Flatten op) {
                    return null;
                }

                @Override
                public ClassName reshape(Op.Reshape op) {
                    return null;
                }

                @Override
                public ClassName upsample(Op.Upsample op) {
                    return null;
                }

                @Override
                public ClassName gaussianHeads(Op.GaussianHeads op) {
                    return Djl.GAUSSIAN_HEADS;
                }

                @Override
                public ClassName labelMaps(Op.LabelMaps op) {
                    return null;
                }

                @Override
                public ClassName labelEmbedding(Op.LabelEmbedding op) {
                    return Djl.LABEL_EMBEDDING;
                }
            };

    /** {@code <layer>} for the layer's main block, {@code <layer>Norm} for its batch norm. */
    static String fieldName(Layer layer, Op op) {
        return op instanceof Op.BatchNorm ? layer.name() + "Norm" : layer.name();
    }

    /** The builder chain of a child block's op. */
    private static CodeBlock builder(Op op) {
        CodeBlock.Builder code = CodeBlock.builder();
        if (op instanceof Op.Conv c) {
            // The field stays DJL's Conv2d; CheckedConv2d is one that runs on a kernel checked right here.
            ClassName type = c.spectralNorm() ? Djl.SPECTRAL_NORM_CONV2D : Djl.CHECKED_CONV2D;
            convolution(code, type, c.filters(), c.kernel(), c.stride(), c.padding(), 0, 0, c.dilation(), c.bias());
        } else if (op instanceof Op.Deconv d) {
            convolution(code, Djl.TRANSPOSED_CONV2D, d.filters(), d.kernel(), d.stride(), d.padding(),
                    d.outPaddingH(), d.outPaddingW(), d.dilation(), d.bias());
        } else if (op instanceof Op.Linear l) {
            code.add("$T.builder()\n", Djl.LINEAR).add(".setUnits($L)\n", l.units()).add(".optBias($L)\n", l.bias());
        } else if (op instanceof Op.GaussianHeads h) {
            return CodeBlock.of("new $T($L)", Djl.GAUSSIAN_HEADS, h.latent());
        } else if (op instanceof Op.LabelEmbedding e) {
            // N(0, 1) rows, PyTorch's nn.Embedding default: the DCGAN N(0, 0.02) would start every class alike
            return CodeBlock.of("new $T(CLASSES, $L, 1f)", Djl.LABEL_EMBEDDING, e.dim());
        } else if (op instanceof Op.BatchNorm) {
            code.add("$T.builder()\n", Djl.BATCH_NORM);
        } else {
            throw childBlock(op);
        }
        return code.add(".build()").build();
    }

    /** A convolution builder chain; options at their defaults are left out. */
    private static void convolution(CodeBlock.Builder code, ClassName type, int filters, int kernel, int stride,
            int padding, long outPaddingH, long outPaddingW, int dilation, boolean bias) {
        code.add("$T.builder()\n", type)
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
        code.add(".optBias($L)\n", bias);
    }

    /** {@code new Shape(3, 64, 64)}. */
    static CodeBlock shape(TensorShape shape) {
        return CodeBlock.of("new $T($L)", Djl.SHAPE, shape.commaSeparated());
    }
}
