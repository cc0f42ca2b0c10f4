package io.ganpoet.processor;

import io.ganpoet.processor.BlockWalker.SpecSite;
import io.ganpoet.processor.model.ConditioningSpec;
import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DenseBlockSpec;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.EncoderSpec;
import io.ganpoet.processor.model.Location;
import io.ganpoet.processor.model.MirrorSpec;
import io.ganpoet.processor.model.ModelSpec;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.spec.Activation;
import io.ganpoet.spec.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Reads a {@code @Discriminator} type into a {@link DiscriminatorSpec}, an {@code @Encoder} type into an
 * {@link EncoderSpec} (the same stack). Annotations are read by
 * name through the mirrors {@link BlockWalker} found, in source order, with defaults filled in; enum
 * constants become the spec's own enums. Structural problems of the annotated type come back as {@link
 * Problem}s; values are checked later, by {@code StackAnalysis} and {@code GanAnalysis}.
 */
final class SpecReader {

    static final String DISCRIMINATOR = "io.ganpoet.spec.Discriminator";
    static final String ENCODER = "io.ganpoet.spec.Encoder";
    static final String CONV_BLOCK = "io.ganpoet.spec.ConvBlock";
    static final String CONV_BLOCKS = "io.ganpoet.spec.ConvBlocks";
    static final String DENSE_BLOCK = "io.ganpoet.spec.DenseBlock";
    static final String DENSE_BLOCKS = "io.ganpoet.spec.DenseBlocks";

    /** What was read: the spec ({@code null} when the type cannot carry one) and the problems. */
    record Read(ModelSpec spec, List<Problem> problems) {}

    private final Elements elements;

    SpecReader(Elements elements) {
        this.elements = elements;
    }

    Read read(SpecSite site) {
        TypeElement type = site.type();
        List<Problem> problems = new ArrayList<>();
        boolean encoder = BlockWalker.qualifiedName(site.discriminator()).equals(ENCODER);
        checkStructure(type, encoder ? "@Encoder" : "@Discriminator", problems);
        if (!problems.isEmpty()) {
            return new Read(null, problems);
        }
        try {
            Map<String, AnnotationValue> d = values(site.discriminator());
            List<ConvBlockSpec> convs = new ArrayList<>();
            for (int i = 0; i < site.convBlocks().size(); i++) {
                convs.add(conv(i, values(site.convBlocks().get(i).mirror())));
            }
            List<DenseBlockSpec> denses = new ArrayList<>();
            for (int i = 0; i < site.denseBlocks().size(); i++) {
                denses.add(dense(i, values(site.denseBlocks().get(i).mirror())));
            }
            writtenOrder(site, denses, problems);
            PackageElement pkg = elements.getPackageOf(type);
            if (encoder) {
                MirrorSpec decoder = mirror(typed(d, "decoder", AnnotationMirror.class), MirrorSpec.decoderDefaults());
                EncoderSpec spec = EncoderSpec.of(
                        pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString(),
                        type.getSimpleName().toString(),
                        intValue(d, "channels"),
                        intValue(d, "height"),
                        intValue(d, "width"),
                        boolValue(d, "variational"),
                        intValue(d, "latent"),
                        decoder,
                        convs,
                        denses);
                return new Read(spec, problems);
            }
            MirrorSpec generator =
                    mirror(typed(d, "generator", AnnotationMirror.class), MirrorSpec.generatorDefaults());
            DiscriminatorSpec spec = DiscriminatorSpec.of(
                    pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString(),
                    type.getSimpleName().toString(),
                    intValue(d, "channels"),
                    intValue(d, "height"),
                    intValue(d, "width"),
                    intValue(d, "latent"),
                    generator,
                    new ConditioningSpec(intValue(d, "classes"), intValue(d, "labelEmbedding")),
                    convs,
                    denses);
            return new Read(spec, problems);
        } catch (IncompleteAnnotationException e) {
            // javac has already reported the missing or mistyped attribute; nothing to add.
            return new Read(null, problems);
        } catch (UnknownConstantException e) {
            problems.add(Problem.error(Location.type(), e.getMessage()));
            return new Read(null, problems);
        }
    }

    /**
     * The network runs its conv blocks, then its dense blocks (a dense block flattens the map, which
     * no conv block reads), so a dense block written above a conv block would silently run in another
     * order than written: an error on that dense block.
     */
    private static void writtenOrder(SpecSite site, List<DenseBlockSpec> denses, List<Problem> problems) {
        for (int i = 0; i < denses.size(); i++) {
            int conv = site.block(false, i).convAfter();
            if (conv >= 0) {
                problems.add(Problem.error(
                        denses.get(i).at(null),
                        denses.get(i).name() + ": this @DenseBlock is"
                                + " written above conv block " + (conv + 1)
                                + ", but dense blocks run after every conv block"
                                + " (they flatten the feature map); move it below the last @ConvBlock"));
            }
        }
    }

