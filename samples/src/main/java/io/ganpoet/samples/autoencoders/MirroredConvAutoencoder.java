package io.ganpoet.samples.autoencoders;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.ganpoet.runtime.AutoencoderModel;
import io.ganpoet.runtime.LayerSummary;
import io.ganpoet.runtime.nn.GaussianHeads;
import io.ganpoet.runtime.nn.TransposedConv2d;
import io.ganpoet.runtime.nn.Upsampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A convolutional autoencoder written by hand with the mirror rules of ganpoet's generator:
 * encoder layers {@code conv k×k pK + ReLU + max-pool 2}; the decoder takes them in reverse, each
 * as a nearest-neighbour un-pooling back to the convolution's output size followed by a
 * transposed convolution with the same kernel and padding whose output lands exactly on the size
 * the encoder layer read; ReLU between, a sigmoid at the end (pixels in [0, 1]). A variational
 * model ends its encoder in {@link GaussianHeads} (μ and log σ² of size {@code latent} from the
 * flattened last map) and starts its decoder with a projection + ReLU + reshape to that map.
 *
 * <p>This is what the {@code @Encoder} processor is to generate from a spec (issue 11); it stands
 * here, by hand, until the processor's stack core lands. The layer tables are computed from the
 * same arithmetic the processor uses.
 */
public final class MirroredConvAutoencoder implements AutoencoderModel {

    /** One encoder layer: {@code Conv2d kernel×kernel, padding, ReLU, MaxPool 2}. */
    public record ConvLayer(int filters, int kernel, int padding) {}

    private final String name;
    private final Shape image;
    private final List<ConvLayer> layers;
    private final int latent;
    private final List<Shape> maps = new ArrayList<>();
    private final List<Shape> convOutputs = new ArrayList<>();

    /**
     * @param name the model's name
     * @param image {@code (C, H, W)}
     * @param layers the encoder's conv layers, in order
     * @param latent the latent size of a VAE; 0 for a plain autoencoder
     */
    public MirroredConvAutoencoder(String name, Shape image, List<ConvLayer> layers, int latent) {
        this.name = name;
        this.image = image;
        this.layers = List.copyOf(layers);
        this.latent = latent;
        Shape shape = image;
        maps.add(shape);
        for (ConvLayer l : layers) {
            long h = shape.get(1) + 2L * l.padding() - l.kernel() + 1;
            long w = shape.get(2) + 2L * l.padding() - l.kernel() + 1;
            convOutputs.add(new Shape(l.filters(), h, w));
            shape = new Shape(l.filters(), h / 2, w / 2);
            maps.add(shape);
        }
    }

    private Shape last() {
        return maps.get(maps.size() - 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape imageShape() {
        return image;
    }

    @Override
    public boolean variational() {
        return latent > 0;
    }

    @Override
    public Shape latentShape() {
        return variational() ? new Shape(latent) : last();
    }

    @Override
    public Block newEncoder() {
        SequentialBlock encoder = new SequentialBlock();
        for (ConvLayer l : layers) {
            encoder.add(new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(l.kernel(), l.kernel())).setFilters(l.filters())
                            .optPadding(new Shape(l.padding(), l.padding())).build())
                    .add(Activation::relu)
                    .add(Pool.maxPool2dBlock(new Shape(2, 2))));
        }
        if (variational()) {
            encoder.add(new GaussianHeads(latent));
        }
        return encoder;
    }

    @Override
    public Block newDecoder() {
        SequentialBlock decoder = new SequentialBlock();
        Shape last = last();
        if (variational()) {
            decoder.add(new SequentialBlock()
                    .add(Linear.builder().setUnits(last.size()).build())
                    .add(Activation::relu)
                    .add(new LambdaBlock(x -> new NDList(x.head().reshape(new Shape(x.head().getShape().get(0)).addAll(last))))));
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            ConvLayer l = layers.get(i);
            Shape conv = convOutputs.get(i);
            Shape read = maps.get(i);
            long outH = read.get(1) - ((conv.get(1) - 1) - 2L * l.padding() + l.kernel());
            long outW = read.get(2) - ((conv.get(2) - 1) - 2L * l.padding() + l.kernel());
            SequentialBlock layer = new SequentialBlock()
                    .add(new LambdaBlock(x -> new NDList(Upsampling.nearest(x.head(), conv.get(1), conv.get(2)))))
                    .add(TransposedConv2d.builder().setKernelShape(new Shape(l.kernel(), l.kernel()))
                            .setFilters(Math.toIntExact(read.get(0))).optPadding(new Shape(l.padding(), l.padding()))
                            .optOutPadding(new Shape(outH, outW)).build());
            layer.add(i == 0 ? Activation::sigmoid : Activation::relu);
            decoder.add(layer);
        }
        return decoder;
    }

