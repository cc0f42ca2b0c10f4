package io.ganpoet.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Writes and reads a run's checkpoint: every network's parameters (batch-norm statistics
 * included), every optimiser's state, the position (epoch, step), the seed and the configuration.
 * Writes go to a temporary file that is synced and then renamed over the previous checkpoint, so a
 * crash mid-write leaves the previous one loadable.
 */
public final class Checkpoints {

    private static final String MAGIC = "ganpoet-checkpoint";
    private static final int VERSION = 1;

    /** What a checkpoint records besides tensors. */
    public record Position(int epoch, long step, long seed, String configYaml) {}

    private final Path file;

    /** @param file the checkpoint file, e.g. {@code run/checkpoints/last.ckpt} */
    public Checkpoints(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /**
     * Saves atomically.
     *
     * @param position where training is
     * @param step the networks and optimisers
     * @throws IOException on write failure; the previous checkpoint is then intact
     */
    public void save(Position position, TrainingStep step) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(temporary);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(position.epoch());
            out.writeLong(position.step());
            out.writeLong(position.seed());
            writeLongString(out, position.configYaml());
            Map<String, Block> networks = step.networks();
            out.writeInt(networks.size());
            for (Map.Entry<String, Block> e : networks.entrySet()) {
                // Length-prefixed, so a reader can skip networks it does not want.
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                e.getValue().saveParameters(new DataOutputStream(bytes));
                out.writeUTF(e.getKey());
                out.writeInt(bytes.size());
                bytes.writeTo(out);
            }
            Map<String, AdamOptimizer> optimizers = step.optimizers();
            out.writeInt(optimizers.size());
            for (Map.Entry<String, AdamOptimizer> e : optimizers.entrySet()) {
                out.writeUTF(e.getKey());
                e.getValue().save(out);
            }
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Reads only the position and configuration.
     *
     * @return the position
     * @throws IOException naming the file if it is not a ganpoet checkpoint
     */
    public Position readPosition() throws IOException {
        try (DataInputStream in = open()) {
            return header(in);
        }
    }

    /**
     * Restores networks and optimisers in place. Call it before the networks' parameter stores are
     * first used: a store keeps the arrays it saw first.
     *
     * @param step the (initialised) networks and optimisers to load into
     * @param manager owns the restored parameters and state
     * @return the position the checkpoint was taken at
     * @throws IOException naming the file on any mismatch or corruption
     */
    public Position load(TrainingStep step, NDManager manager) throws IOException {
        try (DataInputStream in = open()) {
            Position position = header(in);
            readNetworks(in, step.networks(), manager, true);
            Map<String, AdamOptimizer> optimizers = step.optimizers();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                AdamOptimizer optimizer = optimizers.get(name);
                if (optimizer == null) {
                    throw new IOException(file + ": holds optimizer '" + name + "', which this run does not have");
                }
                optimizer.load(in, manager);
            }
            return position;
        }
    }

    /**
     * Restores only the named networks, e.g. the generator for sampling.
     *
     * @param networks the (initialised) networks to load, by checkpoint name
     * @param manager owns the restored parameters
     * @return the position the checkpoint was taken at
     * @throws IOException naming the file if a wanted network is missing or does not match
     */
    public Position loadNetworks(Map<String, Block> networks, NDManager manager) throws IOException {
        try (DataInputStream in = open()) {
            Position position = header(in);
            readNetworks(in, networks, manager, false);
            return position;
        }
    }

    private void readNetworks(DataInputStream in, Map<String, Block> networks, NDManager manager, boolean all)
            throws IOException {
        int count = in.readInt();
        java.util.Set<String> loaded = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            Block block = networks.get(name);
            if (block == null) {
                if (all) {
                    throw new IOException(file + ": holds network '" + name + "', which this run does not have");
                }
                continue;
            }
            try {
                block.loadParameters(manager, new DataInputStream(new java.io.ByteArrayInputStream(bytes)));
                // DJL's loader replaces the arrays without attaching gradients.
                for (var p : block.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        p.getValue().getArray().setRequiresGradient(true);
                    }
                }
            } catch (MalformedModelException | RuntimeException e) {
                throw new IOException(file + ": network '" + name + "' does not match this run's: " + e.getMessage(), e);
            }
            loaded.add(name);
        }
        for (String wanted : networks.keySet()) {
            if (!loaded.contains(wanted)) {
                throw new IOException(file + ": has no network '" + wanted + "'");
            }
        }
    }

    private DataInputStream open() throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    private Position header(DataInputStream in) throws IOException {
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            throw new IOException(file + ": not a ganpoet checkpoint (unreadable header)", e);
        }
        if (!MAGIC.equals(magic)) {
            throw new IOException(file + ": not a ganpoet checkpoint");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(file + ": checkpoint version " + version + ", this ganpoet reads " + VERSION);
        }
        return new Position(in.readInt(), in.readLong(), in.readLong(), readLongString(in));
    }

    private static void writeLongString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readLongString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
