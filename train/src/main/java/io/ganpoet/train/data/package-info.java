/**
 * Training images: IDX files, image folders decoded per batch (sub-folders are classes), and images
 * held in memory, all as {@link io.ganpoet.train.data.ImageSet}s that make DJL batches.
 */
package io.ganpoet.train.data;
