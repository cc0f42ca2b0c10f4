package io.ganpoet.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.Layer;
import io.ganpoet.processor.model.MirrorSpec;
import io.ganpoet.processor.model.Network;
import io.ganpoet.processor.model.Op;
import io.ganpoet.spec.Activation;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any conv stack the analysis accepts, the generator lands exactly: every generator layer
 * outputs the shape its mirrored discriminator block read, G(z) has the image shape, and every
 * output padding is one {@code TransposedConv2d} accepts (below the stride or the dilation).
 */
class MirrorPropertyTest {

    record Block(int filters, int kernel, int stride, int padding, int dilation, int pool) {}

    @Provide
    Arbitrary<List<Block>> stacks() {
        Arbitrary<Block> block = Combinators.combine(
                        Arbitraries.integers().between(1, 16),
                        Arbitraries.integers().between(1, 7),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.of(0, 0, 0, 2, 3))
                .as(Block::new);
        return block.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 500)
    void generatorLandsExactlyOnEveryDiscriminatorShape(
            @ForAll("stacks") List<Block> blocks,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 70) int height,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 70) int width) {
        List<ConvBlockSpec> convs = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            convs.add(new ConvBlockSpec(
                    i,
                    "conv" + (i + 1),
                    b.filters(),
                    b.kernel(),
                    b.stride(),
                    b.padding(),
                    b.dilation(),
                    false,
                    false,
                    Activation.LEAKY_RELU,
                    0.2f,
                    b.pool(),
                    0f,
                    false));
        }
        DiscriminatorSpec spec = DiscriminatorSpec.of(
                "p", "PropDiscriminator", 3, height, width, 8, MirrorSpec.generatorDefaults(), convs, List.of());
        PairAnalysis.Plan result = GanAnalysis.analyse(spec);
        if (result.hasErrors()) {
            return; // the analysis rejected it, with messages; nothing to mirror
        }
        Network d = result.stack();
        Network g = GanAnalysis.analyse(spec).mirror();
        assertEquals(spec.imageShape(), g.output());
        List<Layer> dl = d.layers();
        List<Layer> gl = g.layers();
        for (int i = 0; i < dl.size(); i++) {
            Layer mirrored = dl.get(dl.size() - 1 - i);
            assertEquals(mirrored.input(), gl.get(i).output(), gl.get(i).name());
            for (Op op : gl.get(i).ops()) {
                if (op instanceof Op.Deconv t) {
                    assertTrue(
                            t.outPaddingH() >= 0 && (t.outPaddingH() < t.stride() || t.outPaddingH() < t.dilation()),
                            t.toString());
                    assertTrue(
                            t.outPaddingW() >= 0 && (t.outPaddingW() < t.stride() || t.outPaddingW() < t.dilation()),
                            t.toString());
                }
            }
        }
    }
}
