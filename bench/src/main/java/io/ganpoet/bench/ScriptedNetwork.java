package io.ganpoet.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.ganpoet.runtime.nn.LogitsBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The anchor: a network as a TorchScript function of its weights ({@code dcgan_d.pt}, {@code
 * dcgan_g.pt}, written by {@code bench/src/main/torchscript/dcgan.py}), run by the same libtorch
 * in the same JVM with autograd recording, over the <em>very same</em> {@link Parameter}s as a
 * generated block. Everything around the network (parameter store, optimiser, loss, gradient
 * collector) is what the generated block gets, so a comparison measures the network alone.
 * Training mode only: batch norm uses batch statistics and updates the running ones.
 */
final class ScriptedNetwork extends AbstractBlock implements LogitsBlock {

    private final PtSymbolBlock module;
    private final List<Parameter> weights = new ArrayList<>();
    private final boolean logits;
    private final Block source;

    /**
     * @param resource {@code dcgan_d.pt} or {@code dcgan_g.pt}
     * @param source an initialised generated block whose parameters, in their order, the function
     *     takes after its input
     * @param logits whether the function returns logits (then {@link #forward} applies the sigmoid)
     * @param manager a manager living as long as this block
     */
    ScriptedNetwork(String resource, Block source, boolean logits, NDManager manager) {
        this.source = source;
        this.logits = logits;
        for (Pair<String, Parameter> p : source.getParameters()) {
            // Keyed by the source's unique path ("conv2Norm_gamma"), so optimisers see each once.
            parameters.put(p.getKey(), p.getValue());
            weights.add(p.getValue());
        }
        try (InputStream in = ScriptedNetwork.class.getResourceAsStream(resource)) {
            module = JniUtils.loadModule((PtNDManager) manager, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public NDArray logits(ParameterStore parameterStore, NDArray input, boolean training) {
        if (!training) {
            throw new UnsupportedOperationException("the scripted anchor runs in training mode only");
        }
        NDList inputs = new NDList(input);
        for (Parameter w : weights) {
            inputs.add(parameterStore.getValue(w, input.getDevice(), true));
        }
        return IValueUtils.forward(module, inputs, true).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray out = logits(parameterStore, inputs.singletonOrThrow(), training);
        return new NDList(logits ? Activation.sigmoid(out) : out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return source.getOutputShapes(inputShapes);
    }

    @Override
    public boolean isInitialized() {
        return true;
    }
}
