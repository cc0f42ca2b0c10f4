package io.ganpoet.processor.model;

import io.ganpoet.spec.Activation;

/**
 * One operation of a layer, in the order the layer applies them. Operations with parameters or
 * state become child blocks (fields) in generated code; the rest are inline calls.
 *
 * <p>Sealed, and handled through {@link Visitor}: a new operation does not compile until every
 * writer and analysis says what it does with it.
 */
public sealed interface Op {

    <R> R accept(Visitor<R> visitor);

    /** One method per operation. */
    interface Visitor<R> {
        R conv(Conv op);

        R deconv(Deconv op);

        R linear(Linear op);

        R batchNorm(BatchNorm op);

        R activate(Activate op);

        R maxPool(MaxPool op);

        R dropout(Dropout op);

        R flatten(Flatten op);

        R reshape(Reshape op);

        R upsample(Upsample op);

        R gaussianHeads(GaussianHeads op);

        R labelMaps(LabelMaps op);

        R labelEmbedding(LabelEmbedding op);
    }

    /** The per-sample output shape for a per-sample input shape. */
    TensorShape output(TensorShape input);

    /** Trainable parameters. */
    default long parameters(TensorShape input) {
        return 0;
    }

    /** Multiply-adds per sample (convolutions and linear maps only). */
    default long multiplyAdds(TensorShape input) {
        return 0;
    }

    /** Short text for layer tables, ASCII only. */
    String describe();

    /** {@code ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1}. */
    static long convOutput(long in, int kernel, int stride, int padding, int dilation) {
        return Math.floorDiv(in + 2L * padding - (long) dilation * (kernel - 1) - 1, stride) + 1;
    }

    /** {@code (in − 1)s − 2p + d(k − 1) + outPadding + 1}. */
    static long deconvOutput(long in, int kernel, int stride, int padding, int dilation, long outPadding) {
        return (in - 1) * stride - 2L * padding + (long) dilation * (kernel - 1) + outPadding + 1;
    }

    /** Square convolution; with {@code spectralNorm} its weight is spectrally normalised. */
    record Conv(int filters, int kernel, int stride, int padding, int dilation, boolean bias, boolean spectralNorm)
            implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.conv(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return TensorShape.of(
                    filters,
                    convOutput(in.height(), kernel, stride, padding, dilation),
                    convOutput(in.width(), kernel, stride, padding, dilation));
        }

        @Override
        public long parameters(TensorShape in) {
            return Math.addExact(product(filters, in.channels(), kernel, kernel), bias ? filters : 0);
        }

        @Override
        public long multiplyAdds(TensorShape in) {
            TensorShape out = output(in);
            return product(out.height(), out.width(), filters, in.channels(), kernel, kernel);
        }

