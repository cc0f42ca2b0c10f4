package io.ganpoet.train.loop;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Something hung on the {@link TrainingLoop}, as DJL hangs its training listeners on a trainer:
 * metrics files, progress, plots, pictures. Listeners observe; they never change training.
 */
public interface RunListener {

    /** Where the loop is: position, timing, and the step's metrics by name. */
    record StepEvent(
            int epoch,
            int epochs,
            long step,
            int stepInEpoch,
            int stepsPerEpoch,
            Metrics metrics,
            double imagesPerSecond) {}

    /**
     * Called once before the first step.
     *
     * @param run the run's static facts
     * @param resumedFrom where a resumed run starts ({@link Position#START} for a new one)
     * @throws IOException when the listener cannot write
     */
    default void onStart(TrainingLoop.RunInfo run, Position resumedFrom) throws IOException {}

    /**
     * Called after every step.
     *
     * @param event position, metrics and speed
     * @throws IOException when the listener cannot write
     */
    default void onStep(StepEvent event) throws IOException {}

    /**
     * Called after each epoch, before its checkpoint.
     *
     * @param epoch the epoch just completed (from 1)
     * @throws IOException when the listener cannot write
     */
    default void onEpochEnd(int epoch) throws IOException {}

    /**
     * Called after a checkpoint was written and verified.
     *
     * @param checkpoint the checkpoint's directory
     * @param position the position it holds
     * @throws IOException when the listener cannot write
     */
    default void onCheckpoint(Path checkpoint, Position position) throws IOException {}

    /**
     * Called once when training ends, normally or not.
     *
     * @param completed whether every epoch was trained
     * @throws IOException when the listener cannot write
     */
    default void onEnd(boolean completed) throws IOException {}
}
