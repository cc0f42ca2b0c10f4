package com.example.service;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ganpoet.runtime.run.SampleRequest;
import io.ganpoet.runtime.run.TrainedRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/**
 * A trained icon generator served over HTTP, the DJL way: the run's newest verified checkpoint is
 * loaded once as a DJL {@code ZooModel} ({@link TrainedRun#loadGenerator}), and every request gets its
 * own {@code Predictor}.
 *
 * <pre>
 * GET /icons.png?count=16&amp;class=2&amp;seed=7   a PNG grid of 16 icons of class 2, drawn from seed 7
 * </pre>
 *
 * {@code count} is 1 to {@value #MAX_COUNT} (default 16), {@code class} 0 to 3 or absent (every class in
 * turn), {@code seed} 0 to {@value #MAX_SEED} (default 1): the same request gives the same picture. Anything
 * else is answered 400 with one sentence saying what is allowed.
 */
public final class IconServer implements AutoCloseable {

    /** The most icons one request may ask for: bounds the work and memory a request costs. */
    public static final int MAX_COUNT = 64;
    /** The largest seed accepted. */
    public static final long MAX_SEED = 1_000_000_000L;
    /** Pixel magnification of the pictures. */
    public static final int SCALE = 4;

    private final IconGan gan = new IconGan();
    private final ZooModel<SampleRequest, BufferedImage> model;
    private final HttpServer server;
    private final ExecutorService workers;

    private IconServer(Path run, int port, int threads) throws IOException {
        model = TrainedRun.open(run).loadGenerator(gan, SCALE);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            model.close();
            throw e;
        }
        workers = Executors.newFixedThreadPool(threads);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Loads a run's generator and starts serving it.
     *
     * @param run the run directory the icons were trained into
     * @param port the port on 127.0.0.1, or 0 for any free one
     * @param threads requests served at once
     * @return the running server; close it to stop
     * @throws IOException when the run cannot be read or the port cannot be taken
     */
    public static IconServer start(Path run, int port, int threads) throws IOException {
        return new IconServer(run, port, threads);
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/icons.png")) {
                answer(exchange, 404, "no such page; ask for /icons.png?count=N&class=K&seed=S");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 405, "only GET is served");
                return;
            }
            SampleRequest request;
            try {
                request = parse(exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                answer(exchange, 400, e.getMessage());
                return;
            }
            byte[] png;
            try (Predictor<SampleRequest, BufferedImage> predictor = model.newPredictor()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ImageIO.write(predictor.predict(request), "png", bytes);
                png = bytes.toByteArray();
            } catch (TranslateException | RuntimeException e) {
                answer(exchange, 500, "the generator failed on this request; the server's log has the details");
                e.printStackTrace();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(png);
            }
        }
    }

    /**
     * Reads a query into a request, within the bounds.
     *
     * @param rawQuery the URL's query, undecoded; may be null
     * @return the request
     * @throws IllegalArgumentException one sentence naming the parameter and what is allowed
     */
    static SampleRequest parse(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!name.equals("count") && !name.equals("class") && !name.equals("seed")) {
                    throw new IllegalArgumentException("unknown parameter '" + name + "'; the parameters are count, class and seed");
                }
                if (params.put(name, value) != null) {
                    throw new IllegalArgumentException("'" + name + "' is given twice; give it once");
                }
            }
        }
        int count = (int) number(params, "count", 16, 1, MAX_COUNT);
        long seed = number(params, "seed", 1, 0, MAX_SEED);
        int label = params.containsKey("class") ? (int) number(params, "class", 0, 0, 3) : SampleRequest.ALL_CLASSES;
        return new SampleRequest(count, seed, label);
    }

    private static long number(Map<String, String> params, String name, long fallback, long min, long max) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + parsed);
        }
        return parsed;
    }

    private static void answer(HttpExchange exchange, int status, String sentence) throws IOException {
        byte[] body = (sentence + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops serving and frees the generator. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        model.close();
    }

    /**
     * Serves a run: {@code IconServer RUN_DIR [PORT]}.
     *
     * @param args the run directory and the port (default 8080)
     * @throws IOException when the run cannot be read or the port cannot be taken
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: IconServer RUN_DIR [PORT]");
            System.exit(2);
        }
        IconServer server = start(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 8080, 4);
        System.out.println("serving http://127.0.0.1:" + server.port() + "/icons.png?count=16&class=0&seed=1");
    }
}
