package io.ganpoet.train;

import java.io.IOException;

/**
 * Something hung on the {@link TrainingLoop}: metrics files, progress, pictures. Listeners see the
 * loop's events; they never change training.
 */
public interface TrainingListener {

    /** Where the loop is: position, timing, and the step's metric values. */
    record StepEvent(int epoch, int epochs, long step, int stepInEpoch, int stepsPerEpoch, float[] metrics, double imagesPerSecond) {}

    /**
     * Called once before the first step.
     *
     * @param run the run's static facts
     * @param resumedEpoch the last completed epoch when resuming, else 0
     */
    default void onStart(TrainingLoop.RunInfo run, int resumedEpoch) throws IOException {}

    /** Called after every step. */
    default void onStep(StepEvent event) throws IOException {}

    /** Called after each epoch, before its checkpoint. */
    default void onEpochEnd(int epoch) throws IOException {}

    /** Called once when training ends, normally or not. */
    default void onEnd(boolean completed) throws IOException {}
}
