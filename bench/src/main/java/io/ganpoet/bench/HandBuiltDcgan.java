package io.ganpoet.bench;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.TransposedConv2d;
import java.util.List;

/**
 * The PyTorch DCGAN tutorial's networks written by hand with DJL builders, the way a user would
 * without ganpoet: the baseline the generated {@code DcganDiscriminatorBlock} / {@code
 * DcganGeneratorBlock} are measured against. The discriminator ends in logits (no sigmoid) and
 * says so, so a GAN step trains it exactly as it trains the generated one, from logits: the same
 * layers, the same loss, the same work; only the activations run as {@code LambdaBlock}s.
 */
final class HandBuiltDcgan implements GanModel {

    @Override
    public String name() {
        return "HandBuiltDcgan";
    }

    @Override
    public int latentSize() {
        return 100;
    }

    @Override
    public Shape latentShape() {
        return new Shape(100, 1, 1);
    }

    @Override
    public Shape imageShape() {
        return new Shape(3, 64, 64);
    }

    @Override
    public Block newDiscriminator() {
        SequentialBlock d = new SequentialBlock();
        int[] filters = {64, 128, 256, 512};
        for (int i = 0; i < filters.length; i++) {
            d.add(Conv2d.builder()
                    .setKernelShape(new Shape(4, 4))
                    .setFilters(filters[i])
                    .optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1))
                    .optBias(false)
                    .build());
            if (i > 0) {
                d.add(BatchNorm.builder().build());
            }
            d.add(x -> Activation.leakyRelu(x, 0.2f));
        }
        d.add(Conv2d.builder()
                .setKernelShape(new Shape(4, 4))
                .setFilters(1)
                .optBias(false)
                .build());
        return d;
    }

    @Override
    public Block newGenerator() {
        SequentialBlock g = new SequentialBlock();
        g.add(TransposedConv2d.builder()
                .setKernelShape(new Shape(4, 4))
                .setFilters(512)
                .optBias(false)
                .build());
        g.add(BatchNorm.builder().build());
        g.add(Activation::relu);
        int[] filters = {256, 128, 64};
        for (int f : filters) {
            g.add(TransposedConv2d.builder()
                    .setKernelShape(new Shape(4, 4))
                    .setFilters(f)
                    .optStride(new Shape(2, 2))
                    .optPadding(new Shape(1, 1))
                    .optBias(false)
                    .build());
            g.add(BatchNorm.builder().build());
            g.add(Activation::relu);
        }
        g.add(TransposedConv2d.builder()
                .setKernelShape(new Shape(4, 4))
                .setFilters(3)
                .optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1))
                .optBias(false)
                .build());
        g.add(Activation::tanh);
        return g;
    }

    @Override
    public DiscriminatorOutput discriminatorOutput() {
        return DiscriminatorOutput.LOGIT;
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
        return "hand-built DCGAN\n";
    }
}
