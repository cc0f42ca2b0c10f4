package io.ganpoet.processor.model;

/**
 * One operation of a layer, in the order the layer applies them. Operations with parameters or
 * state become child blocks (fields) in generated code; the rest are inline calls.
 */
public sealed interface Op {

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
        public TensorShape output(TensorShape in) {
            return TensorShape.of(
                    filters,
                    convOutput(in.height(), kernel, stride, padding, dilation),
                    convOutput(in.width(), kernel, stride, padding, dilation));
        }

        @Override
        public long parameters(TensorShape in) {
            return (long) filters * in.channels() * kernel * kernel + (bias ? filters : 0);
        }

        @Override
        public long multiplyAdds(TensorShape in) {
            TensorShape out = output(in);
            return out.height() * out.width() * filters * in.channels() * kernel * kernel;
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
        public TensorShape output(TensorShape in) {
            return TensorShape.of(
                    filters,
                    deconvOutput(in.height(), kernel, stride, padding, dilation, outPaddingH),
                    deconvOutput(in.width(), kernel, stride, padding, dilation, outPaddingW));
        }

        @Override
        public long parameters(TensorShape in) {
            return in.channels() * filters * kernel * kernel + (bias ? filters : 0);
        }

        @Override
        public long multiplyAdds(TensorShape in) {
            return in.height() * in.width() * in.channels() * filters * kernel * kernel;
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
        public TensorShape output(TensorShape in) {
            return TensorShape.of(units);
        }

        @Override
        public long parameters(TensorShape in) {
            return in.elements() * units + (bias ? units : 0);
        }

        @Override
        public long multiplyAdds(TensorShape in) {
            return in.elements() * units;
        }

        @Override
        public String describe() {
            return "Linear " + units;
        }
    }

    /** Batch norm over channels (maps) or features. */
    record BatchNorm() implements Op {
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

    record Activate(Act activation, float slope) implements Op {
        @Override
        public TensorShape output(TensorShape in) {
            return in;
        }

        @Override
        public String describe() {
            return activation.describe(slope);
        }
    }

    /** Max pool with window = stride, no padding. */
    record MaxPool(int window) implements Op {
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
        public TensorShape output(TensorShape in) {
            return in;
        }

        @Override
        public String describe() {
            return "Dropout " + Act.formatFloat(rate);
        }
    }

    /** {@code (C, H, W)} → {@code (C·H·W)}. */
    record Flatten() implements Op {
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
        public TensorShape output(TensorShape in) {
            return TensorShape.of(in.channels(), height, width);
        }

        @Override
        public String describe() {
            return "Upsample " + height + "x" + width;
        }
    }

    private static String geometry(int kernel, int stride, int padding, int dilation) {
        String text = kernel + "x" + kernel + " s" + stride + " p" + padding;
        return dilation == 1 ? text : text + " d" + dilation;
    }
}
