package io.ganpoet.samples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Peak memory of this process: native (libtorch's tensors live there) and JVM heap. */
final class RunStats {

    private RunStats() {}

    static String peakMemory() {
        long heap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heap += pool.getPeakUsage().getUsed();
            }
        }
        String rss = "n/a";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    rss = mib(kb * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the heap figure still stands
        }
        return "resident " + rss + " (peak RSS), JVM heap " + mib(heap);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024.0));
    }
}
