package io.ganpoet.processor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the processor's own time goes, per stage, for {@code -Aganpoet.timing=true}: CPU time of
 * the compiler thread where the JVM measures it (so a busy machine does not inflate it), else
 * elapsed time.
 */
final class Timings {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported();

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    static long now() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    static String unit() {
        return CPU ? "ms CPU" : "ms";
    }

    <T> T time(String stage, Supplier<T> work) {
        long start = now();
        try {
            return work.get();
        } finally {
            nanos.merge(stage, now() - start, Long::sum);
        }
    }

    void time(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    /** {@code walk 12 ms, read 3 ms, ...}. */
    String format() {
        StringBuilder text = new StringBuilder();
        nanos.forEach((stage, n) -> text.append(text.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.0f", stage, n / 1e6)));
        return text.toString();
    }
}
