package io.ganpoet.processor.writer;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import io.ganpoet.processor.analysis.PairAnalysis;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.EncoderSpec;
import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.ModelSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.spec.Activation;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * What one kind of pair puts in its holder beside what {@link HolderWriter} writes for every kind:
 * the runtime interface, the words of its Javadoc, its own constants and getters.
 */
interface HolderParts {

    /** The runtime interface the holder implements. */
    ClassName model();

    /** What the pair is, in the Javadoc's first sentence: {@code GAN}, {@code variational autoencoder}. */
    String what();

    /** The Javadoc paragraph on what each network takes and returns. */
    CodeBlock shapesDoc();

    /** Whether the Javadoc shows the layer tables. */
    boolean tableInJavadoc();

    /** The heading of a network's layer table. */
    String heading(Network network);

    /** The kind's constants, declared before the layer tables. */
    List<FieldSpec> fields();

    /** The kind's getters, between {@code name()} and the factories. */
    List<MethodSpec> getters(ClassName stackType, ClassName mirrorType);

    /** What the output of the network a loss reads means. */
    MethodSpec outputGetter();

    static HolderParts of(ModelSpec spec, PairAnalysis.Plan plan) {
        return spec.accept(new ModelSpec.Visitor<HolderParts>() {
            @Override
            public HolderParts gan(DiscriminatorSpec s) {
                return new Gan(s, plan);
            }

            @Override
            public HolderParts autoencoder(EncoderSpec s) {
                return new Autoencoder(s, plan);
            }
        });
    }

    private static FieldSpec constant(String name, String doc, int value) {
        return FieldSpec.builder(int.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc(doc)
                .initializer("$L", value)
                .build();
    }

    /** A GAN's holder, {@code GanModel}: the latent, a conditional pair's classes, the discriminator's output. */
    record Gan(DiscriminatorSpec spec, PairAnalysis.Plan plan) implements HolderParts {
        @Override
        public ClassName model() {
            return Djl.GAN_MODEL;
        }

        @Override
        public String what() {
            return "GAN";
        }

        @Override
        public CodeBlock shapesDoc() {
            Network generator = plan.mirror();
            Network discriminator = plan.stack();
            String scores = plan.probabilities() ? "probabilities" : "scores (logits)";
            if (spec.conditional()) {
                return CodeBlock.of(
                        "<p>Conditioned on $L classes: the generator takes {@code NDList(z, labels)}, latents {@code (N,"
                                + " $L)} and labels {@code (N)}, and returns images {@code (N, $L)}; the discriminator"
                                + " takes {@code NDList(images, labels)} and returns {@code (N, $L)} $L.\n",
                        spec.conditioning().classes(),
                        generator.input().commaSeparated(),
                        discriminator.input().commaSeparated(),
                        discriminator.output().commaSeparated(),
                        scores);
            }
            return CodeBlock.of(
                    "<p>The generator takes latents {@code (N, $L)} and returns images {@code (N, $L)};"
                            + " the discriminator returns {@code (N, $L)} $L.\n",
                    generator.input().commaSeparated(),
                    discriminator.input().commaSeparated(),
                    discriminator.output().commaSeparated(),
                    scores);
        }

        @Override
        public boolean tableInJavadoc() {
            return false;
        }

        @Override
        public String heading(Network network) {
            return (network == plan.stack() ? "Discriminator " : "Generator ") + network.className();
        }

        @Override
        public List<FieldSpec> fields() {
            List<FieldSpec> fields = new ArrayList<>();
            fields.add(constant(GeneratedNames.LATENT, "Latent channels.\n", spec.latent()));
            if (spec.conditional()) {
                fields.add(constant(
                        GeneratedNames.CLASSES,
                        "Number of classes: labels are class indices in {@code [0, CLASSES)}.\n",
                        spec.conditioning().classes()));
            }
            return fields;
        }

        @Override
        public List<MethodSpec> getters(ClassName discriminatorType, ClassName generatorType) {
            List<MethodSpec> getters = new ArrayList<>();
            getters.add(HolderWriter.getter("latentSize", TypeName.INT, CodeBlock.of("$L", GeneratedNames.LATENT)));
            if (spec.conditional()) {
                getters.add(HolderWriter.getter("classes", TypeName.INT, CodeBlock.of("$L", GeneratedNames.CLASSES)));
            }
            getters.add(HolderWriter.getter("latentShape", Djl.SHAPE, CodeBlock.of("$T.INPUT_SHAPE", generatorType)));
            getters.add(
                    HolderWriter.getter("imageShape", Djl.SHAPE, CodeBlock.of("$T.INPUT_SHAPE", discriminatorType)));
            return getters;
        }

        @Override
        public MethodSpec outputGetter() {
            return HolderWriter.getter(
                    "discriminatorOutput",
                    Djl.DISCRIMINATOR_OUTPUT,
                    CodeBlock.of("$T.$L", Djl.DISCRIMINATOR_OUTPUT, plan.probabilities() ? "PROBABILITY" : "LOGIT"));
        }
    }

    /** An autoencoder's holder, {@code AutoencoderModel}: whether it is variational, the decoder's output range. */
    record Autoencoder(EncoderSpec spec, PairAnalysis.Plan plan) implements HolderParts {
        @Override
        public ClassName model() {
            return Djl.AUTOENCODER_MODEL;
        }

        @Override
        public String what() {
            return spec.variational() ? "variational autoencoder" : "autoencoder";
        }

        @Override
        public CodeBlock shapesDoc() {
            return CodeBlock.of(
                    spec.variational()
                            ? "<p>The encoder takes images {@code (N, $L)} and returns the mean and the"
                                    + " log-variance, each {@code (N, $L)}; the decoder takes latents"
                                    + " {@code (N, $L)} and returns images.\n\n"
                            : "<p>The encoder takes images {@code (N, $L)} and returns codes {@code (N, $L)};"
                                    + " the decoder takes codes {@code (N, $L)} and returns images.\n\n",
                    plan.stack().input().commaSeparated(),
                    plan.mirror().input().commaSeparated(),
                    plan.mirror().input().commaSeparated());
        }

        @Override
        public boolean tableInJavadoc() {
            return true;
        }

        @Override
        public String heading(Network network) {
            if (network == plan.stack()) {
                String code = spec.variational()
                        ? "mean and log-variance of " + spec.latent()
                        : network.output().ascii();
                return "Encoder " + network.className() + " (" + network.input().ascii() + " to " + code + ")";
            }
            return "Decoder " + network.className() + " (" + network.input().ascii() + " to "
                    + network.output().ascii() + ")";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of();
        }

        @Override
        public List<MethodSpec> getters(ClassName encoderType, ClassName decoderType) {
            return List.of(
                    HolderWriter.getter("imageShape", Djl.SHAPE, CodeBlock.of("$T.INPUT_SHAPE", encoderType)),
                    HolderWriter.getter("variational", TypeName.BOOLEAN, CodeBlock.of("$L", spec.variational())),
                    HolderWriter.getter("latentShape", Djl.SHAPE, CodeBlock.of("$T.INPUT_SHAPE", decoderType)));
        }

        /** SIGMOID and TANH as such; any other output activation is reported as NONE (unbounded). */
        @Override
        public MethodSpec outputGetter() {
            Activation output = spec.decoder().output();
            String range = output == Activation.SIGMOID ? "SIGMOID" : output == Activation.TANH ? "TANH" : "NONE";
            return HolderWriter.getter(
                    "decoderOutput", Djl.DECODER_OUTPUT, CodeBlock.of("$T.$L", Djl.DECODER_OUTPUT, range));
        }
    }
}
