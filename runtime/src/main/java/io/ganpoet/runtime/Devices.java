package io.ganpoet.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Chooses the device ganpoet computes on: a GPU when DJL's engine sees one, else the CPU. The
 * choice can be forced with the system property {@value #PROPERTY} (or a config/CLI option that
 * passes the same words): {@code auto}, {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}.
 */
public final class Devices {

    /** System property that overrides the automatic choice. */
    public static final String PROPERTY = "ganpoet.device";

    private Devices() {}

    /**
     * Sets libtorch's intra-op CPU threads.
     *
     * @param threads the thread count; 0 leaves libtorch's default (one per core)
     * @return a line for the run's log
     */
    public static String cpuThreads(int threads) {
        Engine.getInstance(); // loads libtorch before configuring it
        if (threads > 0) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
        return "CPU threads: " + ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /**
     * Returns the device named by {@value #PROPERTY}, or the automatic choice when it is unset.
     *
     * @return the device to compute on
     */
    public static Device choose() {
        return choose(System.getProperty(PROPERTY, "auto"));
    }

    /**
     * Returns the device a name stands for.
     *
     * @param name {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
     * @return the device
     * @throws IllegalArgumentException when the name is not one of those, or names a GPU the engine
     *     does not see
     */
    public static Device choose(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        int gpus = Engine.getInstance().getGpuCount();
        if (key.equals("auto")) {
            return gpus > 0 ? Device.gpu() : Device.cpu();
        }
        if (key.equals("cpu")) {
            return Device.cpu();
        }
        if (key.equals("gpu") || key.startsWith("gpu:")) {
            int index;
            try {
                index = key.equals("gpu") ? 0 : Integer.parseInt(key.substring(4));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device '" + name + "': expected auto, cpu, gpu or gpu:N", e);
            }
            if (index < 0 || index >= gpus) {
                throw new IllegalArgumentException("device '"
                        + name
                        + "': the "
                        + Engine.getInstance().getEngineName()
                        + " engine sees "
                        + gpus
                        + " GPU(s); with the CPU natives jar it sees none (README: GPU)");
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("device '" + name + "': expected auto, cpu, gpu or gpu:N");
    }
}