    private static void checkStructure(TypeElement type, String annotation, List<Problem> problems) {
        String name = type.getSimpleName().toString();
        if (type.getKind() != ElementKind.INTERFACE) {
            problems.add(Problem.error(
                    Location.type(),
                    annotation + " goes on an interface; "
                            + name
                            + " is "
                            + article(type)
                            + ". Declare it as 'interface "
                            + name
                            + " {}'"));
            return;
        }
        if (!type.getTypeParameters().isEmpty()) {
            problems.add(Problem.error(
                    Location.type(),
                    annotation + " interface " + name + " must not be generic; remove its type parameters"));
        }
        NestingKind nesting = type.getNestingKind();
        if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
            problems.add(Problem.error(
                    Location.type(),
                    annotation + " interface "
                            + name
                            + " is local to a method; generated classes go in its package, so"
                            + " declare it at top level or as a member type"));
        } else if (nesting == NestingKind.MEMBER && type.getModifiers().contains(Modifier.PRIVATE)) {
            problems.add(Problem.error(
                    Location.type(),
                    annotation + " interface "
                            + name
                            + " is private; generated classes in its package link to it, so"
                            + " make it at least package-private"));
        }
    }

    private static String article(TypeElement type) {
        if (type.getNestingKind() == NestingKind.MEMBER
                && type.getKind() == ElementKind.CLASS
                && !type.getModifiers().contains(Modifier.STATIC)) {
            return "a non-static nested class";
        }
        switch (type.getKind()) {
            case ANNOTATION_TYPE:
                return "an annotation type";
            case ENUM:
                return "an enum";
            case RECORD:
                return "a record";
            default:
                return "a class";
        }
    }

    private Map<String, AnnotationValue> values(AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = new java.util.HashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                elements.getElementValuesWithDefaults(mirror).entrySet()) {
            values.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
        return values;
    }

    private static ConvBlockSpec conv(int index, Map<String, AnnotationValue> v) {
        String name = stringValue(v, "name");
        return new ConvBlockSpec(
                index,
                name.isEmpty() ? "conv" + (index + 1) : name,
                intValue(v, "filters"),
                intValue(v, "kernel"),
                intValue(v, "stride"),
                intValue(v, "padding"),
                intValue(v, "dilation"),
                boolValue(v, "bias"),
                boolValue(v, "batchNorm"),
                act(v, "activation"),
                floatValue(v, "leakySlope"),
                intValue(v, "maxPool"),
                floatValue(v, "dropout"),
                boolValue(v, "spectralNorm"));
    }

    private static DenseBlockSpec dense(int index, Map<String, AnnotationValue> v) {
        String name = stringValue(v, "name");
        return new DenseBlockSpec(
                index,
                name.isEmpty() ? "dense" + (index + 1) : name,
                intValue(v, "units"),
                act(v, "activation"),
                boolValue(v, "bias"),
                boolValue(v, "batchNorm"),
                floatValue(v, "dropout"),
                floatValue(v, "leakySlope"));
    }

    /**
     * The {@code @Generator} or {@code @Decoder} settings: the values written in the source, {@code
     * defaults} (the annotation's own, which a test holds equal) for the rest. The defaults of an
     * annotation nested as another one's default come from class files, where javac may still hold
     * them as unresolved proxies during processing, so they are not read from the mirror.
     */
    private static MirrorSpec mirror(AnnotationMirror mirror, MirrorSpec d) {
        Map<String, AnnotationValue> v = new java.util.HashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                mirror.getElementValues().entrySet()) {
            v.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
        return new MirrorSpec(
                v.containsKey("name") ? stringValue(v, "name") : d.name(),
                v.containsKey("activation") ? act(v, "activation") : d.activation(),
                v.containsKey("output") ? act(v, "output") : d.output(),
                v.containsKey("leakySlope") ? floatValue(v, "leakySlope") : d.leakySlope(),
                v.containsKey("batchNorm")
                        ? constant(Generator.BatchNormPolicy.class, enumName(v, "batchNorm"))
                        : d.batchNorm(),
                v.containsKey("bias") ? boolValue(v, "bias") : d.bias(),
                v.containsKey("activateProjection") ? boolValue(v, "activateProjection") : d.activateProjection());
    }

    /** An attribute javac could not give a value for; it reports that itself. */
    private static final class IncompleteAnnotationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        IncompleteAnnotationException(String attribute) {
            super(attribute, null, false, false);
        }
    }

    private static Object raw(Map<String, AnnotationValue> v, String key) {
        AnnotationValue value = v.get(key);
        if (value == null) {
            throw new IncompleteAnnotationException(key);
        }
        return value.getValue();
    }

    /** The attribute's value as {@code type}; javac has reported it if it is missing or mistyped. */
    private static <T> T typed(Map<String, AnnotationValue> v, String key, Class<T> type) {
        Object value = raw(v, key);
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        throw new IncompleteAnnotationException(key);
    }

    private static int intValue(Map<String, AnnotationValue> v, String key) {
        return typed(v, key, Integer.class);
    }

    private static float floatValue(Map<String, AnnotationValue> v, String key) {
        return typed(v, key, Number.class).floatValue();
    }

    private static boolean boolValue(Map<String, AnnotationValue> v, String key) {
        return typed(v, key, Boolean.class);
    }

    private static String stringValue(Map<String, AnnotationValue> v, String key) {
        return typed(v, key, String.class);
    }

    private static String enumName(Map<String, AnnotationValue> v, String key) {
        return typed(v, key, VariableElement.class).getSimpleName().toString();
    }

    private static Activation act(Map<String, AnnotationValue> v, String key) {
        return constant(Activation.class, enumName(v, key));
    }

    /** A constant this processor does not know: the annotations on the class path are newer. */
    private static final class UnknownConstantException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnknownConstantException(String message) {
            super(message, null, false, false);
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new UnknownConstantException(
                    type.getSimpleName() + "." + name + " is not known to this ganpoet processor; use the"
                            + " processor of the same version as ganpoet's annotations");
        }
    }
}
