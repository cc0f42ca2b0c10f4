package com.example.service;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Draws sketches with a generated generator, the way a service would, with plain DJL calls. */
public final class SketchService implements AutoCloseable {

    private final SketchGan gan = new SketchGan();
    private final NDManager manager = NDManager.newBaseManager();
    private final Block generator = gan.newGenerator();

    public SketchService() {
        generator.initialize(manager, DataType.FLOAT32, gan.latentShape(1));
    }

    /** {@code count} images {@code (count, 3, 32, 32)} in [-1, 1]. */
    public float[] draw(int count) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray z = scope.randomNormal(gan.latentShape(count));
            return generator.forward(new ParameterStore(scope, false), new NDList(z), false).singletonOrThrow().toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
