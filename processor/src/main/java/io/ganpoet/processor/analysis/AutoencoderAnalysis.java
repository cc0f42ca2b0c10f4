package io.ganpoet.processor.analysis;

import io.ganpoet.processor.model.EncoderSpec;
import io.ganpoet.processor.model.GeneratedNames;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.processor.model.Problem;
import io.ganpoet.processor.model.TensorShape;
import java.util.ArrayList;
import java.util.List;

/**
 * What an autoencoder adds to {@link PairAnalysis}: the latent rules, a variational encoder's last
 * layer ({@value GeneratedNames#HEADS}, two Gaussian heads) and the decoder's input. A plain
 * autoencoder's decoder starts from the encoder's output as it is; a VAE's from a flat latent whose
 * projection and reshape are the heads' mirror. Pure.
 */
public final class AutoencoderAnalysis implements PairAnalysis.Rules {

    private final EncoderSpec spec;

    AutoencoderAnalysis(EncoderSpec spec) {
        this.spec = spec;
    }

    /** An {@code @Encoder} spec checked end to end. */
    public static PairAnalysis.Plan analyse(EncoderSpec spec) {
        return PairAnalysis.analyse(spec);
    }

    @Override
    public void check(List<Problem> problems) {
        int latent = spec.latent();
        if (!spec.variational()) {
            if (latent != 0) {
                problems.add(Problem.error(
                        spec.kind().specAt("latent"),
                        spec.interfaceName() + ": latent = " + latent + " is set on a non-variational encoder,"
                                + " whose code is the encoder's own output; set variational = true for a VAE"
                                + " with Gaussian heads of that size, or remove latent"));
            }
            return;
        }
        if (latent < 1) {
            problems.add(Problem.error(
                    spec.kind().specAt("latent"),
                    spec.interfaceName() + ": a variational encoder needs latent >= 1 (the size of its mean"
                            + " and log-variance heads), got " + latent
                            + (latent == 0 ? "; add latent = 16, say" : "")));
        } else if (latent > Limits.MAX_SIZE) {
            problems.add(Checks.tooLarge(spec.kind().specAt("latent"), spec.interfaceName(), "latent", latent));
        }
    }

    @Override
    public List<Layer> stackLayers(List<Layer> planned) {
        if (!spec.variational()) {
            return planned;
        }
        List<Layer> layers = new ArrayList<>(planned);
        TensorShape code = layers.get(layers.size() - 1).output();
        layers.add(new Layer(
                GeneratedNames.HEADS,
                "",
                spec.kind().specAt("latent"),
                code,
                List.of(new Op.GaussianHeads(spec.latent()))));
        return layers;
    }

    @Override
    public TensorShape mirrorInput(Network encoder) {
        TensorShape code = encoder.output();
        if (spec.variational()) {
            return TensorShape.of(spec.latent());
        }
        return code.isMap() ? code : TensorShape.of(code.elements());
    }
}
