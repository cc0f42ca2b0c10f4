package io.ganpoet.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.CheckedConv2d;
import io.ganpoet.runtime.nn.TransposedConv2d;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.data.InMemoryImages;
import java.util.List;
import java.util.Random;

/**
 * A hand-written 1×8×8 GAN (any DJL blocks can be trained, not only generated ones), and an easy
 * synthetic data set: a bright square on a dark background, jittered.
 */
final class TinyGan implements GanModel {

    private final DiscriminatorOutput output;

    TinyGan(DiscriminatorOutput output) {
        this.output = output;
    }

    @Override
    public String name() {
        return "Tiny";
    }

    @Override
    public int latentSize() {
        return 8;
    }

    @Override
    public Shape latentShape() {
        return new Shape(8, 1, 1);
    }

    @Override
    public Shape imageShape() {
        return new Shape(1, 8, 8);
    }

    @Override
    public Block newDiscriminator() {
        SequentialBlock d = new SequentialBlock()
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(8)
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(x -> Activation.leakyRelu(x, 0.2f))
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(1)
                        .build());
        if (output == DiscriminatorOutput.PROBABILITY) {
            d.add(Activation::sigmoid);
        }
        return d;
    }

    @Override
    public Block newGenerator() {
        return new SequentialBlock()
                .add(TransposedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(8)
                        .optBias(false)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(TransposedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(1)
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation::tanh);
    }

    @Override
    public DiscriminatorOutput discriminatorOutput() {
        return output;
    }

    @Override
    public List<LayerSummary> discriminatorLayers() {
        return List.of();
    }

    @Override
    public List<LayerSummary> generatorLayers() {
        return List.of();
    }

    @Override
    public String summary() {
        return "Tiny: hand-written test GAN\n";
    }

    /** {@code count} 8×8 images: a 4×4 bright square at a random offset, plus a little noise. */
    static ImageSet squares(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * 64];
        for (int i = 0; i < count; i++) {
            int ox = random.nextInt(3);
            int oy = random.nextInt(3);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean inside = x >= 2 + ox - 1 && x < 6 + ox - 1 && y >= 2 + oy - 1 && y < 6 + oy - 1;
                    int value = (inside ? 230 : 20) + random.nextInt(20);
                    pixels[i * 64 + y * 8 + x] = (byte) value;
                }
            }
        }
        return new InMemoryImages(pixels, null, new Shape(1, 8, 8), "squares");
    }
}
