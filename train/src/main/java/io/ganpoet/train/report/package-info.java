/**
 * What a run leaves for people: metrics CSV, plots, sample pictures and progress (printed, or logged
 * through SLF4J), each a {@link io.ganpoet.train.loop.RunListener}.
 */
package io.ganpoet.train.report;
