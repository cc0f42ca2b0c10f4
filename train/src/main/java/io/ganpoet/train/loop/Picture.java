package io.ganpoet.train.loop;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;

/**
 * Makes a picture of a model's current state, e.g. a grid of generated images for a fixed latent
 * batch. Called between steps, without gradients.
 */
@FunctionalInterface
public interface Picture {

    /**
     * @param scope a manager for temporary arrays, closed after the call
     * @return the picture
     */
    BufferedImage draw(NDManager scope);
}
