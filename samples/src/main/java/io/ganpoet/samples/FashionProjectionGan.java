package io.ganpoet.samples;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.CheckedConv2d;
import io.ganpoet.runtime.nn.LabelConditionedGenerator;
import io.ganpoet.runtime.nn.ProjectionDiscriminator;
import io.ganpoet.runtime.nn.TransposedConv2d;
import java.util.List;
import java.util.Locale;

/**
 * The conditional Fashion DCGAN with a projection discriminator (Miyato &amp; Koyama 2018), written
 * by hand on the runtime's conditioning blocks ({@code --model fashion-conditional-projection}): the
 * comparison behind the processor's choice of label maps for {@code classes = n} specs, which won on
 * Fashion-MNIST at the same budget (class agreement 88.5 % vs 73.6 %, FD 151 vs 186 after 558 steps;
 * docs/NOTES.md). Same layers as {@code FashionConditionalDiscriminator}'s generated pair: the
 * generator joins a learned 16-wide label embedding to its 64-wide latent; the discriminator adds
 * {@code <embed(label), sum_hw conv2>} to its score.
 */
final class FashionProjectionGan implements GanModel {

    static final int CLASSES = 10;
    static final int LATENT = 64;
    static final int EMBEDDING = 16;

    @Override
    public String name() {
        return "FashionConditionalProjection";
    }

    @Override
    public int classes() {
        return CLASSES;
    }

    @Override
    public int latentSize() {
        return LATENT;
    }

    @Override
    public Shape latentShape() {
        return new Shape(LATENT, 1, 1);
    }

    @Override
    public Shape imageShape() {
        return new Shape(1, 28, 28);
    }

    @Override
    public Block newDiscriminator() {
        SequentialBlock features = new SequentialBlock()
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(32)
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(x -> Activation.leakyRelu(x, 0.2f))
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(64)
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .optBias(false)
                        .build())
                .add(BatchNorm.builder().build())
                .add(x -> Activation.leakyRelu(x, 0.2f));
        Block head = CheckedConv2d.builder()
                .setKernelShape(new Shape(7, 7))
                .setFilters(1)
                .optBias(false)
                .build();
        return new ProjectionDiscriminator(CLASSES, 64, features, head, true);
    }

    @Override
    public Block newGenerator() {
        SequentialBlock body = new SequentialBlock()
                .add(TransposedConv2d.builder()
                        .setKernelShape(new Shape(7, 7))
                        .setFilters(64)
                        .optBias(false)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(TransposedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(32)
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .optBias(false)
                        .build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(TransposedConv2d.builder()
                        .setKernelShape(new Shape(4, 4))
                        .setFilters(1)
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1))
                        .optBias(false)
                        .build())
                .add(Activation::tanh);
        return new LabelConditionedGenerator(CLASSES, EMBEDDING, body);
    }

    @Override
    public DiscriminatorOutput discriminatorOutput() {
        return DiscriminatorOutput.PROBABILITY;
    }

    @Override
    public List<LayerSummary> discriminatorLayers() {
        return List.of(
                new LayerSummary("conv1", "Conv2d 4x4 s2 p1, LeakyReLU(0.2)", new Shape(32, 14, 14), 544, 100_352),
                new LayerSummary(
                        "conv2", "Conv2d 4x4 s2 p1, BatchNorm, LeakyReLU(0.2)", new Shape(64, 7, 7), 32_896, 1_605_632),
                new LayerSummary("conv3", "Conv2d 7x7 s1 p0", new Shape(1, 1, 1), 3_136, 3_136),
                new LayerSummary(
                        "projection",
                        "+ <Embedding(10, 64)[y], sum_hw conv2>, Sigmoid",
                        new Shape(1, 1, 1),
                        640,
                        3_200));
    }

    @Override
    public List<LayerSummary> generatorLayers() {
        return List.of(
                new LayerSummary("labelEmbedding", "Embedding(10, 16)[y] joined to z", new Shape(80, 1, 1), 160, 160),
                new LayerSummary(
                        "conv3Mirror", "ConvT2d 7x7 s1 p0, BatchNorm, ReLU", new Shape(64, 7, 7), 251_008, 250_880),
                new LayerSummary(
                        "conv2Mirror", "ConvT2d 4x4 s2 p1, BatchNorm, ReLU", new Shape(32, 14, 14), 32_832, 1_605_632),
                new LayerSummary("conv1Mirror", "ConvT2d 4x4 s2 p1, Tanh", new Shape(1, 28, 28), 512, 100_352));
    }

    @Override
    public String summary() {
        return table("Discriminator (projection), input 1x28x28 + label", discriminatorLayers()) + "\n"
                + table("Generator, input z 64x1x1 + label", generatorLayers());
    }

    private static String table(String title, List<LayerSummary> layers) {
        StringBuilder out = new StringBuilder(title).append('\n');
        String row = "%-15s %-50s %-9s %10s %14s%n";
        out.append(String.format(Locale.ROOT, row, "layer", "operations", "output", "parameters", "multiply-adds"));
        long params = 0;
        long macs = 0;
        for (LayerSummary l : layers) {
            Shape s = l.outputShape();
            out.append(String.format(
                    Locale.ROOT,
                    "%-15s %-50s %-9s %,10d %,14d%n",
                    l.name(),
                    l.operations(),
                    s.get(0) + "x" + s.get(1) + "x" + s.get(2),
                    l.parameters(),
                    l.multiplyAdds()));
            params += l.parameters();
            macs += l.multiplyAdds();
        }
        out.append(String.format(Locale.ROOT, "%-15s %-50s %-9s %,10d %,14d%n", "total", "", "", params, macs));
        return out.toString();
    }
}
