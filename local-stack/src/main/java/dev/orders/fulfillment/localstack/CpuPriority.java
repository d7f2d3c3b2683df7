package dev.orders.fulfillment.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU priority a process of the stack runs at, as {@code nice(1)} sets it. On a small machine the fulfilment
 * side (the six workers and the Temporal dev server) takes all the CPU a backlog gives it, and api-service, taking
 * orders, queued behind it: at 200 POSTs/s on two cores with a backlog, POST p99 was 6.8-13.7 s at equal priority
 * and 2.8-4.1 s with the fulfilment side at nice 10, as with it stopped altogether (3.4 s;
 * bench/results/2026-12-03-vm-cpu-priority.md). A lower priority only matters while the CPU is short: with idle
 * CPU the workers run at once.
 */
final class CpuPriority {

    /** nice(1) executes the command in its own place: the process keeps the pid the launcher watches and signals. */
    private static final Path NICE = Path.of("/usr/bin/nice");

    /** The lowest priority there is, for work nobody waits for (the class-archive training runs). */
    static final int IDLE = 19;

    private CpuPriority() {}

    /** The command's prefix that runs it {@code niceness} below normal; none at 0 or without nice(1). */
    static List<String> prefix(int niceness) {
        if (niceness == 0 || !Files.isExecutable(NICE)) {
            return List.of();
        }
        return List.of(NICE.toString(), "-n", Integer.toString(niceness));
    }

    /** api-service takes the orders at normal priority; every worker fulfils them at the stack's setting. */
    static List<String> prefix(Service service, Settings settings) {
        return prefix(service == Service.API_SERVICE ? 0 : settings.fulfillmentNice());
    }
}
