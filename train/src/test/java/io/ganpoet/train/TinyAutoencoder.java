package io.ganpoet.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.CheckedConv2d;
import io.ganpoet.runtime.nn.GaussianHeads;
import io.ganpoet.runtime.nn.TransposedConv2d;
import java.util.List;

/**
 * A hand-written 1×8×8 autoencoder in the lecture's shape (convolution, ReLU, max-pool; transposed
 * convolutions back; a sigmoid), plain (bottleneck 4×2×2) or variational (latent 4).
 */
class TinyAutoencoder implements AutoencoderModel {

    private final boolean variational;

    TinyAutoencoder(boolean variational) {
        this.variational = variational;
    }

    @Override
    public String name() {
        return variational ? "TinyVae" : "Tiny";
    }

    @Override
    public Shape imageShape() {
        return new Shape(1, 8, 8);
    }

    @Override
    public boolean variational() {
        return variational;
    }

    @Override
    public Shape latentShape() {
        return variational ? new Shape(4) : new Shape(8, 2, 2);
    }

    @Override
    public Block newEncoder() {
        SequentialBlock e = new SequentialBlock()
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(16)
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(CheckedConv2d.builder()
                        .setKernelShape(new Shape(3, 3))
                        .setFilters(8)
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)));
        if (variational) {
            e.add(new GaussianHeads(4));
        }
        return e;
    }

    @Override
    public Block newDecoder() {
        SequentialBlock d = new SequentialBlock();
        if (variational) {
            d.add(Linear.builder().setUnits(32).build())
                    .add(Activation::relu)
                    .add(new LambdaBlock(
                            x -> new NDList(x.head().reshape(x.head().getShape().get(0), 8, 2, 2))));
        }
        return d.add(TransposedConv2d.builder()
                        .setKernelShape(new Shape(2, 2))
                        .setFilters(16)
                        .optStride(new Shape(2, 2))
                        .build())
                .add(Activation::relu)
                .add(TransposedConv2d.builder()
                        .setKernelShape(new Shape(2, 2))
                        .setFilters(1)
                        .optStride(new Shape(2, 2))
                        .build())
                .add(Activation::sigmoid);
    }

    @Override
    public DecoderOutput decoderOutput() {
        return DecoderOutput.SIGMOID;
    }

    @Override
    public List<LayerSummary> encoderLayers() {
        return List.of();
    }

    @Override
    public List<LayerSummary> decoderLayers() {
        return List.of();
    }

    @Override
    public String summary() {
        return name() + ": hand-written test autoencoder\n";
    }
}
