package io.ganpoet.samples;

import io.ganpoet.train.data.ImageSet;
import java.io.IOException;

/** The shipped Fashion-MNIST slice, for tests in other packages. */
public final class FashionSlice {

    private FashionSlice() {}

    public static ImageSet train() throws IOException {
        return FashionData.embedded("train");
    }

    public static ImageSet test() throws IOException {
        return FashionData.embedded("t10k");
    }
}
