/**
 * Which native kernel computes each convolution, and the check that decides it.
 *
 * <p>libtorch picks a kernel for every convolution signature (shapes, stride, padding, dilation,
 * groups, batch size) and direction; on some CPUs the one oneDNN picks is wrong (docs/NOTES.md,
 * "Right on every CPU"). {@link io.ganpoet.runtime.kernels.ConvKernels} runs each signature a
 * network uses once per process and device against a float64 reference before its first use and
 * sends a signature whose default kernel disagrees to {@link
 * io.ganpoet.runtime.kernels.ConvRoute#IM2COL}, a kernel built from ATen's im2col, col2im and
 * matrix product that never reaches oneDNN. ganpoet's convolution blocks ({@code CheckedConv2d},
 * {@code TransposedConv2d}, {@code SpectralNormConv2d}) compute through it; {@link
 * io.ganpoet.runtime.kernels.KernelPolicy} says whether to check, to trust only the im2col route, or
 * to run the default unchecked.
 */
package io.ganpoet.runtime.kernels;
