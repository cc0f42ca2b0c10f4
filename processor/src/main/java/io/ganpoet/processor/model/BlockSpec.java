package io.ganpoet.processor.model;

import io.ganpoet.spec.Activation;

/**
 * One block of a {@link StackSpec}, as written. Sealed, and every stage that handles blocks does
 * so through {@link Visitor}: a new block kind does not compile until every stage handles it.
 */
public sealed interface BlockSpec permits ConvBlockSpec, DenseBlockSpec {

    /** Position among the spec's blocks of the same kind, from 0. */
    int index();

    /** The layer name (explicit, or the kind and position: {@code conv1}, {@code dense2}). */
    String name();

    /** Where this block's attribute {@code attribute} sits ({@code null}: the whole annotation). */
    Location at(String attribute);

    Activation activation();

    /** Slope or alpha of the activations that take one. */
    float leakySlope();

    float dropout();

    boolean bias();

    boolean batchNorm();

    /** What the user calls this block in messages: {@code conv block 2}. */
    String describe();

    <R> R accept(Visitor<R> visitor);

    /** One method per block kind. */
    interface Visitor<R> {
        R conv(ConvBlockSpec block);

        R dense(DenseBlockSpec block);
    }
}
