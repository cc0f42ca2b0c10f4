/**
 * One spec, two engines: ganpoet's networks as PyTorch sees them. {@link io.ganpoet.pytorch.StateDictNames} maps
 * a generated block's DJL parameters to the state-dict keys of its PyTorch twin (the Python module the annotation
 * processor writes beside the classes); {@link io.ganpoet.pytorch.StateFile} reads and writes safetensors files
 * through DJL's own codec; {@link io.ganpoet.pytorch.PyTorchExport} turns a checkpoint into a state file and a
 * torchrun job folder; {@link io.ganpoet.pytorch.PyTorchImport} turns a state file (from the twin's trainer or any
 * PyTorch code with the same layout) into a ganpoet run directory.
 */
package io.ganpoet.pytorch;
