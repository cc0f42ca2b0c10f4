package io.ganpoet.train.gan;

import java.util.Locale;

/** The labels a conditional generator is asked for during training ({@code loss.fake_labels}). */
public enum FakeLabels {
    /** Uniform over the classes, from the engine's random generator. */
    UNIFORM,
    /** The real batch's own labels (the generated batch has the data's class balance). */
    BATCH;

    /**
     * {@code uniform} or {@code batch}.
     *
     * @param name the name
     * @return the policy
     */
    public static FakeLabels fromName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
