package dev.orders.fulfillment.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/** Resident memory of a process, from /proc (Linux: the JDK has no reading of another process's memory). */
final class Rss {

    private Rss() {}

    /** VmRSS in MiB; null when the process is gone (a result shows no figure rather than a made-up one). */
    static Long megabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException gone) {
            return null;
        }
        return null;
    }

    /** The suite's total: null unless every process was read. */
    static Long total(Collection<Long> megabytes) {
        return megabytes.contains(null)
                ? null
                : megabytes.stream().mapToLong(Long::longValue).sum();
    }
}
