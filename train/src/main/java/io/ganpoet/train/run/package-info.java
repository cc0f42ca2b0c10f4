/**
 * Run directories on disk: the directory with its lock, config and resume log ({@link
 * io.ganpoet.train.run.RunDirectory}), verified checkpoints ({@link io.ganpoet.train.run.Checkpoints},
 * the loop's checkpoint store) and file errors that name the file.
 */
package io.ganpoet.train.run;
