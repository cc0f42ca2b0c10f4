package io.ganpoet.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.ganpoet.pytorch.specs.DcganGan;
import io.ganpoet.runtime.GanModel;
import io.ganpoet.runtime.run.GeneratorSampler;
import io.ganpoet.runtime.run.TrainedRun;
import io.ganpoet.train.config.ExperimentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state dict laid out like PyTorch's own DCGAN example (its {@code netG} / {@code netD}, keys {@code main.0.weight},
 * ..., built here with torch, weights_init applied and running statistics moved off their defaults) loads into
 * ganpoet by position, becomes a run directory, and ganpoet's sampler draws from it what the example's generator
 * draws; a state dict that does not fit is refused with one sentence naming the tensor and both shapes.
 */
class DcganExampleTest {

    static final String EXAMPLE =
            """
            import sys
            import torch
            import torch.nn as nn
            torch.backends.mkldnn.enabled = False
            from ganpoet_torch import safetensors_io
            nz, ngf, ndf, nc = 100, 64, 64, 3
            netG = nn.Sequential(
                nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False), nn.BatchNorm2d(ngf * 8), nn.ReLU(True),
                nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
                nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
                nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf), nn.ReLU(True),
                nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False), nn.Tanh())
            netD = nn.Sequential(
                nn.Conv2d(nc, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True),
                nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, inplace=True),
                nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 4), nn.LeakyReLU(0.2, inplace=True),
                nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 8), nn.LeakyReLU(0.2, inplace=True),
                nn.Conv2d(ndf * 8, 1, 4, 1, 0, bias=False), nn.Sigmoid())

            class Example(nn.Module):  # the example's Generator / Discriminator: a `main` Sequential
                def __init__(self, main):
                    super().__init__()
                    self.main = main
                def forward(self, x):
                    return self.main(x)

            torch.manual_seed(1)
            G, D = Example(netG), Example(netD)
            for m in list(G.modules()) + list(D.modules()):  # the example's weights_init
                name = m.__class__.__name__
                if name.find("Conv") != -1:
                    nn.init.normal_(m.weight.data, 0.0, 0.02)
                elif name.find("BatchNorm") != -1:
                    nn.init.normal_(m.weight.data, 1.0, 0.02)
                    nn.init.constant_(m.bias.data, 0)
                    m.running_mean.uniform_(-0.1, 0.1)
                    m.running_var.uniform_(0.5, 1.5)
            safetensors_io.save(G.state_dict(), "netG.safetensors")
            safetensors_io.save(D.state_dict(), "netD.safetensors")
            G.eval()
            D.eval()
            z = torch.randn(4, nz, 1, 1)
            with torch.no_grad():
                images = G(z)
                scores = D(images)
            safetensors_io.save({"z": z, "images": images, "scores": scores}, "expected.safetensors")
            print(list(G.state_dict().keys())[:6])
            """;

    @TempDir
    Path dir;

    @Test
    void theExamplesStateDictLoadsByPositionAndGanpoetSamplesWhatTheExampleDraws() throws Exception {
        String keys = Python.script(dir, EXAMPLE);
        assertTrue(keys.contains("'main.0.weight', 'main.1.weight', 'main.1.bias', 'main.1.running_mean'"), keys);
        GanModel gan = new DcganGan();
        ExperimentConfig config = Jobs.config("seed: 1\n");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Block> blocks = new LinkedHashMap<>();
            blocks.put("generator", gan.newGenerator());
            blocks.put("discriminator", gan.newDiscriminator());
            blocks.get("generator").initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(1));
            blocks.get("discriminator").initialize(manager, DataType.FLOAT32, gan.discriminatorInputShapes(1));
            PyTorchImport.load(
                    "generator",
                    blocks.get("generator"),
                    StateFile.read(dir.resolve("netG.safetensors"), manager),
                    PyTorchImport.Matching.POSITION,
                    "netG.safetensors");
            PyTorchImport.load(
                    "discriminator",
                    blocks.get("discriminator"),
                    StateFile.read(dir.resolve("netD.safetensors"), manager),
                    PyTorchImport.Matching.POSITION,
                    "netD.safetensors");
            Path run = dir.resolve("run");
            Path checkpoint = PyTorchImport.writeRun(run, config, gan.summary(), blocks, Map.of(), manager);
            assertTrue(Files.exists(checkpoint.resolve("manifest.sha256")));

            Map<String, NDArray> expected = StateFile.read(dir.resolve("expected.safetensors"), manager);
            TrainedRun trained = TrainedRun.open(run);
            assertEquals(TrainedRun.Kind.GAN, trained.kind());
            try (GeneratorSampler sampler = trained.generator(gan)) {
                NDArray images = sampler.generate(expected.get("z"));
                NDArray want = expected.get("images");
                float difference = images.sub(want).abs().max().getFloat()
                        / want.abs().max().getFloat();
                System.out.printf(
                        "PyTorch's DCGAN example's generator, sampled by ganpoet from the imported run: %.3g"
                                + " relative%n",
                        difference);
                assertTrue(difference <= 1e-4, "ganpoet's samples differ from the example's by " + difference);
            }
        }
    }

    @Test
    void aStateDictThatDoesNotFitIsRefusedNamingTheFirstTensorAndBothShapes() throws Exception {
        Python.script(dir, EXAMPLE);
        GanModel gan = new DcganGan();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = gan.newGenerator();
            generator.initialize(manager, DataType.FLOAT32, gan.generatorInputShapes(1));
            Map<String, NDArray> netD = StateFile.read(dir.resolve("netD.safetensors"), manager);
            StateMismatchException byPosition = assertThrows(
                    StateMismatchException.class,
                    () -> PyTorchImport.load(
                            "generator", generator, netD, PyTorchImport.Matching.POSITION, "netD.safetensors"));
            assertEquals(
                    "netD.safetensors: tensor main.0.weight (number 1) has shape (64, 3, 4, 4) but the generator's"
                            + " conv5Mirror.weight is (100, 512, 4, 4)",
                    byPosition.getMessage());
            StateMismatchException byName = assertThrows(
                    StateMismatchException.class,
                    () -> PyTorchImport.load(
                            "generator", generator, netD, PyTorchImport.Matching.NAMES, "netD.safetensors"));
            assertEquals(
                    "netD.safetensors has no tensor generator.conv5Mirror.weight for the generator's conv5Mirror.weight"
                            + " (100, 512, 4, 4); export the twin's state dict, or match by position for another layout",
                    byName.getMessage());
        }
    }
}
