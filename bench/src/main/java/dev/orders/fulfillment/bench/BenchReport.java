package dev.orders.fulfillment.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/** The results as Markdown: figures, the targets they are held to, and the previous result beside them. */
final class BenchReport {

    static final double TARGET_THROUGHPUT = 0.8;
    static final double TARGET_P99 = 2.0;
    private static final double TARGET_POST_P99_MS = 50;
    private static final double TARGET_LOADGEN_CORES = 1.0;
    private static final double TARGET_READY_ALONE_S = 4;
    private static final long TARGET_SERVICE_MB = 256;
    private static final long TARGET_SUITE_MB = 2048;

    private BenchReport() {}

    static String markdown(BenchResult results, BenchResult previous, Path previousFile) {
        StringBuilder md = new StringBuilder("# Benchmark: the suite against the Temporal limit\n\n");
        BenchResult.Machine machine = results.machine();
        md.append("| Machine | |\n|---|---|\n");
        row(md, "host", machine.host());
        row(md, "cores", machine.cores());
        row(md, "memory_gib", machine.memoryGib());
        row(md, "jdk", machine.jdk());
        row(md, "os", machine.os());
        row(md, "versions", machine.versions());
        row(md, "command", machine.command());
        row(md, "temporal", machine.temporal());
        BenchResult.Settings settings = results.settings();
        row(
                md,
                "settings",
                String.format(
                        Locale.ROOT,
                        "steps of %d s at %s /s; POSTs at %d rps for %d s",
                        settings.stepSeconds(),
                        settings.ratesPerSecond(),
                        settings.postRps(),
                        settings.postSeconds()));
        md.append('\n');

        md.append("## Throughput and completion latency (rate stepped up until the backlog grows)\n\n");
        steps(md, "(1) The limit: a bare workflow of the same shape, no-op activities", results.limit());
        steps(
                md,
                "(2) The suite: POST /api/orders to `completed` (server-side times from the orders table)",
                results.suite());
        cpu(md, results.suite());
        BenchResult.Comparison comparison = results.comparison();
        md.append("| Target | Measured | Met |\n|---|---|---|\n");
        if (comparison.throughputRatio() != null) {
            md.append(target(
                    "suite throughput ≥ " + TARGET_THROUGHPUT + " × limit",
                    comparison.suiteSustainable() + " / " + comparison.limitSustainable() + " /s = "
                            + comparison.throughputRatio(),
                    comparison.throughputRatio() >= TARGET_THROUGHPUT));
            md.append(target(
                    "suite p99 ≤ " + TARGET_P99 + " × limit p99 (at " + comparison.p99ComparedAt() + "/s)",
                    comparison.suiteP99Ms() + " / " + comparison.limitP99Ms() + " ms = " + comparison.p99Ratio(),
                    comparison.p99Ratio() <= TARGET_P99));
        } else {
            md.append("| throughput and p99 ratios | ")
                    .append(comparison.note())
                    .append(" | — |\n");
        }

        BenchResult.PostFigures post = results.post();
        md.append(target(
                "POST p99 ≤ " + (int) TARGET_POST_P99_MS + " ms at " + post.rps() + " rps for " + post.seconds()
                        + " s, 0 errors",
                "p50 " + post.latencyMs().p50() + ", p99 " + post.latencyMs().p99() + ", max "
                        + post.latencyMs().max() + " ms; " + post.errors() + " errors of " + post.sent(),
                post.latencyMs().p99() <= TARGET_POST_P99_MS && post.errors() == 0));
        BenchResult.LoadgenCpu cpu = results.loadgenCpu();
        md.append(target(
                "loadgen at 1,000 rps uses ≤ 1 core",
                cpu.coresUsed() + " cores",
                cpu.coresUsed() <= TARGET_LOADGEN_CORES));

        md.append("\n## (4) Services: time to ready and resident memory, traced\n\n");
        md.append("| Service | Ready alone (s) | Ready, seven at once (s) | RSS idle (MB) | RSS under load (MB) "
                + "| ≤ 4 s alone, ≤ 256 MB |\n|---|---|---|---|---|---|\n");
        results.services()
                .forEach((name, figures) -> md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %s |%n",
                        name,
                        shown(figures.readyAloneS()),
                        shown(figures.readyS()),
                        shown(figures.rssIdleMb()),
                        shown(figures.rssUnderLoadMb()),
                        verdict(name, figures))));
        md.append("\n(Ready alone: one more instance started on the idle stack, the other JVMs idle. The total is held "
                + "to 2 GB.)\n");

        if (previous != null) {
            md.append("\n## Against the previous result (")
                    .append(previousFile.getFileName())
                    .append(")\n\n");
            md.append("| Figure | Previous | Now |\n|---|---|---|\n");
            compare(
                    md,
                    "suite sustainable /s",
                    previous,
                    results,
                    result -> result.comparison() == null
                            ? null
                            : result.comparison().suiteSustainable());
            compare(
                    md,
                    "limit sustainable /s",
                    previous,
                    results,
                    result -> result.comparison() == null
                            ? null
                            : result.comparison().limitSustainable());
            compare(
                    md,
                    "POST p99 (ms)",
                    previous,
                    results,
                    result -> result.post() == null || result.post().latencyMs() == null
                            ? null
                            : result.post().latencyMs().p99());
            compare(
                    md,
                    "suite RSS under load (MB)",
                    previous,
                    results,
                    result -> result.services() == null || result.services().get(Bench.TOTAL) == null
                            ? null
                            : result.services().get(Bench.TOTAL).rssUnderLoadMb());
        }
        List<String> notes = results.notes();
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    /** The Temporal server is measured beside the services, not held to their targets. */
    private static String verdict(String name, BenchResult.ServiceFigures figures) {
        if (name.equals(Bench.DEV_SERVER)) {
            return "—";
        }
        // a figure not read (a process gone, a step not run) meets no target
        boolean met = name.equals(Bench.TOTAL)
                ? within(
                        figures.rssUnderLoadMb() != null ? figures.rssUnderLoadMb() : figures.rssIdleMb(),
                        TARGET_SUITE_MB)
                : figures.readyAloneS() != null
                        && figures.readyAloneS() <= TARGET_READY_ALONE_S
                        && within(figures.rssIdleMb(), TARGET_SERVICE_MB)
                        && within(figures.rssUnderLoadMb(), TARGET_SERVICE_MB);
        return met ? "yes" : "**no**";
    }

    private static boolean within(Long megabytes, long target) {
        return megabytes != null && megabytes <= target;
    }

    private static String shown(Object value) {
        return value == null ? "" : value.toString();
    }

    private static void row(StringBuilder md, String key, Object value) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }

    private static void steps(StringBuilder md, String title, List<Step> steps) {
        md.append("**").append(title).append("**\n\n");
        boolean post = steps.stream().anyMatch(step -> step.postLatency() != null);
        md.append("| Offered /s | Sent | Completed | Completed /s | p50 ms | p99 ms | Sustainable |")
                .append(post ? " POST p50 / p99 ms |" : "")
                .append("\n|---|---|---|---|---|---|---|")
                .append(post ? "---|" : "")
                .append('\n');
        for (Step step : steps) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %s | %s |",
                    step.offeredPerSecond(),
                    step.sent(),
                    step.completed(),
                    step.completedPerSecondShown(),
                    step.latency().p50(),
                    step.latency().p99(),
                    step.sustainable()));
            if (post) {
                md.append(' ')
                        .append(step.postLatency().p50())
                        .append(" / ")
                        .append(step.postLatency().p99())
                        .append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** CPU per order by process at each suite step: where the suite's capacity goes. */
    private static void cpu(StringBuilder md, List<Step> steps) {
        List<Step> measured =
                steps.stream().filter(step -> !step.cpuMsPerOrder().isEmpty()).toList();
        if (measured.isEmpty()) {
            return;
        }
        md.append("**CPU per order (ms) at each suite step, by process**\n\n| Process |");
        measured.forEach(step -> md.append(' ').append(step.offeredPerSecond()).append("/s |"));
        md.append("\n|---|").append("---|".repeat(measured.size())).append('\n');
        double[] totals = new double[measured.size()];
        for (String process : measured.get(0).cpuMsPerOrder().keySet()) {
            md.append("| ").append(process).append(" |");
            for (int i = 0; i < measured.size(); i++) {
                double ms = measured.get(i).cpuMsPerOrder().getOrDefault(process, Double.NaN);
                totals[i] += ms;
                md.append(' ').append(ms).append(" |");
            }
            md.append('\n');
        }
        md.append("| total |");
        for (double total : totals) {
            md.append(String.format(Locale.ROOT, " %.1f |", total));
        }
        md.append("\n\n");
    }

    private static String target(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    private static void compare(
            StringBuilder md, String label, BenchResult before, BenchResult now, Function<BenchResult, Object> figure) {
        md.append("| ")
                .append(label)
                .append(" | ")
                .append(Objects.requireNonNullElse(figure.apply(before), "—"))
                .append(" | ")
                .append(Objects.requireNonNullElse(figure.apply(now), "—"))
                .append(" |\n");
    }
}