    @Override
    public DecoderOutput decoderOutput() {
        return DecoderOutput.SIGMOID;
    }

    @Override
    public List<LayerSummary> encoderLayers() {
        List<LayerSummary> rows = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            ConvLayer l = layers.get(i);
            long in = maps.get(i).get(0);
            long k2 = (long) l.kernel() * l.kernel();
            rows.add(new LayerSummary("conv" + (i + 1),
                    String.format(Locale.ROOT, "Conv2d %d×%d p%d, ReLU, MaxPool 2", l.kernel(), l.kernel(), l.padding()),
                    maps.get(i + 1), in * l.filters() * k2 + l.filters(), convOutputs.get(i).size() * in * k2));
        }
        if (variational()) {
            long flat = last().size();
            rows.add(new LayerSummary("heads", "Flatten, Linear → μ, Linear → log σ²", new Shape(2, latent),
                    2 * (flat * latent + latent), 2 * flat * latent));
        }
        return rows;
    }

    @Override
    public List<LayerSummary> decoderLayers() {
        List<LayerSummary> rows = new ArrayList<>();
        if (variational()) {
            long flat = last().size();
            rows.add(new LayerSummary("project", "Linear, ReLU, Reshape " + dims(last()), last(), latent * flat + flat,
                    latent * flat));
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            ConvLayer l = layers.get(i);
            Shape conv = convOutputs.get(i);
            long in = conv.get(0);
            long out = maps.get(i).get(0);
            long k2 = (long) l.kernel() * l.kernel();
            rows.add(new LayerSummary("conv" + (i + 1) + "Mirror",
                    String.format(Locale.ROOT, "Upsample %d×%d, ConvTranspose2d %d×%d p%d, %s", conv.get(1), conv.get(2),
                            l.kernel(), l.kernel(), l.padding(), i == 0 ? "Sigmoid" : "ReLU"),
                    maps.get(i), in * out * k2 + out, conv.get(1) * conv.get(2) * in * out * k2));
        }
        return rows;
    }

    @Override
    public String summary() {
        return name + "Encoder (" + dims(image) + (variational() ? " → μ, log σ² of " + latent : " → " + dims(last())) + ")\n"
                + table(image, encoderLayers()) + "\n" + name + "Decoder (" + dims(latentShape()) + " → " + dims(image) + ")\n"
                + table(latentShape(), decoderLayers());
    }

    private static String dims(Shape s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.dimension(); i++) {
            b.append(i == 0 ? "" : "×").append(s.get(i));
        }
        return b.toString();
    }

    /** The layer table in the processor's format: name, operations, output, parameters, multiply-adds. */
    static String table(Shape input, List<LayerSummary> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"layer", "operations", "output", "parameters", "multiply-adds"});
        cells.add(new String[] {"input", "", dims(input), "", ""});
        long params = 0;
        long macs = 0;
        for (LayerSummary r : rows) {
            cells.add(new String[] {r.name(), r.operations(), dims(r.outputShape()), number(r.parameters()), number(r.multiplyAdds())});
            params += r.parameters();
            macs += r.multiplyAdds();
        }
        cells.add(new String[] {"total", "", "", number(params), number(macs)});
        int[] widths = new int[5];
        for (String[] row : cells) {
            for (int c = 0; c < 5; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < 5; c++) {
                String pad = " ".repeat(widths[c] - row[c].length());
                line.append(c >= 3 ? pad + row[c] : row[c] + pad).append(c < 4 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
