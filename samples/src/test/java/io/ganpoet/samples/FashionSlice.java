package io.ganpoet.samples;

import io.ganpoet.train.data.ImageDataset;
import java.io.IOException;

/** The shipped Fashion-MNIST slice, for tests in other packages. */
public final class FashionSlice {

    private FashionSlice() {}

    public static ImageDataset train() throws IOException {
        return FashionData.embedded("train");
    }

    public static ImageDataset test() throws IOException {
        return FashionData.embedded("t10k");
    }
}
