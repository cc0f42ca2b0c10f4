package io.ganpoet.train.report;

import io.ganpoet.runtime.kernels.KernelReport;
import io.ganpoet.runtime.kernels.KernelReport.LayerVerdict;
import io.ganpoet.train.loop.RunListener;
import io.ganpoet.train.loop.TrainableNetwork;
import io.ganpoet.train.loop.TrainingStep;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Says once, in one line each, which layers the kernel check moved off libtorch's default kernel
 * and why ({@code io.ganpoet.runtime.kernels}). Verdicts are made during a network's first forward
 * pass with a new shape, so the lines come after the first step (and after a later step that met a
 * new batch size, such as an epoch's last partial batch). Nothing is printed where every kernel is
 * right.
 */
final class KernelLines implements RunListener {

    private final TrainingStep step;
    private final PrintStream out;
    private final Set<LayerVerdict> said = new HashSet<>();

    /** Lines go to {@code out}; with none, ConvKernels' own SLF4J warning is the only one. */
    KernelLines(TrainingStep step, PrintStream out) {
        this.step = step;
        this.out = out;
    }

    @Override
    public void onStep(StepEvent event) {
        for (TrainableNetwork network : step.networks()) {
            for (LayerVerdict layer : KernelReport.of(network.name(), network.block())) {
                if (out != null && layer.verdict().rerouted() && said.add(layer)) {
                    out.println("kernels: " + layer.line());
                }
            }
        }
    }
}
