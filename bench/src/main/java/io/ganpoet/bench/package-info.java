/**
 * Benchmarks: the generated networks and training step against the same networks run as TorchScript
 * by the same libtorch, and hand-built with DJL builders (JMH, and an interleaved runner).
 */
package io.ganpoet.bench;
