package io.ganpoet.processor.writer;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeSpec;
import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.TensorShape;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Writes a {@link Network} as a DJL block: the class skeleton (constants, one field per child block
 * built in the constructor, shapes known at compile time, initialization); {@link ForwardWriter}
 * writes the forward pass and {@link OpCode} says what each op becomes. Pure: JavaPoet specs in,
 * specs out.
 */
public final class BlockWriter {

    private static final ArrayTypeName SHAPE_ARRAY = ArrayTypeName.of(Djl.SHAPE);

    private final Network network;
    private final String sourceName;
    private final AnnotationSpec generated;
    private final Set<String> qualified;
    private final BlockTraits traits;

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
        this.traits = BlockTraits.of(network);
    }
    /** The block's type. */
    public TypeSpec write() {
        TypeSpec.Builder type = TypeSpec.classBuilder(network.className())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(Djl.ABSTRACT_BLOCK)
                .addSuperinterface(Djl.LAYERED_BLOCK)
                .addJavadoc(javadoc())
                .alwaysQualify(qualified.toArray(String[]::new));
        if (traits.finalSigmoid() != null) {
            type.addSuperinterface(Djl.LOGITS_BLOCK);
        }
        if (generated != null) {
            type.addAnnotation(generated);
        }
        type.addField(
                FieldSpec.builder(byte.class, GeneratedNames.VERSION, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("1")
                        .build());
        type.addField(
                FieldSpec.builder(int.class, GeneratedNames.LAYERS, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Number of layers in the table above; see {@link #forwardLayers}.\n")
                        .initializer("$L", network.layers().size())
                        .build());
        type.addField(FieldSpec.builder(
                        Djl.SHAPE, GeneratedNames.INPUT_SHAPE, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Shape of one input sample, without the batch axis.\n")
                .initializer("$L", shape(network.input()))
                .build());
        type.addField(FieldSpec.builder(
                        Djl.SHAPE, GeneratedNames.OUTPUT_SHAPE, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(
                        traits.heads() != null
                                ? "Shape of one output sample, without the batch axis: the mean and the"
                                        + " log-variance stacked,\nas {@link #forwardLayers} returns them;"
                                        + " {@code forward} returns them as two arrays {@code (N, "
                                        + traits.heads().latent() + ")}.\n"
                                : "Shape of one output sample, without the batch axis.\n")
                .initializer("$L", shape(network.output()))
                .build());
        if (traits.conditional()) {
            type.addField(FieldSpec.builder(
                            int.class, GeneratedNames.CLASSES, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("Number of classes: labels are class indices in {@code [0, CLASSES)}.\n")
                    .initializer("$L", traits.classes())
                    .build());
        }
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Creates the block; call {@code initialize} before use.\n")
                .addStatement("super(VERSION)");
        for (Layer layer : network.layers()) {
            for (Op op : layer.ops()) {
                OpCode code = OpCode.of(op);
                if (!code.child()) {
                    continue;
                }
                String field = code.field(layer);
                type.addField(code.fieldType(), field, Modifier.PRIVATE, Modifier.FINAL);
                constructor.addStatement(
                        "this.$N = addChildBlock($S, $L)",
                        field,
                        field,
                        code.builder().get());
            }
        }
        type.addMethod(constructor.build());
        type.addMethods(new ForwardWriter(network, traits).methods());
        type.addMethod(getOutputShapes());
        type.addMethod(beforeInitialize());
        type.addMethod(initializeChildBlocks());
        return type.build();
    }

    private CodeBlock javadoc() {
        String role = network.role();
        CodeBlock.Builder doc =
                CodeBlock.builder().add("The $L of {@link $L}, generated by ganpoet.\n\n", role, sourceName);
        if (traits.conditional()) {
            doc.add(
                    "<p>Input {@code NDList($L, labels)}: {@code $L} {@code (N, $L)} and labels {@code (N)}, integer"
                            + " class indices in {@code [0, $L)}; output {@code (N, $L)}. Shapes, parameters and"
                            + " multiply-adds (per sample) as checked at compile time:\n\n",
                    traits.firstInput(),
                    traits.firstInput(),
                    network.input().commaSeparated(),
                    traits.classes(),
                    network.output().commaSeparated());
        } else if (traits.heads() != null) {
            // forward returns the two heads as two arrays; only forwardLayers stacks them
            doc.add(
                    "<p>Input {@code (N, $L)}; output the mean and the log-variance, two arrays {@code (N, $L)}"
                            + " ({@link #forwardLayers} stacks them as {@code (N, $L)}). Shapes, parameters and"
                            + " multiply-adds (per sample) as checked at compile time:\n\n",
                    network.input().commaSeparated(),
                    traits.heads().latent(),
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

    private MethodSpec getOutputShapes() {
        return MethodSpec.methodBuilder("getOutputShapes")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(SHAPE_ARRAY)
                .addParameter(SHAPE_ARRAY, "inputShapes")
                .addCode(
                        traits.heads() != null
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
                .addCode(
                        traits.conditional()
                                ? CodeBlock.builder()
                                        .addStatement(
                                                "$T.expectShapes(inputShapes, $S, $S)",
                                                Djl.CONDITIONING,
                                                network.className(),
                                                traits.firstInput())
                                        .build()
                                : CodeBlock.of(""))
                .addStatement("$T sample = inputShapes[0].slice(1)", Djl.SHAPE)
                .beginControlFlow("if (!sample.equals(INPUT_SHAPE))")
                .addStatement(
                        "throw new $T($S + inputShapes[0])",
                        IllegalArgumentException.class,
                        network.className() + " takes (N, " + network.input().commaSeparated() + "), got ")
                .endControlFlow()
                .build();
    }

    private MethodSpec initializeChildBlocks() {
        MethodSpec.Builder method = MethodSpec.methodBuilder("initializeChildBlocks")
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
                OpCode code = OpCode.of(layer.ops().get(i));
                if (!code.child()) {
                    continue;
                }
                method.addStatement(
                        "this.$N.initialize(manager, dataType, new $T(batch$L))",
                        code.field(layer),
                        Djl.SHAPE,
                        code.readsLabels() ? "" : ", " + shapes.get(i).commaSeparated());
            }
        }
        return method.build();
    }

    /** {@code new Shape(3, 64, 64)}. */
    static CodeBlock shape(TensorShape shape) {
        return CodeBlock.of("new $T($L)", Djl.SHAPE, shape.commaSeparated());
    }
}
