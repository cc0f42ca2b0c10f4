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
     * A warning for CPUs where libtorch 2.7.1's oneDNN AVX-512 convolution backward pass has been
     * seen returning NaN gradients now and then on two threads (AMD EPYC, here); capping oneDNN at
     * AVX2 with the environment variable {@code DNNL_MAX_CPU_ISA=AVX2} avoids it. The launcher and
     * the build set it; a JVM started otherwise gets this warning.
     *
     * @return the warning, or empty when the cap is set or the CPU lacks AVX-512
     */
    public static java.util.Optional<String> oneDnnWarning() {
        if (System.getenv("DNNL_MAX_CPU_ISA") != null || System.getenv("ONEDNN_MAX_CPU_ISA") != null) {
            return java.util.Optional.empty();
        }
        try {
            String cpuinfo = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo"));
            if (!cpuinfo.contains("avx512f")) {
                return java.util.Optional.empty();
            }
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                "warning: this CPU has AVX-512, where libtorch 2.7.1's oneDNN convolution gradients can come"
                        + " out NaN on several threads; set DNNL_MAX_CPU_ISA=AVX2 in the environment (./ganpoet"
                        + " does) or train on one thread (-Dai.djl.pytorch.num_threads=1)");
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
                throw new IllegalArgumentException(
                        "device '" + name + "': expected auto, cpu, gpu or gpu:N", e);
            }
            if (index < 0 || index >= gpus) {
                throw new IllegalArgumentException(
                        "device '"
                                + name
                                + "': the "
                                + Engine.getInstance().getEngineName()
                                + " engine sees "
                                + gpus
                                + " GPU(s); with the CPU natives jar it sees none (README: GPU)");
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException(
                "device '" + name + "': expected auto, cpu, gpu or gpu:N");
    }
}
