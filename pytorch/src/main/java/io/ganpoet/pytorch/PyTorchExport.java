package io.ganpoet.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.ganpoet.train.config.ExperimentConfig;
import io.ganpoet.train.data.ImageSet;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.run.Checkpoints;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ganpoet into PyTorch: networks (and a checkpoint's Adam moments and position) as a state file ({@link
 * StateFile}), and the folder a torchrun job starts from.
 *
 * <pre>
 * job/config.json          the resolved experiment (every key), and "twin": the twin's file name
 * job/FooGan.py            the PyTorch twin the processor wrote beside the generated classes
 * job/ganpoet_torch/       the twin's trainer (python3 -m ganpoet_torch.train, or torchrun -m ...)
 * job/data.safetensors     the training images, uint8 (N, C, H, W), and int64 labels when the data has them
 * job/init.safetensors     the starting state: ganpoet's initial weights, or a checkpoint to continue
 * </pre>
 */
public final class PyTorchExport {

    /** The trainer's Python sources, resources of this jar under {@code ganpoet_torch/}. */
    public static final List<String> TRAINER_FILES =
            List.of("__init__.py", "safetensors_io.py", "state.py", "train.py");

    private PyTorchExport() {}

    /**
     * Networks as state-file tensors, {@code <network>.<state-dict key>}; the arrays are the blocks' own.
     *
     * @param blocks initialised blocks by checkpoint name
     * @return the tensors, in the blocks' parameter order
     */
    public static Map<String, NDArray> networks(Map<String, Block> blocks) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Block> e : blocks.entrySet()) {
            for (StateDictNames.Entry entry : StateDictNames.of(e.getValue())) {
                tensors.put(
                        e.getKey() + "." + entry.torchKey(), entry.parameter().getArray());
            }
        }
        return tensors;
    }

    /**
     * A ganpoet checkpoint as state-file tensors: the networks (loaded into {@code blocks} after the manifest is
     * verified), each network's Adam moments and step counts, and the position.
     *
     * @param runDirectory a ganpoet run directory
     * @param blocks the model's networks by checkpoint name, initialised
     * @param manager owns what is read
     * @return the tensors
     * @throws IOException when the run has no checkpoint or it is damaged or does not fit the model
     */
    public static Map<String, NDArray> checkpoint(Path runDirectory, Map<String, Block> blocks, NDManager manager)
            throws IOException {
        Checkpoints checkpoints = new Checkpoints(runDirectory.resolve(io.ganpoet.runtime.run.TrainedRun.CHECKPOINTS));
        Checkpoints.Saved saved = checkpoints.loadNetworks(blocks, manager);
        Map<String, NDArray> tensors = networks(blocks);
        for (Map.Entry<String, Block> e : blocks.entrySet()) {
            Path file = saved.directory().resolve(e.getKey() + "-optimizer.ndlist");
            if (!Files.exists(file)) {
                continue;
            }
            Map<String, String> torchKeys = new LinkedHashMap<>();
            for (StateDictNames.Entry entry : StateDictNames.of(e.getValue())) {
                torchKeys.put(entry.djlName(), entry.torchKey());
            }
            NDList state;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                state = NDList.decode(manager, in);
            }
            for (NDArray array : state) {
                String name = array.getName();
                int dot = name == null ? -1 : name.lastIndexOf('.');
                String key = dot < 0 ? null : torchKeys.get(name.substring(0, dot));
                if (key == null) {
                    throw new IOException(
                            file + ": optimizer entry '" + name + "' names no parameter of the " + e.getKey());
                }
                tensors.put(StateFile.OPTIMIZER + e.getKey() + "." + key + name.substring(dot), array);
            }
        }
        Position p = saved.position();
        tensors.put(
                StateFile.POSITION, manager.create(new long[] {p.epoch(), p.stepInEpoch(), p.step(), saved.seed()}));
        return tensors;
    }

    /**
     * Writes a torchrun job folder.
     *
     * @param job the folder (created; files in it are replaced)
     * @param config the resolved experiment
     * @param keys the experiment's keys, in order
     * @param twin the twin's resource path, e.g. {@code io/ganpoet/samples/specs/FashionGan.py}
     * @param loader where the twin and the trainer are resources
     * @param state the starting state ({@link #networks} or {@link #checkpoint})
     * @param data the training images, or {@code null} to write none
     * @param manager for the data's arrays
     * @throws IOException naming what could not be read or written
     */
    public static void writeJob(
            Path job,
            ExperimentConfig config,
            List<String> keys,
            String twin,
            ClassLoader loader,
            Map<String, NDArray> state,
            ImageSet data,
            NDManager manager)
            throws IOException {
        if (loader.getResource(twin) == null) {
            throw new NoSuchFileException(
                    twin + " is not on the class path: only networks the ganpoet processor generated"
                            + " have a PyTorch twin (a hand-written block, such as the projection discriminator, has none), and"
                            + " a spec compiled by an older processor has none until it is recompiled");
        }
        Files.createDirectories(job.resolve("ganpoet_torch"));
        String twinFile = twin.substring(twin.lastIndexOf('/') + 1);
        copyResource(loader, twin, job.resolve(twinFile));
        for (String file : TRAINER_FILES) {
            copyResource(
                    PyTorchExport.class.getClassLoader(),
                    "ganpoet_torch/" + file,
                    job.resolve("ganpoet_torch").resolve(file));
        }
        Files.writeString(job.resolve("config.json"), json(config, keys, twinFile), StandardCharsets.UTF_8);
        StateFile.write(job.resolve("init.safetensors"), state);
        if (data != null) {
            StateFile.write(job.resolve("data.safetensors"), images(data, manager));
        }
    }

    /** The images as uint8 {@code (N, C, H, W)} ({@code (x + 1) · 127.5}, exact for the 8-bit pixels read) and labels. */
    static Map<String, NDArray> images(ImageSet data, NDManager manager) {
        int n = data.count();
        Shape shape = data.imageShape();
        int chunk = 1024;
        NDList parts = new NDList();
        for (int start = 0; start < n; start += chunk) {
            int[] indices = new int[Math.min(chunk, n - start)];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = start + i;
            }
            parts.add(data.batch(manager, indices).add(1f).mul(127.5f).round().toType(DataType.UINT8, false));
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put(
                "images", n == 0 ? manager.zeros(new Shape(0).addAll(shape), DataType.UINT8) : NDArrays.concat(parts));
        if (data.hasLabels()) {
            long[] labels = new long[n];
            for (int i = 0; i < n; i++) {
                labels[i] = data.label(i);
            }
            tensors.put("labels", manager.create(labels));
        }
        return tensors;
    }

    private static void copyResource(ClassLoader loader, String resource, Path target) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new NoSuchFileException(resource + " is not on the class path");
            }
            Files.write(target, in.readAllBytes());
        }
    }

    /** The experiment as flat JSON: every key by its dotted name. */
    static String json(ExperimentConfig config, List<String> keys, String twinFile) {
        StringBuilder out = new StringBuilder("{\n  \"twin\": ").append(quoted(twinFile));
        for (String key : keys) {
            Object value = config.value(key);
            out.append(",\n  ").append(quoted(key)).append(": ");
            out.append(
                    value instanceof Number || value instanceof Boolean
                            ? String.valueOf(value)
                            : quoted(String.valueOf(value)));
        }
        return out.append("\n}\n").toString();
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
