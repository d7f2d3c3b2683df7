package dev.orders.fulfillment.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end of a run: a table on the terminal, the same figures as JSON for {@code --report}. */
public record Report(
        long sent,
        long accepted,
        long clientErrors,
        long serverErrors,
        long transportErrors,
        long retries,
        long unavailable,
        long reviewsSent,
        double sendingSeconds,
        double seconds,
        Percentiles httpLatencyMs,
        Map<String, PathFigures> paths,
        Reconciliation reconciliation) {

    /** {@code sendingSeconds}: until the last request was answered; {@code seconds}: the whole run, waiting included. */
    static Report of(Stats stats, double sendingSeconds, double seconds, Reconciliation reconciliation) {
        Map<String, PathFigures> paths = new LinkedHashMap<>();
        reconciliation
                .byPath()
                .forEach((path, tally) -> paths.put(
                        path.wireName(), PathFigures.of(tally, Percentiles.of(stats.completionLatency.get(path)))));
        return new Report(
                stats.sent.sum(),
                stats.accepted.sum(),
                stats.clientErrors.sum(),
                stats.serverErrors.sum(),
                stats.transportErrors.sum(),
                stats.retries.sum(),
                stats.unavailable.sum(),
                stats.reviewsSent.sum(),
                sendingSeconds,
                seconds,
                Percentiles.of(stats.httpLatency),
                paths,
                reconciliation);
    }

    public double errorRate() {
        return sent == 0 ? 0 : (double) (clientErrors + serverErrors + transportErrors) / sent;
    }

    public void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%nsent %d in %.1f s (%.1f/s): accepted %d, 4xx %d, 5xx %d, transport errors %d"
                        + " (%d resent with their Idempotency-Key, %d of them after a 503 or 429); reviews decided %d;"
                        + " %.1f s in all%n",
                sent,
                sendingSeconds,
                sent / Math.max(sendingSeconds, 1e-9),
                accepted,
                clientErrors,
                serverErrors,
                transportErrors,
                retries,
                unavailable,
                reviewsSent,
                seconds);
        out.printf(
                Locale.ROOT,
                "POST /api/orders latency (ms, from intended send): p50 %s  p90 %s  p99 %s  max %s%n",
                httpLatencyMs.p50(),
                httpLatencyMs.p90(),
                httpLatencyMs.p99(),
                httpLatencyMs.max());
        out.printf(
                Locale.ROOT,
                "%n%-10s %9s %9s %11s %10s %6s   %s%n",
                "path",
                "accepted",
                "matched",
                "mismatched",
                "unsettled",
                "lost",
                "to final state (ms) p50 / p99");
        paths.forEach((path, row) -> out.printf(
                Locale.ROOT,
                "%-10s %9d %9d %11d %10d %6d   %s / %s%n",
                path,
                row.accepted(),
                row.matched(),
                row.mismatched(),
                row.unsettled(),
                row.lost(),
                row.completionMs().p50(),
                row.completionMs().p99()));
        list(out, "mismatched", reconciliation.mismatched());
        list(out, "unsettled", reconciliation.unsettled());
        if (!reconciliation.lost().isEmpty()) {
            out.println("lost (the API does not know them): " + reconciliation.lost());
        }
    }

    void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this));
    }

    private static void list(PrintStream out, String what, List<Reconciliation.Difference> differences) {
        if (differences.isEmpty()) {
            return;
        }
        out.printf("%n%s (%d), first %d:%n", what, differences.size(), Math.min(20, differences.size()));
        differences.stream()
                .limit(20)
                .forEach(d -> out.printf(
                        "  %s %-9s expected %-32s got %s%n",
                        d.orderId(), d.path().wireName(), d.expected(), d.actual()));
    }
}
