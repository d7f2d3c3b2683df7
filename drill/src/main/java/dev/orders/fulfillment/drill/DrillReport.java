package dev.orders.fulfillment.drill;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** The drills' table (the terminal's and the result file's), and the one line that sums them up. */
record DrillReport(Instant startedAt, String temporal, String plan, List<StepResult> results) {

    private static final String HEADER = "| drill | what the fault did and saw | orders | resent | lost | stuck"
            + " | mismatched | failed requests | duplicate charges | unrefunded | orphan reservations | stock | notifications"
            + " | result |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n";

    /** {@code <dir>/<date>-<host>.md}, or with {@code -2}, {@code -3}, … when a drill already wrote that one today. */
    static Path defaultFile(Path dir) throws IOException {
        String stem =
                LocalDate.now(ZoneOffset.UTC) + "-" + InetAddress.getLocalHost().getHostName();
        Path file = dir.resolve(stem + ".md");
        for (int n = 2; Files.exists(file); n++) {
            file = dir.resolve(stem + "-" + n + ".md");
        }
        return file;
    }

    boolean passed() {
        return results.stream().allMatch(StepResult::passed);
    }

    String table() {
        StringBuilder table = new StringBuilder(HEADER);
        for (StepResult result : results) {
            if (!result.ran()) {
                table.append("| ")
                        .append(result.name())
                        .append(" | not run: ")
                        .append(result.skipped())
                        .append(" | | | | | | | | | | | | skipped |\n");
                continue;
            }
            var ledgers = result.ledgers();
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %d | %d | %d" + " | %d | %d | %d | %s | %d | %s |%n",
                    result.name(),
                    result.outcome().what(),
                    result.orders(),
                    result.traffic().retries(),
                    result.lost(),
                    result.stuck(),
                    result.mismatched(),
                    result.failedRequests(),
                    ledgers.duplicateCharges(),
                    ledgers.unrefunded(),
                    ledgers.orphanReserved(),
                    ledgers.stockDrift() == 0 ? "conserved" : ledgers.stockDrift() + " SKUs off",
                    ledgers.notifications(),
                    result.passed() ? "passed" : "**FAILED**: " + String.join("; ", result.violations())));
        }
        return table.toString();
    }

    /** {@code drill: <N> orders, 0 lost, 0 duplicate charges, 0 orphan reservations, stock conserved}. */
    String lastLine() {
        long orders = results.stream().mapToLong(StepResult::orders).sum();
        long lost = results.stream()
                .mapToLong(result -> result.lost() + result.stuck())
                .sum();
        long charges = results.stream()
                .filter(StepResult::ran)
                .mapToLong(result -> result.ledgers().duplicateCharges())
                .sum();
        long orphans = results.stream()
                .filter(StepResult::ran)
                .mapToLong(result -> result.ledgers().orphanReserved())
                .sum();
        boolean conserved = results.stream()
                .filter(StepResult::ran)
                .allMatch(result -> result.ledgers().stockDrift() == 0);
        long failed = results.stream().filter(result -> !result.passed()).count();
        long skipped = results.stream().filter(result -> !result.ran()).count();
        return String.format(
                Locale.ROOT,
                "drill: %d orders, %d lost, %d duplicate charges, %d orphan reservations," + " stock %s%s%s",
                orders,
                lost,
                charges,
                orphans,
                conserved ? "conserved" : "NOT conserved",
                skipped > 0 ? " (" + skipped + " drills not run)" : "",
                failed > 0 ? "; " + failed + " drills FAILED (see the table)" : "");
    }

    String markdown() {
        return "# make drill, " + startedAt + "\n\n"
                + "Temporal: " + temporal + ". " + plan + " Resent: orders loadgen sent again with their"
                + " Idempotency-Key (the API away, or answering 503 with Retry-After), as a client would."
                + " After each drill loadgen follows every accepted order to its end, and the services'"
                + " tables are read (drill/src/main/java/dev/orders/fulfillment/drill/Ledgers.java).\n\n"
                + table() + "\n" + lastLine() + "\n";
    }
}
