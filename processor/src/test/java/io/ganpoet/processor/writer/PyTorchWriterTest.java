package io.ganpoet.processor.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganpoet.processor.analysis.GanAnalysis;
import io.ganpoet.processor.analysis.PairAnalysis;
import io.ganpoet.processor.model.ConvBlockSpec;
import io.ganpoet.processor.model.DiscriminatorSpec;
import io.ganpoet.processor.model.MirrorSpec;
import io.ganpoet.spec.Activation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PyTorch twin's text, from the spec model alone (no compiler). */
class PyTorchWriterTest {

    /** PyTorch's DCGAN example's networks, as the DCGAN spec describes them. */
    static DiscriminatorSpec dcgan(String firstName) {
        List<ConvBlockSpec> convs = new ArrayList<>();
        int[] filters = {64, 128, 256, 512};
        for (int i = 0; i < 4; i++) {
            convs.add(new ConvBlockSpec(
                    i,
                    i == 0 ? firstName : "conv" + (i + 1),
                    filters[i],
                    4,
                    2,
                    1,
                    1,
                    false,
                    i > 0,
                    Activation.LEAKY_RELU,
                    0.2f,
                    0,
                    0f,
                    false));
        }
        convs.add(new ConvBlockSpec(4, "conv5", 1, 4, 1, 0, 1, false, false, Activation.SIGMOID, 0.2f, 0, 0f, false));
        return DiscriminatorSpec.of(
                "p", "DcganDiscriminator", 3, 64, 64, 100, MirrorSpec.generatorDefaults(), convs, List.of());
    }

    private static String twin(DiscriminatorSpec spec) {
        PairAnalysis.Plan plan = GanAnalysis.analyse(spec);
        assertEquals(List.of(), plan.problems());
        return PyTorchWriter.write(spec, plan, "p.DcganDiscriminator");
    }

    @Test
    void dcganTwinHasTheExamplesLayersInOrderUnderTheDjlFieldNames() {
        String py = twin(dcgan("conv1"));
        assertEquals("DcganGan.py", PyTorchWriter.fileName(dcgan("conv1")));
        assertTrue(
                py.contains("        self.conv1 = nn.Conv2d(3, 64, 4, stride=2, padding=1, dilation=1, bias=False)\n"
                        + "        self.conv2 = nn.Conv2d(64, 128, 4, stride=2, padding=1, dilation=1, bias=False)\n"
                        + "        self.conv2Norm = nn.BatchNorm2d(128, eps=1e-05, momentum=0.1)\n"),
                py);
        // the generator starts from the latent with PyTorch's DCGAN ConvTranspose2d(100, 512, 4, 1, 0)
        assertTrue(
                py.contains("self.conv5Mirror = nn.ConvTranspose2d(100, 512, 4, stride=1, padding=0,"
                        + " output_padding=(0, 0), dilation=1, bias=False)"),
                py);
        assertTrue(py.contains("        if final_sigmoid:\n            x = torch.sigmoid(x)\n"), py);
        assertTrue(py.contains("    def logits(self, x):\n"), py);
        assertTrue(
                py.contains(
                        "KIND = \"gan\"\n\"\"\"gan, conditional-gan, autoencoder or vae.\"\"\"\nCLASSES = 0\nIMAGE_SHAPE = (3, 64, 64)\nLATENT_SHAPE = (100, 1, 1)\n"),
                py);
        assertTrue(
                py.contains(
                        "NETWORKS = {\"discriminator\": DcganDiscriminatorBlock, \"generator\": DcganGeneratorBlock}"),
                py);
        assertFalse(py.contains("SpectralNormConv2d"), "helpers only where used");
        assertFalse(py.contains("_join_label_maps"), "helpers only where used");
    }

    @Test
    void aLayerNamedLikeAPythonKeywordOrModuleMethodIsRegisteredThroughModules() {
        String py = twin(dcgan("from"));
        assertTrue(py.contains("        self._modules[\"from\"] = nn.Conv2d(3, 64, 4,"), py);
        assertTrue(py.contains("        x = self._modules[\"from\"](x)\n"), py);
        String forward = twin(dcgan("forward"));
        assertTrue(forward.contains("self._modules[\"forward\"] = nn.Conv2d"), forward);
    }

    @Test
    void theTwinIsStableAcrossWrites() {
        assertEquals(twin(dcgan("conv1")), twin(dcgan("conv1")));
    }
}
