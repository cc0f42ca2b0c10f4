package com.example.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.ganpoet.runtime.run.CheckpointManifest;
import io.ganpoet.runtime.run.GeneratorSampler;
import io.ganpoet.runtime.run.SampleRequest;
import io.ganpoet.runtime.run.TrainedRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served generator: pictures for bounded requests, one sentence and a 400 for anything else. */
class IconServerTest {

    @TempDir
    static Path dir;

    static Path run;
    static IconServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A run directory as ganpoet's trainer leaves it (here with untrained weights: serving is what is tested). */
    @BeforeAll
    static void serve() throws IOException {
        run = dir.resolve("icons-run");
        Path checkpoint = Files.createDirectories(run.resolve("checkpoints/step-000000120"));
        IconGan gan = new IconGan();
        save(checkpoint, "generator", gan.newGenerator(), gan);
        save(checkpoint, "discriminator", gan.newDiscriminator(), gan);
        Files.writeString(checkpoint.resolve("position.yaml"), "epoch: 2\nstep_in_epoch: 0\nstep: 120\nseed: 5\n");
        Files.writeString(checkpoint.resolve("config.yaml"), "epochs: 2\n");
        Files.writeString(checkpoint.resolve(CheckpointManifest.FILE_NAME), CheckpointManifest.describe(checkpoint));
        server = IconServer.start(run, 0, 4);
    }

    private static void save(Path checkpoint, String name, Block block, IconGan gan) throws IOException {
        try (Model model = Model.newInstance(name)) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32,
                    name.equals("generator") ? gan.generatorInputShapes(1) : gan.discriminatorInputShapes(1));
            model.save(checkpoint, name);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aRequestIsAnsweredWithThePngOfTheCheckpointsGenerator() throws Exception {
        HttpResponse<byte[]> r = get("/icons.png?count=6&class=2&seed=7");
        assertEquals(200, r.statusCode(), new String(r.body()));
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElse(""));
        BufferedImage served = ImageIO.read(new ByteArrayInputStream(r.body()));
        try (GeneratorSampler sampler = TrainedRun.open(run).generator(new IconGan())) {
            BufferedImage expected = sampler.grid(new SampleRequest(6, 7, 2), IconServer.SCALE);
            assertEquals(expected.getWidth(), served.getWidth());
            assertEquals(expected.getHeight(), served.getHeight());
            assertArrayEquals(expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth()),
                    served.getRGB(0, 0, served.getWidth(), served.getHeight(), null, 0, served.getWidth()));
        }
        assertArrayEquals(r.body(), get("/icons.png?seed=7&class=2&count=6").body(), "the same request, the same picture");
        assertFalse(java.util.Arrays.equals(r.body(), get("/icons.png?count=6&class=1&seed=7").body()), "another class");
    }

    @Test
    void requestsOutsideTheBoundsGetA400AndOneSentence() throws Exception {
        String[][] cases = {
            {"count=0", "count must be from 1 to 64, got 0"},
            {"count=65", "count must be from 1 to 64, got 65"},
            {"count=many", "count must be a whole number from 1 to 64, got 'many'"},
            {"count=99999999999999999999", "count must be a whole number from 1 to 64, got '99999999999999999999'"},
            {"class=4", "class must be from 0 to 3, got 4"},
            {"class=-1", "class must be from 0 to 3, got -1"},
            {"seed=-3", "seed must be from 0 to 1000000000, got -3"},
            {"seed=1e3", "seed must be a whole number from 0 to 1000000000, got '1e3'"},
            {"size=9", "unknown parameter 'size'; the parameters are count, class and seed"},
            {"count=2&count=3", "'count' is given twice; give it once"},
        };
        for (String[] c : cases) {
            HttpResponse<byte[]> r = get("/icons.png?" + c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            assertEquals(c[1] + "\n", new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), c[0]);
        }
        assertEquals(404, get("/admin").statusCode());
        HttpResponse<byte[]> post = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/icons.png"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, post.statusCode());
        assertEquals("only GET is served\n", new String(post.body()));
    }

    @Test
    void concurrentRequestsEachGetTheirOwnPicture() throws Exception {
        int requests = 24;
        List<byte[]> sequential = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            sequential.add(get("/icons.png?count=" + (1 + i % 5) + "&seed=" + i).body());
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String query = "/icons.png?count=" + (1 + i % 5) + "&seed=" + i;
                answers.add(clients.submit(() -> get(query)));
            }
            for (int i = 0; i < requests; i++) {
                HttpResponse<byte[]> r = answers.get(i).get();
                assertEquals(200, r.statusCode());
                assertArrayEquals(sequential.get(i), r.body(), "request " + i);
            }
        } finally {
            clients.shutdown();
        }
        assertTrue(sequential.get(0).length > 0);
    }
}
