package io.ganpoet.runtime.run;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.ganpoet.runtime.GanModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A finished (or running) training run, as its newest verified checkpoint: where it stands, its
 * recorded configuration and networks, and the networks themselves as DJL blocks and models.
 *
 * <pre>{@code
 * TrainedRun run = TrainedRun.open(Path.of("runs/fashion"));
 * try (GeneratorSampler sampler = run.generator(new FashionGan())) {
 *     BufferedImage grid = sampler.grid(64, 1L, 3);
 * }
 * }</pre>
 *
 * <p>Reading never loses a race with a trainer that is still writing checkpoints: a trainer renames a
 * complete checkpoint into place before it deletes the older ones, so when a checkpoint vanishes or
 * changes while it is read, a newer one exists and is read instead. A checkpoint is called damaged
 * only when it is still the newest and still there after failing its manifest.
 *
 * <p>Needs no training library: only DJL and this runtime.
 */
public final class TrainedRun {

    /** What a run trained, from the networks its checkpoint holds. */
    public enum Kind {
        /** A generator and a discriminator. */
        GAN("a GAN run"),
        /** An encoder and a decoder (an autoencoder or a VAE). */
        AUTOENCODER("an autoencoder run"),
        /** A single classifier network. */
        CLASSIFIER("a classifier run"),
        /** Networks of no kind ganpoet trains. */
        OTHER("a run of unknown networks");

        private final String phrase;

        Kind(String phrase) {
            this.phrase = phrase;
        }

        /**
         * Returns the kind as a phrase for messages.
         *
         * @return e.g. {@code an autoencoder run}
         */
        public String phrase() {
            return phrase;
        }
    }

    /**
     * The network a GAN checkpoint holds the average of the generator's weights under (the trainer's
     * {@code ema.*} keys); {@link #generator} loads it when it is there, {@link #rawGenerator} never.
     */
    public static final String AVERAGED_GENERATOR = "generator-ema";

    /** Where the checkpoints of a run live, inside the run directory. */
    public static final String CHECKPOINTS = "checkpoints";

    /** Reads retried when a trainer replaces checkpoints during a read (each retry reads a newer one). */
    static final int MAX_TRIES = 50;

    private static final Pattern STEP = Pattern.compile("step-\\d+");
    private static final Pattern PARAMS = Pattern.compile("(.+)-(\\d{4})\\.params");
    private static final Pattern POSITION_LINE = Pattern.compile("(\\w+):\\s*(-?\\d+)\\s*");

    private final Path directory;
    private final Path checkpoint;
    private final int epoch;
    private final int stepInEpoch;
    private final long step;
    private final long seed;
    private final String configYaml;
    private final Set<String> networks;

    private TrainedRun(
            Path directory, Path checkpoint, Map<String, Long> position, String configYaml, Set<String> networks) {
        this.directory = directory;
        this.checkpoint = checkpoint;
        this.epoch = Math.toIntExact(position.get("epoch"));
        this.stepInEpoch = Math.toIntExact(position.get("step_in_epoch"));
        this.step = position.get("step");
        this.seed = position.get("seed");
        this.configYaml = configYaml;
        this.networks = networks;
    }

    /**
     * Opens a run directory at its newest checkpoint, after verifying that checkpoint's manifest.
     *
     * @param directory a run directory (the one a trainer was given)
     * @return the run as its newest verified checkpoint
     * @throws NoSuchFileException when there is no such directory, or it holds no checkpoint yet
     * @throws DamagedCheckpointException naming the file of the newest checkpoint that fails verification
     * @throws IOException when the directory is not a run, or cannot be read
     */
    public static TrainedRun open(Path directory) throws IOException {
        return newest(directory, checkpoint -> read(directory, checkpoint));
    }

    /** An action on one checkpoint directory; it may fail because a trainer replaced that checkpoint. */
    @FunctionalInterface
    interface OnCheckpoint<T> {
        T apply(Path checkpoint) throws IOException;
    }

