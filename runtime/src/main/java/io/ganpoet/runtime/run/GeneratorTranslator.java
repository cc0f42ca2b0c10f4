package io.ganpoet.runtime.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.image.ImageGrid;
import java.awt.image.BufferedImage;

/**
 * Serves a generator the DJL way: a {@link SampleRequest} in, a grid picture out. The latents come
 * from the request's seed ({@link Latents}), so a {@code Predictor} draws what
 * {@link GeneratorSampler#grid} draws for the same request and checkpoint.
 */
public final class GeneratorTranslator implements NoBatchifyTranslator<SampleRequest, BufferedImage> {

    private final GanModel gan;
    private final int scale;

    /**
     * Creates the translator.
     *
     * @param gan the pair whose generator is served
     * @param scale pixel magnification of the pictures, at least 1
     */
    public GeneratorTranslator(GanModel gan, int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale " + scale + ": at least 1");
        }
        this.gan = gan;
        this.scale = scale;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, SampleRequest request) {
        NDManager manager = ctx.getNDManager();
        NDArray z = Latents.fixed(manager, gan.latentShape(), request.count(), request.seed());
        if (gan.classes() == 0) {
            if (request.label() != SampleRequest.ALL_CLASSES) {
                throw new IllegalArgumentException(
                        gan.name() + "'s generator is unconditional: it has no class " + request.label());
            }
            return new NDList(z);
        }
        if (request.label() >= gan.classes()) {
            throw new IllegalArgumentException("class " + request.label() + " is outside 0.." + (gan.classes() - 1));
        }
        NDArray labels = request.label() == SampleRequest.ALL_CLASSES
                ? Latents.balancedLabels(manager, request.count(), gan.classes())
                : manager.full(
                        new ai.djl.ndarray.types.Shape(request.count()),
                        request.label(),
                        ai.djl.ndarray.types.DataType.INT32);
        return new NDList(z, labels);
    }

    @Override
    public BufferedImage processOutput(TranslatorContext ctx, NDList list) {
        NDArray images = list.singletonOrThrow();
        return ImageGrid.render(
                images, ImageGrid.columnsFor((int) images.getShape().get(0)), scale);
    }
}
