package io.ganpoet.processor.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A per-sample tensor shape: {@code (C, H, W)} for feature maps, {@code (F)} for features. */
public record TensorShape(long[] dims) {

    public TensorShape {
        dims = dims.clone();
    }

    public static TensorShape of(long... dims) {
        return new TensorShape(dims);
    }

    public boolean isMap() {
        return dims.length == 3;
    }

    public long channels() {
        return dims[0];
    }

    public long height() {
        return dims[1];
    }

    public long width() {
        return dims[2];
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The spatial size as people write it: {@code 7×7}. */
    public String spatial() {
        return height() + "×" + width();
    }

    /** ASCII form for generated sources: {@code 64x32x32}. */
    public String ascii() {
        return Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining("x"));
    }

    /** Comma-separated, for Java source and Javadoc: {@code 64, 32, 32}. */
    public String commaSeparated() {
        return Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining("×"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorShape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }
}
