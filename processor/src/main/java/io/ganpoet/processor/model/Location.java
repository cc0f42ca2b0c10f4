package io.ganpoet.processor.model;

/**
 * Where in a spec a problem lies, independent of javac: the processor turns it into the element,
 * annotation and value (or source tree) to report on.
 *
 * @param target what the location is on
 * @param index the block index for {@link Target#CONV_BLOCK} / {@link Target#DENSE_BLOCK}, else -1
 * @param attribute the annotation attribute, or {@code null} for the annotation (or type) as a whole
 */
public record Location(Target target, int index, String attribute) {

    public enum Target {
        /** The annotated type itself. */
        TYPE,
        /** The {@code @Discriminator} annotation. */
        DISCRIMINATOR,
        /** The {@code @Generator} nested in {@code @Discriminator}. */
        GENERATOR,
        /** The {@code @Encoder} annotation. */
        ENCODER,
        /** The {@code @Decoder} nested in {@code @Encoder}. */
        DECODER,
        CONV_BLOCK,
        DENSE_BLOCK
    }

    // The spec and mirror annotations' locations come from their PairKind (specAt, mirrorAt).

    public static Location type() {
        return new Location(Target.TYPE, -1, null);
    }

    public static Location conv(int index, String attribute) {
        return new Location(Target.CONV_BLOCK, index, attribute);
    }

    public static Location dense(int index, String attribute) {
        return new Location(Target.DENSE_BLOCK, index, attribute);
    }
}