    /**
     * Runs an action on the newest checkpoint; when it fails and a newer checkpoint has appeared
     * meanwhile (or the one read is gone), runs it again on the newest. Otherwise the failure is the
     * checkpoint's own and is thrown.
     */
    static <T> T newest(Path directory, OnCheckpoint<T> action) throws IOException {
        Path checkpoints = checkpointsOf(directory);
        for (int attempt = 1; ; attempt++) {
            List<Path> all = list(checkpoints);
            if (all.isEmpty()) {
                // A listing taken while the trainer renamed a new checkpoint in and deleted the old one can
                // miss both; a step-… entry seen now means there is a checkpoint to read: list again.
                if (attempt < MAX_TRIES && anyStepEntry(checkpoints)) {
                    continue;
                }
                throw noCheckpoint(directory);
            }
            Path newest = all.get(all.size() - 1);
            try {
                return action.apply(newest);
            } catch (IOException | RuntimeException e) {
                if (e instanceof RunKindException) {
                    throw e;
                }
                List<Path> now = list(checkpoints);
                boolean replaced = !Files.isDirectory(newest)
                        || (!now.isEmpty() && now.get(now.size() - 1).compareTo(newest) > 0);
                if (!replaced) {
                    throw e;
                }
                if (attempt >= MAX_TRIES) {
                    throw new IOException(
                            directory + ": the trainer replaced its checkpoint " + MAX_TRIES
                                    + " times while it was being read; try again, or read it after training",
                            e);
                }
            }
        }
    }

