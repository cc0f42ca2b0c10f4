package io.ganpoet.train.ema;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainableNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An exponential moving average of a network's parameters (Polyak averaging; for GAN generators
 * Yazıcı et al. 2019, "The Unusual Effectiveness of Averaging in GAN Training"): a second block of
 * the same architecture whose parameters follow the trained ones,
 * {@code avg ← d · avg + (1 − d) · weights} after every step, where the step's decay is
 * {@code d = min(decay, (1 + n) / (10 + n))} for the {@code n}-th update after {@code start} (the
 * warm-up of TensorFlow's {@code ExponentialMovingAverage}: early averages are not dominated by
 * the initial weights). Until step {@code start} the average is a copy of the weights.
 *
 * <p>Batch-norm running means and variances are averaged like the weights (as timm's
 * {@code ModelEmaV2} does with every buffer). They are themselves moving averages of the batch
 * statistics the trained network produced over the same steps, so the average of both describes
 * the same stretch of training; recomputing them under the averaged weights would need extra
 * forward passes at every picture and checkpoint and make the saved average depend on which noise
 * those passes drew.
 *
 * <p>The average is a {@link TrainableNetwork} without an optimizer, named {@code <network>-ema}: a
 * checkpoint saves and restores it like any network (DJL {@code .params}, covered by the
 * manifest), so a resumed run continues the same average bit for bit. It reads replica 0 of a
 * data-parallel network, which is the one the optimizer updates. As a {@link RunListener} on the
 * training loop it updates itself after every step (the loop tells listeners of a step before it
 * draws pictures or checkpoints).
 */
public final class WeightAverage implements RunListener {

    /** Appended to the averaged network's name in checkpoints ({@code generator-ema}). */
    public static final String SUFFIX = "-ema";

    private final TrainableNetwork network;
    private final TrainableNetwork average;
    private final AverageSettings settings;

    /**
     * Starts an average equal to the network's current parameters.
     *
     * @param network the trained network (its block's own parameters are replica 0)
     * @param copy a second, initialised block of the same architecture; it becomes the average
     * @param manager where the average lives
     * @param settings decay and start
     * @throws IllegalArgumentException when the copy's parameters do not match the network's
     */
    public WeightAverage(TrainableNetwork network, Block copy, NDManager manager, AverageSettings settings) {
        this.network = network;
        this.settings = settings;
        this.average = new TrainableNetwork(network.name() + SUFFIX, copy, null, manager, List.of(manager.getDevice()));
        ai.djl.nn.ParameterList from = network.block().getParameters();
        ai.djl.nn.ParameterList to = copy.getParameters();
        if (from.size() != to.size()) {
            throw new IllegalArgumentException(
                    "the average of " + network.name() + " needs a block of the same architecture (" + from.size()
                            + " parameters, the copy has " + to.size() + ")");
        }
        for (int i = 0; i < from.size(); i++) {
            Shape a = from.get(i).getValue().getArray().getShape();
            Shape b = to.get(i).getValue().getArray().getShape();
            if (!from.get(i).getKey().equals(to.get(i).getKey()) || !a.equals(b)) {
                throw new IllegalArgumentException("the average of " + network.name() + ": parameter "
                        + from.get(i).getKey() + " " + a + " has no twin in the copy ("
                        + to.get(i).getKey() + " " + b + ")");
            }
        }
        withoutRecording(() -> copyWeights(1f));
    }

    /**
     * The average of a network that the experiment's {@code ema.*} keys ask for.
     *
     * @param network the trained network
     * @param newBlock makes a block of the network's architecture
     * @param inputShapes one shard's input shapes, batch axis included
     * @param config the experiment, whose {@code ema.*} keys decide
     * @param manager where the average lives
     * @param resumed the checkpoint a resumed run restarts from: one without an average (a run from before
     *     averages existed) goes on without one, so its pictures stay what they were
     * @return the average, or {@code null} when {@code ema.decay} is 0 or the resumed checkpoint has none
     */
    public static WeightAverage of(
            TrainableNetwork network,
            Supplier<Block> newBlock,
            Shape[] inputShapes,
            ExperimentConfig config,
            NDManager manager,
            Optional<Path> resumed) {
        AverageSettings settings = AverageSettings.from(config);
        if (!settings.enabled() || (resumed.isPresent() && !keptIn(resumed.get(), network.name() + SUFFIX))) {
            return null;
        }
        Block copy = newBlock.get();
        copy.initialize(manager, DataType.FLOAT32, inputShapes);
        return new WeightAverage(network, copy, manager, settings);
    }

    private static boolean keptIn(Path checkpoint, String name) {
        try (Stream<Path> files = Files.list(checkpoint)) {
            return files.anyMatch(f -> f.getFileName().toString().matches(Pattern.quote(name) + "-\\d{4}\\.params"));
        } catch (IOException e) {
            throw new UncheckedIOException(checkpoint + ": cannot be listed (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The averaged network: what a checkpoint saves and what sampling runs.
     *
     * @return the average, as a network without an optimizer
     */
    public TrainableNetwork network() {
        return average;
    }

    /**
     * The settings.
     *
     * @return decay and start
     */
    public AverageSettings settings() {
        return settings;
    }

    /**
     * The decay used for the update after global step {@code step} (1-based: the first step is 1).
     *
     * @param step steps trained so far, this one included
     * @return 0 while the average copies the weights, else {@code min(decay, (1 + n) / (10 + n))}
     */
    public float decayAt(long step) {
        if (step <= settings.start()) {
            return 0f;
        }
        long n = step - settings.start();
        return (float) Math.min(settings.decay(), (1.0 + n) / (10.0 + n));
    }

    /** Folds the trained weights in after every training step, before any picture or checkpoint of that step. */
    @Override
    public void onStep(StepEvent event) {
        update(event.step());
    }

    /**
     * Folds the network's current parameters into the average; call once after every optimizer step.
     *
     * @param step the global step just trained (1-based)
     */
    public void update(long step) {
        float d = decayAt(step);
        withoutRecording(() -> copyWeights(1f - d));
    }

    /** {@code target ← (1 − w) · target + w · source}, in place; {@code w = 1} copies (targets are always finite). */
    private void copyWeights(float w) {
        // Re-read every time: loading a checkpoint gives parameters new arrays.
        ai.djl.nn.ParameterList from = network.block().getParameters();
        ai.djl.nn.ParameterList to = average.block().getParameters();
        for (int i = 0; i < from.size(); i++) {
            NDArray source = from.get(i).getValue().getArray();
            NDArray target = to.get(i).getValue().getArray();
            // Constants owned by libtorch (see Scalars); the products freed at once, not at the step's end.
            try (NDArray keep =
                            target.getManager().full(new Shape(), 1f - w, target.getDataType(), target.getDevice());
                    NDArray take = target.getManager().full(new Shape(), w, target.getDataType(), target.getDevice());
                    NDArray added = source.mul(take)) {
                target.muli(keep).addi(added);
            }
        }
    }

    private static void withoutRecording(Runnable update) {
        // An in-place write to an array that requires a gradient is refused while autograd records
        // (a restored average's arrays do); DJL turns recording off only on the engine's first thread.
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            update.run();
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    /**
     * The averaged parameters by name, for tests and tools.
     *
     * @return name → array (the average's own arrays, not copies)
     */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new java.util.LinkedHashMap<>();
        for (Pair<String, Parameter> p : average.block().getParameters()) {
            out.put(p.getKey(), p.getValue().getArray());
        }
        return out;
    }
}
