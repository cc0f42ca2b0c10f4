/**
 * The DJL blocks generated networks are made of where DJL has none: the transposed convolution
 * libtorch computes, spectral normalisation, label conditioning, Gaussian heads, and the layered
 * block every generated network extends. Each is a plain DJL {@code Block}.
 */
package io.ganpoet.runtime.nn;