    private static Path checkpointsOf(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "no such run: the directory does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is a file, not a run directory");
        }
        return directory.resolve(CHECKPOINTS);
    }

    private static IOException noCheckpoint(Path directory) {
        if (Files.exists(directory.resolve("config.yaml"))) {
            return new NoSuchFileException(
                    directory.toString(),
                    null,
                    "the run has no checkpoint yet (a trainer writes the first one at the end of its first epoch)");
        }
        return new NoSuchFileException(
                directory.toString(),
                null,
                "not a ganpoet run (no config.yaml, no " + CHECKPOINTS + "/ with a step-… checkpoint)");
    }

    private static List<Path> list(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(checkpoints)) {
            return list.filter(p -> STEP.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static boolean anyStepEntry(Path checkpoints) throws IOException {
        try (Stream<Path> list = Files.list(checkpoints)) {
            return list.anyMatch(p -> STEP.matcher(p.getFileName().toString()).matches());
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false;
        }
    }

    private static TrainedRun read(Path directory, Path checkpoint) throws IOException {
        // Everything below comes from the files just verified: a trainer may delete the directory meanwhile.
        List<String> verified = CheckpointManifest.verify(checkpoint);
        Path positionFile = checkpoint.resolve("position.yaml");
        Map<String, Long> position = new TreeMap<>();
        for (String line : Files.readAllLines(positionFile, StandardCharsets.UTF_8)) {
            Matcher m = POSITION_LINE.matcher(line);
            if (m.matches()) {
                position.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        if (!position.keySet().containsAll(List.of("epoch", "step_in_epoch", "step", "seed"))) {
            throw new DamagedCheckpointException(
                    positionFile + ": not a ganpoet position file (epoch, step_in_epoch, step, seed)");
        }
        Path config = checkpoint.resolve("config.yaml");
        String configYaml = verified.contains("config.yaml") ? Files.readString(config, StandardCharsets.UTF_8) : "";
        Set<String> networks = new TreeSet<>();
        for (String file : verified) {
            Matcher m = PARAMS.matcher(file);
            if (m.matches()) {
                networks.add(m.group(1));
            }
        }
        return new TrainedRun(directory, checkpoint, position, configYaml, networks);
    }

    /**
     * Returns the run directory.
     *
     * @return the directory given to {@link #open}
     */
    public Path directory() {
        return directory;
    }

    /**
     * Returns the checkpoint directory this snapshot was read from.
     *
     * @return e.g. {@code runs/fashion/checkpoints/step-000002350}
     */
    public Path checkpoint() {
        return checkpoint;
    }

    /**
     * Returns the completed epochs.
     *
     * @return epochs trained to their end
     */
    public int epoch() {
        return epoch;
    }

    /**
     * Returns the steps done in the epoch after {@link #epoch()}.
     *
     * @return 0 at an epoch's end
     */
    public int stepInEpoch() {
        return stepInEpoch;
    }

    /**
     * Returns the steps trained overall.
     *
     * @return the global step
     */
    public long step() {
        return step;
    }

    /**
     * Returns the run's seed.
     *
     * @return the seed its configuration gave
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the run's resolved configuration as its trainer recorded it.
     *
     * @return YAML text; empty when the checkpoint holds none
     */
    public String configYaml() {
        return configYaml;
    }

    /**
     * Returns the networks the checkpoint holds.
     *
     * @return names such as {@code discriminator}, {@code generator}, sorted
     */
    public Set<String> networks() {
        return networks;
    }

    /**
     * Returns what the run trained.
     *
     * @return the kind, from {@link #networks()}
     */
    public Kind kind() {
        if (networks.contains("generator") && networks.contains("discriminator")) {
            return Kind.GAN;
        }
        if (networks.contains("encoder") && networks.contains("decoder")) {
            return Kind.AUTOENCODER;
        }
        if (networks.equals(Set.of("classifier"))) {
            return Kind.CLASSIFIER;
        }
        return Kind.OTHER;
    }

    /**
     * Checks that the run is of a kind.
     *
     * @param wanted the kind a caller can use
     * @return this run
     * @throws RunKindException saying what the run is
     */
    public TrainedRun requireKind(Kind wanted) throws RunKindException {
        Kind kind = kind();
        if (kind != wanted) {
            throw new RunKindException(
                    directory + " is " + kind.phrase() + " (its checkpoint holds "
                            + (networks.isEmpty() ? "no network" : String.join(", ", networks)) + "), not "
                            + wanted.phrase(),
                    kind);
        }
        return this;
    }

    /**
     * Loads the generator of a GAN run into a sampler: the average of its weights when the checkpoint
     * holds one ({@link #AVERAGED_GENERATOR}), else its trained weights; from this snapshot's
     * checkpoint, or, when a trainer has replaced it since, from the newest one. Uses the default device.
     *
     * @param gan the pair the run trained (the generated {@code FooGan} of its spec)
     * @return the sampler; close it to free the network
     * @throws RunKindException when the run is not a GAN run
     * @throws IOException when the checkpoint is damaged or its generator does not match {@code gan}'s
     */
    public GeneratorSampler generator(GanModel gan) throws IOException {
        return generator(gan, ai.djl.engine.Engine.getInstance().defaultDevice());
    }

    /**
     * Loads the generator of a GAN run into a sampler on a device.
     *
     * @param gan the pair the run trained
     * @param device where the network computes
     * @return the sampler; close it to free the network
     * @throws RunKindException when the run is not a GAN run
     * @throws IOException when the checkpoint is damaged or its generator does not match {@code gan}'s
     */
    public GeneratorSampler generator(GanModel gan, Device device) throws IOException {
        return sampler(preferredGenerator(), gan, device);
    }

    /**
     * Loads the generator's trained weights, never their average, into a sampler (e.g. to compare
     * the two). Uses the default device.
     *
     * @param gan the pair the run trained
     * @return the sampler; close it to free the network
     * @throws RunKindException when the run is not a GAN run
     * @throws IOException when the checkpoint is damaged or its generator does not match {@code gan}'s
     */
    public GeneratorSampler rawGenerator(GanModel gan) throws IOException {
        return sampler("generator", gan, ai.djl.engine.Engine.getInstance().defaultDevice());
    }

    /** One of the checkpoint's generators (trained or averaged weights) in a sampler. */
    private GeneratorSampler sampler(String network, GanModel gan, Device device) throws IOException {
        requireKind(Kind.GAN);
        return loaded(
                network,
                gan::newGenerator,
                gan.generatorInputShapes(1),
                device,
                (run, model) -> new GeneratorSampler(run, gan, model));
    }

    /** The averaged generator when the checkpoint holds one (a run trained with {@code ema.decay} above 0). */
    private String preferredGenerator() {
        return networks.contains(AVERAGED_GENERATOR) ? AVERAGED_GENERATOR : "generator";
    }

    /**
     * Loads one network of the checkpoint into a DJL {@link Model} (e.g. an autoencoder's
     * {@code decoder}), after verifying the checkpoint.
     *
     * @param network the network's name in the checkpoint
     * @param newBlock makes a new block of the network's architecture (a read that loses a race with
     *     a trainer starts again with a fresh one)
     * @param inputShapes the shapes it is initialised with (batch 1 will do)
     * @param device where it computes
     * @return the model holding the block with the checkpoint's parameters; close it to free them
     * @throws IOException when the checkpoint is damaged, has no such network or the block does not match
     */
    public Model loadModel(
            String network,
            java.util.function.Supplier<Block> newBlock,
            ai.djl.ndarray.types.Shape[] inputShapes,
            Device device)
            throws IOException {
        return loaded(network, newBlock, inputShapes, device, (run, model) -> model);
    }

    private interface Wrap<T> {
        T wrap(TrainedRun run, Model model);
    }

    private <T> T loaded(
            String network,
            java.util.function.Supplier<Block> newBlock,
            ai.djl.ndarray.types.Shape[] inputShapes,
            Device device,
            Wrap<T> wrap)
            throws IOException {
        boolean[] first = {true};
        return newest(directory, newest -> {
            // This snapshot's checkpoint while it is still the newest; a newer one otherwise.
            TrainedRun run = first[0] && newest.equals(checkpoint) ? this : read(directory, newest);
            first[0] = false;
            if (!run.networks.contains(network)) {
                throw new IOException(newest + " holds no network '" + network + "' (it holds "
                        + String.join(", ", run.networks) + ")");
            }
            Model model = Model.newInstance(network, device);
            Block block = newBlock.get();
            try {
                model.setBlock(block);
                block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes);
                // A file a trainer deletes meanwhile stays readable once open, and checkpoint files never change:
                // what loads is what was verified, or the load fails and the newer checkpoint is read.
                Map<String, ai.djl.ndarray.types.Shape> expected = new TreeMap<>();
                block.getParameters()
                        .forEach(p ->
                                expected.put(p.getKey(), p.getValue().getArray().getShape()));
                model.load(newest, network);
                // DJL's loader takes whatever shapes the file holds; a block of another spec must not slip through.
                for (var p : block.getParameters()) {
                    ai.djl.ndarray.types.Shape found = p.getValue().getArray().getShape();
                    if (!found.equals(expected.get(p.getKey()))) {
                        throw new IllegalArgumentException("parameter " + p.getKey() + " is " + found + " there, "
                                + expected.get(p.getKey()) + " in the block");
                    }
                }
                return wrap.wrap(run, model);
            } catch (MalformedModelException | IllegalArgumentException | IllegalStateException e) {
                model.close();
                throw new IOException(
                        newest + ": network '" + network + "' does not match the block given (" + e.getMessage()
                                + "); was the run trained with another spec?",
                        e);
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
        });
    }

    /**
     * Returns DJL {@link Criteria} that load this run's generator as a {@link ZooModel} serving
     * {@link SampleRequest}s as pictures, the way DJL serves any model.
     *
     * <p>The criteria point at this snapshot's checkpoint; a trainer that is still running may delete
     * it, so load soon after {@link #open}, or use {@link #loadGenerator}, which retries on the newest.
     *
     * @param gan the pair the run trained
     * @param scale pixel magnification of the pictures
     * @return the criteria
     * @throws RunKindException when the run is not a GAN run
     */
    public Criteria<SampleRequest, BufferedImage> generatorCriteria(GanModel gan, int scale) throws RunKindException {
        requireKind(Kind.GAN);
        return Criteria.builder()
                .setTypes(SampleRequest.class, BufferedImage.class)
                .optModelPath(checkpoint)
                .optModelName(preferredGenerator())
                .optEngine("PyTorch")
                .optBlock(gan.newGenerator())
                .optTranslator(new GeneratorTranslator(gan, scale))
                .build();
    }

    /**
     * Loads this run's generator as a DJL {@link ZooModel} serving {@link SampleRequest}s as pictures,
     * retrying on the newest checkpoint when a trainer replaced this one meanwhile.
     *
     * @param gan the pair the run trained
     * @param scale pixel magnification of the pictures
     * @return the model; {@code newPredictor()} gives predictors, one per thread
     * @throws IOException when the checkpoint is damaged or does not match {@code gan}
     */
    public ZooModel<SampleRequest, BufferedImage> loadGenerator(GanModel gan, int scale) throws IOException {
        requireKind(Kind.GAN);
        boolean[] first = {true};
        return newest(directory, newest -> {
            TrainedRun run = first[0] && newest.equals(checkpoint) ? this : read(directory, newest);
            first[0] = false;
            try {
                ZooModel<SampleRequest, BufferedImage> model =
                        run.generatorCriteria(gan, scale).loadModel();
                try {
                    requireShapes(model.getBlock(), gan);
                } catch (IllegalArgumentException e) {
                    model.close();
                    throw new IOException(
                            newest + ": network '" + run.preferredGenerator() + "' does not match "
                                    + gan.name() + "'s generator ("
                                    + e.getMessage() + "); was the run trained with another spec?",
                            e);
                }
                return model;
            } catch (ModelNotFoundException | MalformedModelException e) {
                throw new IOException(
                        newest + ": its generator does not load as " + gan.name() + "'s (" + e.getMessage() + ")", e);
            }
        });
    }

    /** DJL's loader takes whatever shapes a file holds: compare with a freshly initialised generator. */
    private static void requireShapes(Block loaded, GanModel gan) {
        Block reference = gan.newGenerator();
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            reference.initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(1));
            Map<String, ai.djl.ndarray.types.Shape> expected = new TreeMap<>();
            reference
                    .getParameters()
                    .forEach(p ->
                            expected.put(p.getKey(), p.getValue().getArray().getShape()));
            for (var p : loaded.getParameters()) {
                ai.djl.ndarray.types.Shape found = p.getValue().getArray().getShape();
                if (!found.equals(expected.get(p.getKey()))) {
                    throw new IllegalArgumentException("parameter " + p.getKey() + " is " + found + " there, "
                            + expected.get(p.getKey()) + " in the block");
                }
            }
        }
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "TrainedRun[%s, %s, epoch %d, step %d]", directory, kind().phrase(), epoch, step);
    }
}
