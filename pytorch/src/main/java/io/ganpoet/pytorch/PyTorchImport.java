package io.ganpoet.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.optim.OptimizerSettings;
import io.ganpoet.train.optim.ResumableOptimizer;
import io.ganpoet.train.run.Checkpoints;
import io.ganpoet.train.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PyTorch state dict into ganpoet: tensors copied into a model's initialised blocks, matched by the twin's
 * state-dict keys ({@link StateDictNames}) or, for a state dict laid out otherwise (PyTorch's DCGAN example's
 * {@code main.0.weight}, ...), by position; and a ganpoet run directory written from them, manifest and all, that
 * {@code sample}, {@code fd}, {@code summary} and a resumed {@code train} accept. A state dict that does not fit is
 * refused with one sentence naming the first tensor that does not fit and both shapes; nothing is written then.
 */
public final class PyTorchImport {

    /** How a state dict's tensors are matched with a network's parameters. */
    public enum Matching {
        /** By the twin's state-dict keys: every key present, no other, the same shapes. */
        NAMES,
        /** In order (PyTorch's {@code num_batches_tracked} skipped), the same shapes: a state dict of other names. */
        POSITION
    }

    private PyTorchImport() {}

    /**
     * A network's tensors from a state file: those under {@code <network>.}, the prefix dropped.
     *
     * @param tensors a state file's tensors
     * @param network the network's name ({@code generator}, ...)
     * @return the network's tensors by state-dict key, in the file's order
     */
    public static Map<String, NDArray> networkTensors(Map<String, NDArray> tensors, String network) {
        Map<String, NDArray> mine = new LinkedHashMap<>();
        String prefix = network + ".";
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                mine.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return mine;
    }

