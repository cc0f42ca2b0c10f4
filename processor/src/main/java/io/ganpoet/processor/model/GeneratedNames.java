package io.ganpoet.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every name generated code declares or depends on, decided once: the generated classes, the fields
 * a layer becomes, the constants of the generated blocks and holders, the layers ganpoet adds of its
 * own, and the words a name must not take. Analyses check names against it and writers write from
 * it, so a name cannot be accepted by one and written differently by the other. Pure.
 */
public final class GeneratedNames {

    /** Appended to a layer's name for its batch norm's field: {@code conv2} → {@code conv2Norm}. */
    public static final String NORM = "Norm";

    /** Appended to a layer's name for the mirrored layer: {@code conv2} → {@code conv2Mirror}. */
    public static final String MIRROR = "Mirror";

    /** The constants every generated block declares. */
    public static final String VERSION = "VERSION";

    public static final String LAYERS = "LAYERS";
    public static final String INPUT_SHAPE = "INPUT_SHAPE";
    public static final String OUTPUT_SHAPE = "OUTPUT_SHAPE";

    /** The number of classes, declared by a conditional pair's blocks and holder. */
    public static final String CLASSES = "CLASSES";

    /** A GAN holder's latent channels. */
    public static final String LATENT = "LATENT";

    /** A holder's layer tables as text. */
    public static final String SUMMARY = "SUMMARY";

    /** The layer of a variational encoder's Gaussian heads. */
    public static final String HEADS = "heads";

    /** A conditional discriminator's label layer. */
    public static final String LABEL_MAPS = "labelMaps";

    /** A conditional generator's label layer, and its field. */
    public static final String LABEL_EMBEDDING = "labelEmbedding";

    /** The constants a generated block declares itself; a layer field cannot take them. */
    public static final Set<String> BLOCK_CONSTANTS = Set.of(VERSION, LAYERS, INPUT_SHAPE, OUTPUT_SHAPE);

    /** Layers ganpoet adds to a spec's networks; a block cannot take their names. */
    public static final Set<String> ADDED_LAYERS = Set.of(HEADS, LABEL_MAPS, LABEL_EMBEDDING);

    /**
     * The first segments of the packages generated code names types from. A field of one of these
     * names hides the package wherever JavaPoet writes a type by its qualified name (which it does
     * when a layer shares the type's simple name), so {@code io.ganpoet...} would read the field.
     */
    public static final Set<String> PACKAGE_ROOTS = Set.of("ai", "io", "java", "javax");

    /** Identifiers that cannot name a class. */
    public static final Set<String> RESTRICTED = Set.of("var", "yield", "record", "sealed", "permits");

    /** {@code java.lang} types generated code names by their simple names. */
    public static final List<String> JAVA_LANG = List.of("Override", "String", "Object", "IllegalArgumentException");

    private GeneratedNames() {}

    /** The interface name without the kind's suffix: {@code Foo} for {@code FooDiscriminator}. */
    public static String baseName(PairKind kind, String interfaceName) {
        String suffix = kind.interfaceSuffix();
        if (interfaceName.endsWith(suffix) && interfaceName.length() > suffix.length()) {
            return interfaceName.substring(0, interfaceName.length() - suffix.length());
        }
        return interfaceName;
    }

    /** {@code FooDiscriminatorBlock}, {@code FooEncoderBlock}. */
    public static String stackClass(PairKind kind, String interfaceName) {
        return baseName(kind, interfaceName) + PairKind.capitalized(kind.stackRole()) + "Block";
    }

    /** The mirror's explicit name, else {@code FooGeneratorBlock}, {@code FooDecoderBlock}. */
    public static String mirrorClass(PairKind kind, String interfaceName, String explicitName) {
        return explicitName.isEmpty()
                ? baseName(kind, interfaceName) + PairKind.capitalized(kind.mirrorRole()) + "Block"
                : explicitName;
    }

    /** {@code FooGan}, {@code FooAutoencoder}. */
    public static String holderClass(PairKind kind, String interfaceName) {
        return baseName(kind, interfaceName) + kind.holderSuffix();
    }

    /** The holder's constant holding a network's layer summaries: {@code GENERATOR_LAYERS}. */
    public static String layersConstant(String role) {
        return role.toUpperCase(java.util.Locale.ROOT) + "_LAYERS";
    }

    /** The constants a kind's holder declares; it names the mirror by its simple name, so they cannot name it. */
    public static Set<String> holderConstants(PairKind kind, boolean conditional) {
        Set<String> names = new TreeSet<>();
        if (kind == PairKind.GAN) {
            names.add(LATENT);
        }
        if (conditional) {
            names.add(CLASSES);
        }
        names.add(SUMMARY);
        names.add(layersConstant(kind.stackRole()));
        names.add(layersConstant(kind.mirrorRole()));
        return names;
    }

    /** The field of a layer's batch norm. */
    public static String normField(String layer) {
        return layer + NORM;
    }

    /** The name of the layer mirroring {@code layer}. */
    public static String mirrorLayer(String layer) {
        return layer + MIRROR;
    }

    /** Every field a spec block named {@code name} can give rise to, in either network: name, norm, mirror, mirror's norm. */
    public static List<String> blockFields(String name) {
        List<String> fields = new ArrayList<>(4);
        fields.add(name);
        fields.add(normField(name));
        fields.add(mirrorLayer(name));
        fields.add(normField(mirrorLayer(name)));
        return fields;
    }
}
