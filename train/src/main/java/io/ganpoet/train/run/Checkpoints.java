package io.ganpoet.train.run;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.ganpoet.runtime.run.CheckpointManifest;
import io.ganpoet.runtime.run.DamagedCheckpointException;
import io.ganpoet.train.loop.CheckpointStore;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.optim.ResumableOptimizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * A run's checkpoints: each one a directory {@code checkpoints/step-NNNNNNNNN/} holding
 *
 * <pre>
 * generator-0003.params          each network's parameters, DJL's Model format (Model.load reads it)
 * generator-optimizer.ndlist     its optimizer's state, a DJL NDList of named arrays
 * position.yaml                  epoch, step in epoch, global step, seed
 * config.yaml                    the run's resolved configuration
 * manifest.sha256                SHA-256 of every other file (sha256sum -c checks it too)
 * </pre>
 *
 * A checkpoint is written into {@code .partial-step-…}, every file synced, the manifest written
 * last, and then renamed into place; older checkpoints are deleted only after that. A crash at
 * any moment leaves the previous checkpoint whole. Loading verifies the manifest before reading
 * anything, and names the file that does not match: nothing is used unverified.
 */
public final class Checkpoints {

    /**
     * These checkpoints as the loop's store: every checkpoint saved records {@code seed} and
     * {@code configYaml} (the run's resolved configuration).
     *
     * @param seed the run's seed
     * @param configYaml what {@code config.yaml} of each checkpoint holds
     * @return the store
     */
    public CheckpointStore store(long seed, String configYaml) {
        return new SavingStore(this, seed, configYaml);
    }

    /** A verified checkpoint's metadata. */
    public record Saved(Path directory, Position position, long seed, String configYaml) {}

    static final String MANIFEST = CheckpointManifest.FILE_NAME;
    private static final String POSITION = "position.yaml";
    private static final String CONFIG = "config.yaml";
    private static final String PREFIX = "step-";
    private static final String PARTIAL = ".partial-";

    private final Path directory;

    /** @param directory the run's {@code checkpoints} folder */
    public Checkpoints(Path directory) {
        this.directory = directory;
    }

    /** @return the run's {@code checkpoints} folder */
    public Path directory() {
        return directory;
    }

