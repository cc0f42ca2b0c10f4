package io.ganpoet.train.run;

import ai.djl.ndarray.NDManager;
import io.ganpoet.train.loop.CheckpointStore;
import io.ganpoet.train.loop.Position;
import io.ganpoet.train.loop.TrainableNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link Checkpoints} as the loop's store, every checkpoint recording the run's seed and configuration. */
final class SavingStore implements CheckpointStore {

    private final Checkpoints checkpoints;
    private final long seed;
    private final String configYaml;

    SavingStore(Checkpoints checkpoints, long seed, String configYaml) {
        this.checkpoints = checkpoints;
        this.seed = seed;
        this.configYaml = configYaml;
    }

    @Override
    public Optional<Position> restore(List<TrainableNetwork> networks, NDManager manager) throws IOException {
        return checkpoints.exists()
                ? Optional.of(checkpoints.load(networks, manager).position())
                : Optional.empty();
    }

    @Override
    public Path save(Position position, List<TrainableNetwork> networks) throws IOException {
        return checkpoints.save(position, seed, configYaml, networks);
    }

    @Override
    public Optional<Path> latest() throws IOException {
        return checkpoints.latest();
    }
}
