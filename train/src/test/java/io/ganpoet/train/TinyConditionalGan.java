package io.ganpoet.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.CheckedConv2d;
import io.ganpoet.runtime.nn.LabelConditionedGenerator;
import io.ganpoet.runtime.nn.LabelMapsDiscriminator;
import io.ganpoet.runtime.nn.ProjectionDiscriminator;
import io.ganpoet.runtime.nn.TransposedConv2d;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.data.InMemoryImages;
import java.util.List;
import java.util.Random;

/**
 * A hand-written conditional 1×8×8 GAN on two classes (a bright square in the left or the right
 * half), with either kind of conditional discriminator.
 */
final class TinyConditionalGan implements GanModel {

    enum Conditioning {
        PROJECTION,
        LABEL_MAPS
    }

    private final DiscriminatorOutput output;
    private final Conditioning conditioning;

    TinyConditionalGan(DiscriminatorOutput output, Conditioning conditioning) {
        this.output = output;
        this.conditioning = conditioning;
    }

    @Override
    public String name() {
        return "TinyConditional";
    }

    @Override
    public int classes() {
        return 2;
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
        boolean sigmoid = output == DiscriminatorOutput.PROBABILITY;
        SequentialBlock features = new SequentialBlock()
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(8)
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(x -> Activation.leakyRelu(x, 0.2f));
        Block head = CheckedConv2d.builder()
                .setKernelShape(new Shape(4, 4))
                .setFilters(1)
                .build();
        if (conditioning == Conditioning.PROJECTION) {
            return new ProjectionDiscriminator(2, 8, features, head, sigmoid);
        }
        return new LabelMapsDiscriminator(2, features.add(head), sigmoid);
    }

    @Override
    public Block newGenerator() {
        return new LabelConditionedGenerator(
                2,
                4,
                new SequentialBlock()
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
                        .add(Activation::tanh));
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
        return "TinyConditional: hand-written conditional test GAN\n";
    }

    /** {@code count} labelled 8×8 images: label 0 = a 3×4 bright block in the left half, 1 = in the right half. */
    static ImageSet halves(int count, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[count * 64];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(2);
            int x0 = labels[i] == 0 ? random.nextInt(2) : 5 + random.nextInt(2) - 1;
            int y0 = random.nextInt(5);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    boolean inside = x >= x0 && x < x0 + 3 && y >= y0 && y < y0 + 4;
                    pixels[i * 64 + y * 8 + x] = (byte) ((inside ? 230 : 20) + random.nextInt(20));
                }
            }
        }
        return new InMemoryImages(pixels, labels, new Shape(1, 8, 8), "halves")
                .withClassNames(List.of("left", "right"));
    }
}
