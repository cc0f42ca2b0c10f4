/**
 * The ganpoet spec language: annotate an interface with {@link io.ganpoet.spec.Discriminator} and
 * a stack of {@link io.ganpoet.spec.ConvBlock}s (and optional {@link io.ganpoet.spec.DenseBlock}s);
 * the annotation processor in {@code ganpoet-processor} checks the shapes and generates the DJL
 * discriminator, the mirrored generator and a holder for both.
 */
package io.ganpoet.spec;