        @Override
        public String describe() {
            return (spectralNorm ? "SN-Conv2d " : "Conv2d ") + geometry(kernel, stride, padding, dilation);
        }
    }

    /** Square transposed convolution with per-axis output padding. */
    record Deconv(
            int filters,
            int kernel,
            int stride,
            int padding,
            int dilation,
            long outPaddingH,
            long outPaddingW,
            boolean bias)
            implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deconv(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return TensorShape.of(
                    filters,
                    deconvOutput(in.height(), kernel, stride, padding, dilation, outPaddingH),
                    deconvOutput(in.width(), kernel, stride, padding, dilation, outPaddingW));
        }

        @Override
        public long parameters(TensorShape in) {
            return Math.addExact(product(in.channels(), filters, kernel, kernel), bias ? filters : 0);
        }

        @Override
        public long multiplyAdds(TensorShape in) {
            return product(in.height(), in.width(), in.channels(), filters, kernel, kernel);
        }

        @Override
        public String describe() {
            String text = "ConvT2d " + geometry(kernel, stride, padding, dilation);
            if (outPaddingH != 0 || outPaddingW != 0) {
                text += outPaddingH == outPaddingW ? " op" + outPaddingH : " op" + outPaddingH + "," + outPaddingW;
            }
            return text;
        }
    }

    /** Fully connected map over features. */
    record Linear(long units, boolean bias) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.linear(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return TensorShape.of(units);
        }

        @Override
        public long parameters(TensorShape in) {
            return Math.addExact(product(in.elements(), units), bias ? units : 0);
        }

        @Override
        public long multiplyAdds(TensorShape in) {
            return product(in.elements(), units);
        }

        @Override
        public String describe() {
            return "Linear " + units;
        }
    }

    /** Batch norm over channels (maps) or features. */
    record BatchNorm() implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.batchNorm(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return in;
        }

        @Override
        public long parameters(TensorShape in) {
            return 2 * in.channels();
        }

        @Override
        public String describe() {
            return "BatchNorm";
        }
    }

    record Activate(Activation activation, float slope) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.activate(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return in;
        }

        @Override
        public String describe() {
            return Activations.describe(activation, slope);
        }
    }

    /** Max pool with window = stride, no padding. */
    record MaxPool(int window) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.maxPool(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return TensorShape.of(in.channels(), in.height() / window, in.width() / window);
        }

        @Override
        public String describe() {
            return "MaxPool " + window;
        }
    }

    record Dropout(float rate) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dropout(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return in;
        }

        @Override
        public String describe() {
            return "Dropout " + Activations.formatFloat(rate);
        }
    }

    /** {@code (C, H, W)} → {@code (C·H·W)}. */
    record Flatten() implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.flatten(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return TensorShape.of(in.elements());
        }

        @Override
        public String describe() {
            return "Flatten";
        }
    }

    /** Features (or a 1×1 map) → the given shape. */
    record Reshape(TensorShape shape) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reshape(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return shape;
        }

        @Override
        public String describe() {
            return "Reshape " + shape.ascii();
        }
    }

    /** Nearest-neighbour resize to an exact size. */
    record Upsample(long height, long width) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.upsample(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return TensorShape.of(in.channels(), height, width);
        }

        @Override
        public String describe() {
            return "Upsample " + height + "x" + width;
        }
    }

    /**
     * A variational encoder's heads: the input flattened, then two linear maps to {@code latent}
     * means and log-variances. Its output shape {@code (2, latent)} is the two stacked, as the
     * layer tables and {@code forwardLayers} show them; the block's forward returns them as two
     * arrays.
     */
    record GaussianHeads(int latent) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.gaussianHeads(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return TensorShape.of(2, latent);
        }

        @Override
        public long parameters(TensorShape in) {
            return product(2, Math.addExact(product(in.elements(), latent), latent));
        }

        @Override
        public long multiplyAdds(TensorShape in) {
            return product(2, in.elements(), latent);
        }

        @Override
        public String describe() {
            return "Flatten, Linear " + latent + " (mean), Linear " + latent + " (log-variance)";
        }
    }

    /**
     * A conditional discriminator's label input: {@code classes} one-hot planes of the input's height
     * and width joined to its channels. Reads the labels; no parameters of its own (the next layer
     * grows by {@code classes} input channels).
     */
    record LabelMaps(int classes) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.labelMaps(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return TensorShape.of(Math.addExact(in.channels(), classes), in.height(), in.width());
        }

        @Override
        public String describe() {
            return "join " + classes + " one-hot label maps";
        }
    }

    /**
     * A conditional generator's label input: a learned {@code (classes, dim)} table's row for each
     * label, joined to the input's channels (broadcast over its height and width).
     */
    record LabelEmbedding(int classes, int dim) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.labelEmbedding(this);
        }

        @Override
        public TensorShape output(TensorShape in) {
            return TensorShape.of(Math.addExact(in.channels(), dim), in.height(), in.width());
        }

        @Override
        public long parameters(TensorShape in) {
            return product(classes, dim);
        }

        /** The lookup is a one-hot row times the table. */
        @Override
        public long multiplyAdds(TensorShape in) {
            return product(classes, dim);
        }

        @Override
        public String describe() {
            return "Embedding(" + classes + ", " + dim + ")[label], joined to channels";
        }
    }

    /** The product, or an {@link ArithmeticException} when it overflows a long. */
    static long product(long... factors) {
        long p = 1;
        for (long f : factors) {
            p = Math.multiplyExact(p, f);
        }
        return p;
    }

    private static String geometry(int kernel, int stride, int padding, int dilation) {
        String text = kernel + "x" + kernel + " s" + stride + " p" + padding;
        return dilation == 1 ? text : text + " d" + dilation;
    }
}
