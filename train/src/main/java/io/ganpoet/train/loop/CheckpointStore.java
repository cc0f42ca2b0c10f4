package io.ganpoet.train.loop;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the {@link TrainingLoop} saves its networks and resumes from. The loop knows nothing of
 * directories or file formats; {@code io.ganpoet.train.run.Checkpoints} is the implementation
 * that writes run directories.
 */
public interface CheckpointStore {

    /**
     * Loads the newest checkpoint into the networks, after verifying it.
     *
     * @param networks the networks to fill, in the order the step lists them
     * @param manager owns the networks
     * @return the position the checkpoint holds, or empty when there is none
     * @throws IOException when the checkpoint cannot be read or does not verify
     */
    Optional<Position> restore(List<TrainableNetwork> networks, NDManager manager) throws IOException;

    /**
     * Saves the networks (parameters and optimizer state) at a position.
     *
     * @param position where training stands
     * @param networks the networks
     * @return the checkpoint written
     * @throws IOException when it cannot be written (the previous checkpoint stays whole)
     */
    Path save(Position position, List<TrainableNetwork> networks) throws IOException;

    /**
     * The newest checkpoint, for messages.
     *
     * @return its location, or empty when none was written
     * @throws IOException when the store cannot be listed
     */
    Optional<Path> latest() throws IOException;
}
