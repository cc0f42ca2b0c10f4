package io.ganpoet.train.eval;

import ai.djl.ndarray.NDArray;

/** Maps a batch of images in [-1, 1] to feature vectors, for the Fréchet distance. */
public interface FeatureNetwork {

    /**
     * @param images {@code (N, C, H, W)} in [-1, 1]
     * @return {@code (N, D)} features
     */
    NDArray features(NDArray images);
}
