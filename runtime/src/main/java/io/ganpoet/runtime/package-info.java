/**
 * What generated code and a user's own DJL code need at run time: the model contracts the processor
 * implements ({@link io.ganpoet.runtime.GanModel}, {@link io.ganpoet.runtime.AutoencoderModel}), their
 * compile-time layer tables ({@link io.ganpoet.runtime.LayerSummary}) and device choice
 * ({@link io.ganpoet.runtime.Devices}). Depends on DJL's API and PyTorch engine only; brings no natives.
 */
package io.ganpoet.runtime;
