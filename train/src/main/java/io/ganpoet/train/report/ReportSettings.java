package io.ganpoet.train.report;

import io.ganpoet.train.config.ExperimentConfig;

/**
 * What a run reports, from the configuration's {@code sample.*} and {@code log.*} keys.
 *
 * @param pictureEveryEpochs draw the step's picture every N epochs
 * @param sampleGrid images in a sample grid
 * @param logEverySteps plain progress line cadence off a terminal
 */
public record ReportSettings(int pictureEveryEpochs, int sampleGrid, int logEverySteps) {

    /**
     * Reads the {@code log.*}, {@code sample.*} and picture keys.
     *
     * @param config the experiment
     * @return the settings
     */
    public static ReportSettings from(ExperimentConfig config) {
        return new ReportSettings(
                config.integer("sample.every_epochs"),
                config.integer("sample.grid"),
                config.integer("log.every_steps"));
    }
}