    /**
     * The newest checkpoint directory, verified or not.
     *
     * @return the newest {@code step-…} directory, or empty when there is none
     * @throws IOException when the folder cannot be listed
     */
    public Optional<Path> latest() throws IOException {
        List<Path> all = all();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Returns whether a checkpoint exists, verified or not.
     *
     * @return true when there is a {@code step-…} directory
     * @throws IOException when the folder cannot be listed
     */
    public boolean exists() throws IOException {
        return latest().isPresent();
    }

    private List<Path> all() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+") && Files.isDirectory(p))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Writes a checkpoint atomically and removes the older ones.
     *
     * @return the new checkpoint's directory
     * @throws IOException on write failure; earlier checkpoints are then intact
     * @param position where training stands
     * @param seed the run's seed
     * @param configYaml the run's resolved configuration
     * @param networks the networks to save, with their optimizers
     */
    public Path save(Position position, long seed, String configYaml, List<TrainableNetwork> networks)
            throws IOException {
        String name = String.format(Locale.ROOT, PREFIX + "%09d", position.step());
        Path partial = directory.resolve(PARTIAL + name);
        try {
            return saveInto(partial, name, position, seed, configYaml, networks);
        } catch (RuntimeException e) {
            FileTrees.deleteQuietly(partial);
            throw e;
        } catch (IOException e) {
            // Free what the partial checkpoint took (a full disk is the usual cause) and say which
            // file failed; the previous checkpoint was never touched.
            FileTrees.deleteQuietly(partial);
            throw new IOException(
                    "could not write the checkpoint " + directory.resolve(name) + ": " + FileErrors.describe(e)
                            + latest().map(p -> "; the previous checkpoint " + p + " is intact")
                                    .orElse(""),
                    e);
        }
    }

    private Path saveInto(
            Path partial, String name, Position position, long seed, String configYaml, List<TrainableNetwork> networks)
            throws IOException {
        Files.createDirectories(directory);
        FileTrees.delete(partial);
        Files.createDirectory(partial);
        Map<String, String> yaml = new LinkedHashMap<>();
        Map<String, Object> pos = new LinkedHashMap<>();
        pos.put("epoch", position.epoch());
        pos.put("step_in_epoch", position.stepInEpoch());
        pos.put("step", position.step());
        pos.put("seed", seed);
        yaml.put(
                POSITION,
                new Dump(DumpSettings.builder()
                                .setDefaultFlowStyle(FlowStyle.BLOCK)
                                .build())
                        .dumpToString(pos));
        yaml.put(CONFIG, configYaml);
        for (Map.Entry<String, String> e : yaml.entrySet()) {
            FileTrees.write(
                    partial.resolve(e.getKey()), out -> out.write(e.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        for (TrainableNetwork network : networks) {
            ParameterFiles.save(partial, network.name(), network.block(), position.epoch());
            if (network.optimizer() instanceof ResumableOptimizer resumable) {
                NDList state = resumable.exportState(network.parameterNames());
                FileTrees.write(partial.resolve(network.name() + "-optimizer.ndlist"), state::encode);
                state.close();
            }
        }
        String manifest = CheckpointManifest.describe(partial);
        FileTrees.write(partial.resolve(MANIFEST), out -> out.write(manifest.getBytes(StandardCharsets.UTF_8)));
        FileTrees.sync(partial);
        Path target = directory.resolve(name);
        FileTrees.delete(target);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        FileTrees.sync(directory);
        for (Path old : all()) {
            if (!old.equals(target)) {
                FileTrees.delete(old);
            }
        }
        try (Stream<Path> list = Files.list(directory)) {
            for (Path stale : list.filter(p -> p.getFileName().toString().startsWith(PARTIAL))
                    .toList()) {
                FileTrees.delete(stale); // left by a process killed mid-write
            }
        }
        return target;
    }

    /**
     * Verifies the newest checkpoint and reads its metadata.
     *
     * @return the metadata, or empty when there is no checkpoint
     * @throws DamagedCheckpointException naming the file that fails verification
     */
    public Optional<Saved> readLatest() throws IOException {
        Optional<Path> latest = latest();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(latest.get()));
    }

    private Saved read(Path checkpoint) throws IOException {
        CheckpointManifest.verify(checkpoint);
        Object parsed = new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(checkpoint.resolve(POSITION), StandardCharsets.UTF_8));
        try {
            Map<?, ?> pos = (Map<?, ?>) parsed;
            Position position = new Position(
                    ((Number) pos.get("epoch")).intValue(),
                    ((Number) pos.get("step_in_epoch")).intValue(),
                    ((Number) pos.get("step")).longValue());
            long seed = ((Number) pos.get("seed")).longValue();
            return new Saved(
                    checkpoint, position, seed, Files.readString(checkpoint.resolve(CONFIG), StandardCharsets.UTF_8));
        } catch (ClassCastException | NullPointerException e) {
            throw new DamagedCheckpointException(checkpoint.resolve(POSITION) + ": not a ganpoet position file");
        }
    }

    /**
     * Restores every network's parameters and resumable optimizer state from the newest
     * checkpoint, after verifying it. Call before the networks are first run: parameter stores keep
     * the arrays they saw first.
     *
     * @throws DamagedCheckpointException naming the damaged file
     * @throws IOException naming the checkpoint when a network does not match this run's
     * @param networks the run's networks, initialised
     * @param manager where the restored arrays live
     * @return the checkpoint's metadata
     */
    public Saved load(List<TrainableNetwork> networks, NDManager manager) throws IOException {
        Saved saved = readLatest().orElseThrow(() -> new NoSuchFileException(directory + ": no checkpoint"));
        for (TrainableNetwork network : networks) {
            ParameterFiles.load(saved.directory(), network.name(), network.block(), manager);
            Path optimizer = saved.directory().resolve(network.name() + "-optimizer.ndlist");
            if (network.optimizer() instanceof ResumableOptimizer resumable && Files.exists(optimizer)) {
                Map<String, String> idsByName = new LinkedHashMap<>();
                network.parameterNames().forEach((id, name) -> idsByName.put(name, id));
                try (InputStream in = new BufferedInputStream(Files.newInputStream(optimizer))) {
                    NDList state = NDList.decode(manager, in);
                    resumable.importState(state, idsByName, manager);
                } catch (IllegalArgumentException e) {
                    throw new IOException(optimizer + ": " + e.getMessage() + "; was it written by another model?", e);
                }
            }
        }
        return saved;
    }

    /**
     * Restores only some networks' parameters (e.g. the generator, to sample), after verifying the
     * checkpoint.
     *
     * @param networks blocks by checkpoint name, initialised
     * @param manager where the restored arrays live
     * @return the checkpoint's metadata
     * @throws IOException when the checkpoint is damaged or a network does not match
     */
    public Saved loadNetworks(Map<String, Block> networks, NDManager manager) throws IOException {
        Saved saved = readLatest().orElseThrow(() -> new NoSuchFileException(directory + ": no checkpoint"));
        for (Map.Entry<String, Block> e : networks.entrySet()) {
            ParameterFiles.load(saved.directory(), e.getKey(), e.getValue(), manager);
        }
        return saved;
    }
}
