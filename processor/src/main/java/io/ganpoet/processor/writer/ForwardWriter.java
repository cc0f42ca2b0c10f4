package io.ganpoet.processor.writer;

import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes a generated block's forward pass: {@code forwardInternal}, {@code forwardLayers} and {@code
 * logits} (plain, or taking the labels of a conditional network) over one straight-line {@code run}
 * that stops after any layer. Pure.
 */
final class ForwardWriter {

    private final Network network;
    private final BlockTraits traits;

    ForwardWriter(Network network, BlockTraits traits) {
        this.network = network;
        this.traits = traits;
    }

    /** The forward methods, in the order the block declares them. */
    List<MethodSpec> methods() {
        List<MethodSpec> methods = new java.util.ArrayList<>();
        methods.add(forwardInternal());
        methods.add(MethodSpec.methodBuilder("layerCount")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(int.class)
                .addStatement("return $L", GeneratedNames.LAYERS)
                .build());
        methods.add(forwardLayers());
        if (traits.conditional()) {
            methods.add(labelledForwardLayers());
        }
        if (traits.finalSigmoid() != null) {
            methods.add(logits());
            if (traits.conditional()) {
                methods.add(labelledLogits());
            }
        }
        methods.add(layerRunner());
        return methods;
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
        if (traits.heads() != null) {
            Layer last = network.layers().get(network.layers().size() - 1);
            return method.addComment("the heads return the mean and the log-variance, two arrays")
                    .addStatement(
                            "$T x = forwardLayers(parameterStore, inputs.singletonOrThrow(), training, LAYERS - 1)",
                            Djl.ND_ARRAY)
                    .addStatement(
                            "return this.$N.forward(parameterStore, new $T(x), training)",
                            OpCode.of(traits.heads()).field(last),
                            Djl.ND_LIST)
                    .build();
        }
        if (traits.conditional()) {
            return method.addStatement(
                            "$T.expectPair(inputs, $S, $S)", Djl.CONDITIONING, network.className(), traits.firstInput())
                    .addStatement(
                            "return new $T(run(parameterStore, inputs.get(0), inputs.get(1), training, LAYERS$L))",
                            Djl.ND_LIST,
                            traits.finalSigmoid() != null ? ", true" : "")
                    .build();
        }
        return method.addStatement(
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
                network.className() + " is conditional: it takes NDList(" + traits.firstInput() + ", labels); call "
                        + method + " with an NDList");
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
                traits.firstInput(),
                network.input().commaSeparated());
    }

    private MethodSpec labelledForwardLayers() {
        return MethodSpec.methodBuilder("forwardLayers")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Djl.ND_ARRAY)
                .addJavadoc("Runs the first {@code layers} layers of the table: 0 returns the input,"
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
                .addStatement(
                        "$T.expectPair(inputs, $S, $S)", Djl.CONDITIONING, network.className(), traits.firstInput())
                .addStatement(
                        "return run(parameterStore, inputs.get(0), inputs.get(1), training, layers$L)",
                        traits.finalSigmoid() != null ? ", true" : "")
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
                .addJavadoc(
                        "@return the logits, shape {@code (N, $L)}\n",
                        network.output().commaSeparated())
                .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                .addParameter(Djl.ND_LIST, "inputs")
                .addParameter(boolean.class, "training")
                .addStatement(
                        "$T.expectPair(inputs, $S, $S)", Djl.CONDITIONING, network.className(), traits.firstInput())
                .addStatement("return run(parameterStore, inputs.get(0), inputs.get(1), training, LAYERS, false)")
                .build();
    }

    private MethodSpec forwardLayers() {
        return MethodSpec.methodBuilder("forwardLayers")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Djl.ND_ARRAY)
                .addJavadoc(
                        traits.conditional()
                                ? CodeBlock.of(
                                        "Throws: this network is conditional and needs the labels; use {@link"
                                                + " #forwardLayers($T, $T, boolean, int)}.\n\n",
                                        Djl.PARAMETER_STORE,
                                        Djl.ND_LIST)
                                : CodeBlock.of("Runs the first {@code layers} layers of the table: 0 returns the input,"
                                        + " {@link #LAYERS} the whole network.\n\n"))
                .addJavadoc("@param parameterStore where the parameters live\n")
                .addJavadoc(
                        "@param input a batch of shape {@code (N, $L)}\n",
                        network.input().commaSeparated())
                .addJavadoc("@param training whether batch norm and dropout run in training mode\n")
                .addJavadoc("@param layers how many layers to run, 0 to {@link #LAYERS}\n")
                .addJavadoc("@return that layer's output\n")
                .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                .addParameter(Djl.ND_ARRAY, "input")
                .addParameter(boolean.class, "training")
                .addParameter(int.class, "layers")
                .addCode(
                        traits.conditional()
                                ? CodeBlock.builder()
                                        .addStatement(needsLabels("forwardLayers"))
                                        .build()
                                : CodeBlock.builder()
                                        .add(layersInRange())
                                        .addStatement(
                                                traits.finalSigmoid() != null
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
                        traits.conditional()
                                ? CodeBlock.of(
                                        "Throws: this network is conditional and needs the labels; use {@link"
                                                + " #logits($T, $T, boolean)}.\n\n",
                                        Djl.PARAMETER_STORE,
                                        Djl.ND_LIST)
                                : CodeBlock.of("Runs the whole network but its final sigmoid: the scores a loss"
                                        + " should read.\n\n"))
                .addJavadoc("@param parameterStore where the parameters live\n")
                .addJavadoc(
                        "@param input a batch of shape {@code (N, $L)}\n",
                        network.input().commaSeparated())
                .addJavadoc("@param training whether batch norm and dropout run in training mode\n")
                .addJavadoc(
                        "@return the logits, shape {@code (N, $L)}\n",
                        network.output().commaSeparated())
                .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                .addParameter(Djl.ND_ARRAY, "input")
                .addParameter(boolean.class, "training")
                .addStatement(
                        traits.conditional()
                                ? needsLabels("logits")
                                : CodeBlock.of("return run(parameterStore, input, training, LAYERS, false)"))
                .build();
    }

    /** The straight-line forward pass, stopping after {@code layers} layers. */
    private MethodSpec layerRunner() {
        Op sigmoid = traits.finalSigmoid();
        MethodSpec.Builder method = MethodSpec.methodBuilder("run")
                .addModifiers(Modifier.PRIVATE)
                .returns(Djl.ND_ARRAY)
                .addParameter(Djl.PARAMETER_STORE, "parameterStore")
                .addParameter(Djl.ND_ARRAY, "input");
        if (traits.conditional()) {
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
            method.beginControlFlow("if (layers < $L)", index)
                    .addStatement("return x")
                    .endControlFlow();
            method.addCode(
                    "// $L: $L -> $L\n",
                    layer.name(),
                    layer.input().ascii(),
                    layer.output().ascii());
            for (Op op : layer.ops()) {
                CodeBlock statement = OpCode.of(op).statement(layer);
                if (statement == null) {
                    continue;
                }
                if (op == sigmoid) {
                    method.beginControlFlow("if (finalSigmoid)")
                            .addStatement("$L", statement)
                            .endControlFlow();
                } else {
                    method.addStatement("$L", statement);
                }
            }
        }
        return method.addStatement("return x").build();
    }
}
