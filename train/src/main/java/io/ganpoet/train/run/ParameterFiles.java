package io.ganpoet.train.run;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A network's parameters in a checkpoint: DJL's {@code .params} files, through a borrowed {@link Model}. */
final class ParameterFiles {

    private ParameterFiles() {}

    /** Writes a network's parameters in DJL's model format ({@code Model.load} reads them) and forces them to disk. */
    static void save(Path dir, String name, Block block, int epoch) throws IOException {
        // DJL's Model format, so Model.load(dir, name) reads it back; the model only borrows the block.
        try (Model model = Model.newInstance(name)) {
            model.setBlock(block);
            model.setProperty("Epoch", Integer.toString(epoch));
            model.save(dir, name);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(name + "-")
                            && f.getFileName().toString().endsWith(".params"))
                    .toList()) {
                FileTrees.force(file);
            }
        }
    }

    /** Reads a network's parameters into its block; a mismatch names the checkpoint and the network. */
    static void load(Path checkpoint, String name, Block block, NDManager manager) throws IOException {
        try (Model model = Model.newInstance(name, manager.getDevice())) {
            model.setBlock(block);
            model.load(checkpoint, name);
            // The loaded arrays belong to the borrowed model's manager; keep them past its close,
            // and let autograd track them again (DJL's loader does not).
            for (Pair<String, Parameter> p : block.getParameters()) {
                p.getValue().getArray().attach(manager);
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException(
                    checkpoint + ": network '" + name + "' does not match this run's (" + e.getMessage() + ")", e);
        }
    }
}