    /**
     * Copies a state dict into an initialised block, after checking every tensor: nothing is copied when one does
     * not fit.
     *
     * @param network the network's name, for messages
     * @param block the initialised block
     * @param stateDict the tensors by state-dict key ({@code num_batches_tracked} entries are ignored)
     * @param matching by key or by position
     * @param origin the file, for messages
     * @throws StateMismatchException naming the first tensor that does not fit
     */
    public static void load(
            String network, Block block, Map<String, NDArray> stateDict, Matching matching, String origin) {
        List<StateDictNames.Entry> entries = StateDictNames.of(block);
        List<Map.Entry<String, NDArray>> given = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : stateDict.entrySet()) {
            if (!e.getKey().endsWith("num_batches_tracked")) {
                given.add(e);
            }
        }
        List<NDArray> sources = new ArrayList<>();
        if (matching == Matching.NAMES) {
            for (StateDictNames.Entry entry : entries) {
                NDArray value = stateDict.get(entry.torchKey());
                Shape want = entry.parameter().getArray().getShape();
                if (value == null) {
                    throw new StateMismatchException(
                            origin + " has no tensor " + network + "." + entry.torchKey() + " for the "
                                    + network + "'s " + entry.torchKey() + " " + want
                                    + "; export the twin's state dict, or match by"
                                    + " position for another layout");
                }
                if (!value.getShape().equals(want)) {
                    throw new StateMismatchException(
                            origin + ": tensor " + network + "." + entry.torchKey() + " has shape " + value.getShape()
                                    + " but the " + network + "'s " + entry.torchKey() + " is " + want);
                }
                sources.add(value);
            }
            for (Map.Entry<String, NDArray> e : given) {
                if (entries.stream().noneMatch(x -> x.torchKey().equals(e.getKey()))) {
                    throw new StateMismatchException(origin + ": tensor " + network + "." + e.getKey() + " "
                            + e.getValue().getShape() + " is not a parameter of the " + network
                            + "; is the state dict from another model?");
                }
            }
        } else {
            for (int i = 0; i < Math.max(entries.size(), given.size()); i++) {
                if (i >= given.size()) {
                    StateDictNames.Entry entry = entries.get(i);
                    throw new StateMismatchException(
                            origin + " has " + given.size() + " " + network + " tensors, the " + network
                                    + " has " + entries.size() + ": nothing for its " + entry.torchKey() + " "
                                    + entry.parameter().getArray().getShape());
                }
                if (i >= entries.size()) {
                    throw new StateMismatchException(
                            origin + ": tensor " + given.get(i).getKey() + " "
                                    + given.get(i).getValue().getShape() + " is one more than the " + network + "'s "
                                    + entries.size() + " parameters");
                }
                StateDictNames.Entry entry = entries.get(i);
                NDArray value = given.get(i).getValue();
                Shape want = entry.parameter().getArray().getShape();
                if (!value.getShape().equals(want)) {
                    throw new StateMismatchException(origin + ": tensor "
                            + given.get(i).getKey() + " (number " + (i + 1) + ") has shape " + value.getShape()
                            + " but the " + network + "'s " + entry.torchKey() + " is " + want);
                }
                sources.add(value);
            }
        }
        boolean recording = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false);
        try {
            for (int i = 0; i < entries.size(); i++) {
                NDArray target = entries.get(i).parameter().getArray();
                NDArray value =
                        sources.get(i).toType(target.getDataType(), false).toDevice(target.getDevice(), false);
                target.set(new NDIndex(":"), value);
            }
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(recording);
        }
    }

    /**
     * The optimizer state a state file holds for a network, as ganpoet's {@link ResumableOptimizer} names it
     * ({@code <DJL name>.mean}, {@code .variance}, {@code .steps}); empty when the file holds none.
     *
     * @param tensors a state file's tensors
     * @param network the network's name
     * @param block the network's block
     * @return the state, possibly empty
     */
    public static NDList optimizerState(Map<String, NDArray> tensors, String network, Block block) {
        NDList state = new NDList();
        for (StateDictNames.Entry entry : StateDictNames.of(block)) {
            String key = StateFile.OPTIMIZER + network + "." + entry.torchKey();
            for (String part : new String[] {"mean", "variance", "steps"}) {
                NDArray value = tensors.get(key + "." + part);
                if (value != null) {
                    NDArray named = part.equals("steps") ? value.toType(DataType.INT32, true) : value.duplicate();
                    named.setName(entry.djlName() + "." + part);
                    state.add(named);
                }
            }
        }
        return state;
    }

    /**
     * Writes a new ganpoet run directory from state dicts: {@code config.yaml}, {@code summary.txt} and one
     * checkpoint ({@code checkpoints/step-…/}, manifest last) with each network's parameters and, where the state
     * file holds them, its Adam moments and position, so that a resumed {@code train} continues where the PyTorch
     * run stopped.
     *
     * @param runDirectory a directory that does not exist or is empty
     * @param config the experiment the run records (its {@code optimizer.<network>.*} keys build the optimizers)
     * @param summary the model's layer tables, for {@code summary.txt}
     * @param blocks the model's networks by checkpoint name, initialised, each loaded with {@link #load}
     * @param tensors the state file's tensors (optimizer state and position are read from them; may be empty)
     * @param manager owns the optimizer state
     * @return the checkpoint written
     * @throws IOException when the directory is not empty or a file cannot be written (the directory is then removed
     *     if this call created it)
     */
    public static Path writeRun(
            Path runDirectory,
            ExperimentConfig config,
            String summary,
            Map<String, Block> blocks,
            Map<String, NDArray> tensors,
            NDManager manager)
            throws IOException {
        if (Files.exists(runDirectory) && (!Files.isDirectory(runDirectory) || !isEmpty(runDirectory))) {
            throw new IOException(
                    runDirectory + " exists and is not an empty directory; import into a new run directory");
        }
        long seed = config.integer("seed");
        Position position = Position.START;
        NDArray pos = tensors.get(StateFile.POSITION);
        if (pos != null) {
            long[] p = pos.toType(DataType.INT64, false).toLongArray();
            if (p.length != 4) {
                throw new StateMismatchException("the state file's position has " + p.length
                        + " numbers, not 4 (epoch, step in" + " epoch, step, seed)");
            }
            position = new Position((int) p[0], (int) p[1], p[2]);
            seed = p[3];
        }
        List<TrainableNetwork> networks = new ArrayList<>();
        for (Map.Entry<String, Block> e : blocks.entrySet()) {
            NDList state = optimizerState(tensors, e.getKey(), e.getValue());
            // Without moments the checkpoint holds no optimizer file (an empty one does not decode), and a resumed
            // run starts Adam afresh; this optimizer never steps, it only decides what the checkpoint holds.
            ResumableOptimizer optimizer =
                    OptimizerSettings.from(config, e.getKey()).toOptimizer();
            TrainableNetwork network = new TrainableNetwork(
                    e.getKey(),
                    e.getValue(),
                    state.isEmpty() ? ai.djl.training.optimizer.Optimizer.adam().build() : optimizer,
                    manager,
                    List.of(manager.getDevice()));
            if (!state.isEmpty()) {
                Map<String, String> idsByName = new LinkedHashMap<>();
                network.parameterNames().forEach((id, name) -> idsByName.put(name, id));
                optimizer.importState(state, idsByName, manager);
            }
            networks.add(network);
        }
        boolean created = !Files.exists(runDirectory);
        String yaml = config.toYaml();
        try (RunDirectory run = RunDirectory.open(runDirectory)) {
            run.begin(yaml, summary, List.of());
            return new Checkpoints(runDirectory.resolve(io.ganpoet.runtime.run.TrainedRun.CHECKPOINTS))
                    .save(position, seed, yaml, networks);
        } catch (IOException | RuntimeException e) {
            if (created) {
                deleteTree(runDirectory);
            }
            throw e;
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // the import's own error matters more
        }
    }
}
