package io.ganpoet.train.data;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One pool for every folder dataset, created on first use: datasets are not closed, so a pool each would
 * leak threads. Daemon threads, so an application that never shuts it down still exits.
 */
final class Decoders {
    static final int THREADS = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, task -> {
        Thread thread = new Thread(task, "ganpoet-image-decoder");
        thread.setDaemon(true);
        return thread;
    });

    private Decoders() {}
}
