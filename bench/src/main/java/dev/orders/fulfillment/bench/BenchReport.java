package dev.orders.fulfillment.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as Markdown: figures, the targets they are held to, and the previous result beside them. */
final class BenchReport {

    private BenchReport() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> results, Map<String, Object> previous, Path previousFile) {
        StringBuilder md = new StringBuilder("# Benchmark: the suite against the Temporal limit\n\n");
        Map<String, Object> machine = (Map<String, Object>) results.get("machine");
        md.append("| Machine | |\n|---|---|\n");
        machine.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        md.append("| settings | ").append(results.get("settings")).append(" |\n\n");

        md.append("## Throughput and completion latency (rate stepped up until the backlog grows)\n\n");
        steps(md, "(1) The limit: a bare workflow of the same shape, no-op activities",
                (List<Map<String, Object>>) results.get("limit"));
        steps(md, "(2) The suite: POST /api/orders to `completed` (server-side times from the orders table)",
                (List<Map<String, Object>>) results.get("suite"));
        cpu(md, (List<Map<String, Object>>) results.get("suite"));
        Map<String, Object> comparison = (Map<String, Object>) results.get("comparison");
        md.append("| Target | Measured | Met |\n|---|---|---|\n");
        if (comparison.containsKey("throughput_ratio")) {
            md.append(row("suite throughput ≥ 0.8 × limit", comparison.get("suite_sustainable_per_s") + " / "
                    + comparison.get("limit_sustainable_per_s") + " /s = " + comparison.get("throughput_ratio"),
                    (double) comparison.get("throughput_ratio") >= 0.8));
            md.append(row("suite p99 ≤ 2 × limit p99 (at " + comparison.get("p99_compared_at_per_s") + "/s)",
                    comparison.get("suite_p99_ms") + " / " + comparison.get("limit_p99_ms") + " ms = "
                            + comparison.get("p99_ratio"), (double) comparison.get("p99_ratio") <= 2.0));
        } else {
            md.append("| throughput and p99 ratios | ").append(comparison.get("note")).append(" | — |\n");
        }

        Map<String, Object> post = (Map<String, Object>) results.get("post");
        Map<String, Object> latency = (Map<String, Object>) post.get("latency_ms");
        md.append(row("POST p99 ≤ 50 ms at " + post.get("rps") + " rps for " + post.get("seconds") + " s, 0 errors",
                "p50 " + latency.get("p50") + ", p99 " + latency.get("p99") + ", max " + latency.get("max")
                        + " ms; " + post.get("errors") + " errors of " + post.get("sent"),
                number(latency.get("p99")) <= 50 && number(post.get("errors")) == 0));
        Map<String, Object> cpu = (Map<String, Object>) results.get("loadgen_cpu");
        md.append(row("loadgen at 1,000 rps uses ≤ 1 core", cpu.get("cores_used") + " cores",
                number(cpu.get("cores_used")) <= 1.0));

        md.append("\n## (4) Services: time to ready and resident memory, agent attached\n\n");
        md.append("| Service | Ready alone (s) | Ready, seven at once (s) | RSS idle (MB) | RSS under load (MB) "
                + "| ≤ 4 s alone, ≤ 256 MB |\n|---|---|---|---|---|---|\n");
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) results.get("services");
        services.forEach((name, row) -> {
            boolean met = name.equals("total")
                    ? number(row.getOrDefault("rss_under_load_mb", row.get("rss_idle_mb"))) <= 2048
                    : number(row.getOrDefault("ready_alone_s", row.get("ready_s"))) <= 4
                            && number(row.get("rss_idle_mb")) <= 256
                            && number(row.getOrDefault("rss_under_load_mb", 0)) <= 256;
            // the Temporal server is measured beside the services, not held to their targets
            String verdict = name.equals(Bench.DEV_SERVER) ? "—" : met ? "yes" : "**no**";
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", name,
                    row.getOrDefault("ready_alone_s", ""), row.getOrDefault("ready_s", ""), row.get("rss_idle_mb"),
                    row.getOrDefault("rss_under_load_mb", ""), verdict));
        });
        md.append("\n(Ready alone: one more instance started on the idle stack, the other JVMs idle. The total is held "
                + "to 2 GB.)\n");

        if (previous != null) {
            md.append("\n## Against the previous result (").append(previousFile.getFileName()).append(")\n\n");
            md.append("| Figure | Previous | Now |\n|---|---|---|\n");
            compare(md, "suite sustainable /s", previous, results, "comparison", "suite_sustainable_per_s");
            compare(md, "limit sustainable /s", previous, results, "comparison", "limit_sustainable_per_s");
            compare(md, "POST p99 (ms)", previous, results, "post", "latency_ms", "p99");
            compare(md, "suite RSS under load (MB)", previous, results, "services", "total", "rss_under_load_mb");
        }
        List<String> notes = (List<String>) results.get("notes");
        if (notes != null && !notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    private static void steps(StringBuilder md, String title, List<Map<String, Object>> steps) {
        md.append("**").append(title).append("**\n\n");
        boolean post = steps.stream().anyMatch(step -> step.containsKey("post_latency"));
        md.append("| Offered /s | Sent | Completed | Completed /s | p50 ms | p99 ms | Sustainable |")
                .append(post ? " POST p50 / p99 ms |" : "").append("\n|---|---|---|---|---|---|---|")
                .append(post ? "---|" : "").append('\n');
        for (Map<String, Object> step : steps) {
            @SuppressWarnings("unchecked")
            Map<String, Object> completion = (Map<String, Object>) step.get("completion");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |",
                    step.get("offered_per_s"), step.get("sent"), step.get("completed"), step.get("completed_per_s"),
                    completion.get("p50_ms"), completion.get("p99_ms"), step.get("sustainable")));
            if (post) {
                @SuppressWarnings("unchecked")
                Map<String, Object> latency = (Map<String, Object>) step.get("post_latency");
                md.append(' ').append(latency.get("p50_ms")).append(" / ").append(latency.get("p99_ms")).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** CPU per order by process at each suite step: where the suite's capacity goes. */
    @SuppressWarnings("unchecked")
    private static void cpu(StringBuilder md, List<Map<String, Object>> steps) {
        List<Map<String, Object>> measured = steps.stream().filter(step -> step.containsKey("cpu_ms_per_order")).toList();
        if (measured.isEmpty()) {
            return;
        }
        md.append("**CPU per order (ms) at each suite step, by process**\n\n| Process |");
        measured.forEach(step -> md.append(' ').append(step.get("offered_per_s")).append("/s |"));
        md.append("\n|---|").append("---|".repeat(measured.size())).append('\n');
        Map<String, Object> first = (Map<String, Object>) measured.get(0).get("cpu_ms_per_order");
        double[] totals = new double[measured.size()];
        for (String process : first.keySet()) {
            md.append("| ").append(process).append(" |");
            for (int i = 0; i < measured.size(); i++) {
                double ms = number(((Map<String, Object>) measured.get(i).get("cpu_ms_per_order")).get(process));
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

    private static String row(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    @SuppressWarnings("unchecked")
    private static void compare(StringBuilder md, String label, Map<String, Object> before, Map<String, Object> now,
            String... path) {
        Object a = before;
        Object b = now;
        for (String key : path) {
            a = a instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
            b = b instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        md.append("| ").append(label).append(" | ").append(a == null ? "—" : a).append(" | ")
                .append(b == null ? "—" : b).append(" |\n");
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
