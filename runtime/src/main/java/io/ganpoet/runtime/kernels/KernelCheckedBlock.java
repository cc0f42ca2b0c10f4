package io.ganpoet.runtime.kernels;

import java.util.List;

/**
 * A block whose convolutions run through {@link ConvKernels}: it remembers the verdicts it used,
 * so a report can say which layer runs on which kernel ({@link KernelReport}).
 */
public interface KernelCheckedBlock {

    /**
     * The verdicts of the signatures this block has run, one per signature and device.
     *
     * @return a snapshot, empty before the first forward pass
     */
    List<KernelVerdict> kernelVerdicts();
}
