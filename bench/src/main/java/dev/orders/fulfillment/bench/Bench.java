package dev.orders.fulfillment.bench;

import com.sun.net.httpserver.HttpServer;
import dev.orders.fulfillment.loadgen.LoadGen;
import dev.orders.fulfillment.localstack.LocalStack;
import dev.orders.fulfillment.localstack.RunningStack;
import dev.orders.fulfillment.localstack.Service;
import dev.orders.fulfillment.localstack.Settings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make bench}: starts the suite as {@code make run} does (agent attached, simulation off), then measures, in
 * one run on this machine: (1) the limit, a bare workflow of the same shape on the same Temporal frontend; (2) the
 * suite's sustainable orders/s to completion, stepping the rate up; (3) POST /api/orders latency at a fixed rate;
 * (4) each service's time to ready and memory; (5) loadgen's own CPU at 1,000 rps. Writes
 * {@code bench/results/<date>-<host>.md} and {@code .json}, compared with the newest earlier result.
 */
public final class Bench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double[] RATES = {10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 160, 200, 320};
    /** Run at this rate, unrecorded, before each side is measured: JIT, pools and caches warm, as in service. */
    private static final double WARM_UP_RATE = 10;
    static final String DEV_SERVER = "temporal server start-dev";

    private final Duration stepLength = Duration.ofSeconds(intEnv("BENCH_STEP_SECONDS", 10));
    private final int postRate = intEnv("BENCH_POST_RPS", 200);
    private final Duration postLength = Duration.ofSeconds(intEnv("BENCH_POST_SECONDS", 60));
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--limit-only")) {
            // the bare workflow alone against a frontend that is already running, e.g. make run's on localhost:7233
            new Bench().limit(args[1]);
        } else {
            new Bench().run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Path root = Settings.findRoot();
        Path data = Files.createTempDirectory("bench-");
        Settings settings = Settings.fromEnvironment(root, Settings.isolated(System.getenv())).withDataDir(data).withPorts(28080, 35432, 27233);
        results.put("run_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        results.put("machine", machine());
        Map<String, Object> benchSettings = new LinkedHashMap<>();
        benchSettings.put("step_seconds", stepLength.toSeconds());
        benchSettings.put("rates_per_s", java.util.Arrays.stream(RATES).boxed().toList());
        benchSettings.put("post_rps", postRate);
        benchSettings.put("post_seconds", postLength.toSeconds());
        results.put("settings", benchSettings);

        say("starting the suite (agent attached, simulation off)");
        try (RunningStack stack = LocalStack.start(settings);
                Connection db = DriverManager.getConnection(stack.jdbcUrl().orElseThrow(), "postgres", "postgres")) {
            // Ctrl-C or a kill stops the seven services and PostgreSQL too, not only this JVM
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stop"));
            @SuppressWarnings("unchecked")
            Map<String, Object> machine = (Map<String, Object>) results.get("machine");
            machine.put("temporal", stack.temporalDescription());
            Thread.sleep(5_000); // let the JVMs settle before reading their memory
            results.put("services", services(stack, "rss_idle_mb"));
            say("(4) each service started once more, alone, on the idle stack");
            readyAlone(stack);

            say("(1) the limit: a bare workflow of the same shape on the same frontend");
            List<Step> limit = limit(stack.temporalAddress());
            say("(2) the suite: orders/s from POST to completed");
            List<Step> suite = suite(stack, db);
            results.put("limit", limit.stream().map(Step::asMap).toList());
            results.put("suite", suite.stream().map(Step::asMap).toList());
            results.put("comparison", compare(limit, suite));

            say("(3) POST /api/orders at " + postRate + " rps for " + postLength.toSeconds() + " s");
            Map<String, Long> underLoad = new LinkedHashMap<>();
            results.put("post", post(stack, underLoad));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) results.get("services");
            underLoad.forEach((service, rss) -> services.get(service).put("rss_under_load_mb", rss));
        }
        say("(5) loadgen's own CPU at 1,000 rps against a trivial endpoint");
        results.put("loadgen_cpu", loadgenCpu(root));
        results.put("notes", notes);
        write(root);
    }

    private Map<String, Map<String, Object>> services(RunningStack stack, String rssKey) {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        long total = 0;
        for (Service service : Service.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ready_s", Math.round(stack.readyTimes().get(service).toMillis() / 100.0) / 10.0);
            long rss = Rss.megabytes(stack.pids().get(service));
            row.put(rssKey, rss);
            total += rss;
            services.put(service.moduleName(), row);
        }
        services.put("total", new LinkedHashMap<>(Map.of(rssKey, total)));
        // beside the services, not in their total (as PostgreSQL, and the test server inside the bench JVM)
        stack.temporalPid().ifPresent(pid -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ready_s", Math.round(stack.temporalStartup().toMillis() / 100.0) / 10.0);
            row.put(rssKey, Rss.megabytes(pid));
            services.put(DEV_SERVER, row);
        });
        return services;
    }

    /** Seven JVMs starting at once on two cores wait for each other; one starting alone shows its own time. */
    private void readyAlone(RunningStack stack) throws IOException, InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) results.get("services");
        for (Service service : Service.values()) {
            Duration ready = stack.timeToReadyAlone(service, 28180 + service.ordinal());
            Object seconds = ready == null ? "not ready" : Math.round(ready.toMillis() / 100.0) / 10.0;
            services.get(service.moduleName()).put("ready_alone_s", seconds);
            say("  " + service.moduleName() + ": " + seconds + " s");
        }
    }

    private List<Step> limit(String temporalAddress) throws InterruptedException {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress).build());
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        factory.newWorker(BareWorkflow.TASK_QUEUE).registerWorkflowImplementationTypes(BareWorkflow.Impl.class);
        for (String queue : new LinkedHashSet<>(BareWorkflow.CALLS)) {
            factory.newWorker(queue).registerActivitiesImplementations(new BareWorkflow.NoOp());
        }
        factory.start();
        try {
            say("  warm-up at " + WARM_UP_RATE + "/s (not recorded)");
            bareStep(client, WARM_UP_RATE);
            return stepUp(rate -> bareStep(client, rate));
        } finally {
            factory.shutdownNow();
            stubs.shutdownNow();
        }
    }

    private Step bareStep(WorkflowClient client, double rate) throws InterruptedException {
        int count = (int) Math.round(rate * stepLength.toSeconds());
        List<CompletableFuture<Double>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long intended = start + Math.round(i * 1e9 / rate);
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            WorkflowStub workflow = client.newUntypedWorkflowStub("BareWorkflow", WorkflowOptions.newBuilder()
                    .setTaskQueue(BareWorkflow.TASK_QUEUE).setWorkflowId("bench-" + UUID.randomUUID()).build());
            workflow.start("order-" + i);
            done.add(workflow.getResultAsync(Integer.class).thenApply(result -> (System.nanoTime() - intended) / 1e6));
        }
        return finish(rate, count, done, start);
    }

    private Step finish(double rate, int count, List<CompletableFuture<Double>> done, long start) {
        List<Step.Span> spans = new ArrayList<>();
        long deadline = System.nanoTime() + stepLength.toNanos() + TimeUnit.SECONDS.toNanos(60);
        long last = start;
        for (int i = 0; i < done.size(); i++) {
            try {
                double latency = done.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                double intended = i * 1000.0 / rate;
                spans.add(new Step.Span(intended, intended + latency));
                last = Math.max(last, System.nanoTime());
            } catch (Exception notDone) {
                // counted as not completed
            }
        }
        return step(rate, count, spans, (last - start) / 1e9, Map.of(), null);
    }

    /**
     * {@code spans}: the completed orders, from their (intended) send to their completion. {@code seconds} runs from
     * the first send to the last completion; less the median completion time (the pipeline's own delay, which a
     * system that keeps up adds once, not per order) it is how long the work took.
     */
    private static Step step(double rate, int sent, List<Step.Span> spans, double seconds,
            Map<String, Double> cpuMsPerOrder, Latencies postLatency) {
        Latencies latency = Latencies.of(spans.stream().map(span -> span.toMs() - span.fromMs()).toList());
        double working = Math.max(seconds - latency.p50() / 1000, 1e-9);
        Step step = new Step(rate, sent, spans.size(), spans.size() / working, latency,
                Step.backlogGrew(spans, sent * 1000.0 / rate), cpuMsPerOrder, postLatency);
        say(String.format(Locale.ROOT, "  %.0f/s offered: %d/%d completed, %.1f/s, p50 %.1f ms, p99 %.1f ms%s", rate,
                step.completed(), sent, step.completedPerSecond(), step.latency().p50(), step.latency().p99(),
                step.backlogGrew() ? ", backlog grew" : ""));
        return step;
    }

    private List<Step> suite(RunningStack stack, Connection db) throws Exception {
        long[] seed = {1000};
        say("  warm-up at " + WARM_UP_RATE + "/s (not recorded)");
        suiteStep(stack, db, WARM_UP_RATE, seed[0]);
        return stepUp(rate -> suiteStep(stack, db, rate, ++seed[0]));
    }

    private Step suiteStep(RunningStack stack, Connection db, double rate, long seed) throws Exception {
        int count = (int) Math.round(rate * stepLength.toSeconds());
        Map<String, Long> ticksBefore = cpuTicks(stack);
        // loadgen only sends: following the orders through the API would load the API itself; the orders table
        // says when each order completed, to the millisecond (accepted: created_at; completed: updated_at)
        Path report = Files.createTempFile("bench-step-", ".json");
        int exit = new CommandLine(new LoadGen()).execute("--url", stack.baseUrl(), "--count", Integer.toString(count),
                "--rps", Double.toString(rate), "--mix", "auto:1", "--seed", Long.toString(seed), "--no-wait",
                "--review-after", "0", "--max-error-rate", "1", "--report", report.toString());
        JsonNode post = JSON.readTree(report.toFile()).path("http_latency_ms");
        Files.delete(report);
        Latencies postLatency = new Latencies(post.path("count").asInt(), post.path("p50").asDouble(),
                post.path("p99").asDouble(), post.path("max").asDouble());
        if (exit != 0) {
            notes.add(String.format(Locale.ROOT, "loadgen at %.0f/s exited %d (see its output above)", rate, exit));
        }
        String customers = LoadGen.customerPattern(seed);
        long deadline = System.nanoTime() + stepLength.toNanos() + TimeUnit.SECONDS.toNanos(60);
        try (PreparedStatement unfinished = db.prepareStatement(
                "select count(*) from orders.orders where customer_id like ? and status <> 'completed'")) {
            unfinished.setString(1, customers);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = unfinished.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(250);
            }
        }
        List<Step.Span> spans = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                select extract(epoch from created_at) * 1000, extract(epoch from updated_at) * 1000
                from orders.orders where customer_id like ? and status = 'completed'""")) {
            query.setString(1, customers);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    spans.add(new Step.Span(rows.getDouble(1), rows.getDouble(2)));
                }
            }
        }
        double first = spans.stream().mapToDouble(Step.Span::fromMs).min().orElse(0);
        double last = spans.stream().mapToDouble(Step.Span::toMs).max().orElse(0);
        spans.replaceAll(span -> new Step.Span(span.fromMs() - first, span.toMs() - first));
        Map<String, Long> ticksAfter = cpuTicks(stack);
        Map<String, Double> cpuMsPerOrder = new LinkedHashMap<>();
        ticksAfter.forEach((process, ticks) -> cpuMsPerOrder.put(process,
                Math.round((ticks - ticksBefore.get(process)) * 10.0 / Math.max(1, count) * 10) / 10.0));
        return step(rate, count, spans, spans.isEmpty() ? 1 : (last - first) / 1000, cpuMsPerOrder, postLatency);
    }

    /**
     * CPU time so far of each service, of the Temporal dev server when it runs, and of this JVM, which runs loadgen
     * and the bench (and the Temporal test server when that is the frontend; PostgreSQL's processes are not
     * counted). Clock ticks: hundredths of a second.
     */
    private static Map<String, Long> cpuTicks(RunningStack stack) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        stack.pids().forEach((service, pid) -> ticks.put(service.moduleName(), Rss.cpuTicks(pid)));
        stack.temporalPid().ifPresent(pid -> ticks.put(DEV_SERVER, Rss.cpuTicks(pid)));
        ticks.put(stack.temporalPid().isPresent() ? "bench JVM (loadgen)" : "bench JVM (Temporal test server, loadgen)",
                Rss.cpuTicks(ProcessHandle.current().pid()));
        return ticks;
    }

    private interface Stepper {
        Step at(double rate) throws Exception;
    }

    /** Raises the rate until a step is not sustainable (that step is kept: it shows where the backlog began). */
    private List<Step> stepUp(Stepper stepper) throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        for (double rate : RATES) {
            Step step;
            try {
                step = stepper.at(rate);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                notes.add("a step at " + rate + "/s failed: " + e);
                break;
            }
            steps.add(step);
            if (!step.sustainable()) {
                break;
            }
            Thread.sleep(3_000);
        }
        return steps;
    }

    private static Map<String, Object> compare(List<Step> limit, List<Step> suite) {
        Step bestLimit = best(limit);
        Step bestSuite = best(suite);
        Map<String, Object> comparison = new LinkedHashMap<>();
        if (bestLimit == null || bestSuite == null) {
            comparison.put("note", "no sustainable step on one side");
            return comparison;
        }
        comparison.put("limit_sustainable_per_s", bestLimit.offeredPerSecond());
        comparison.put("suite_sustainable_per_s", bestSuite.offeredPerSecond());
        comparison.put("throughput_ratio", Math.round(bestSuite.offeredPerSecond() / bestLimit.offeredPerSecond()
                * 100) / 100.0);
        comparison.put("target_throughput_ratio", 0.8);
        // latency compared at the highest rate both sustained
        double common = Math.min(bestLimit.offeredPerSecond(), bestSuite.offeredPerSecond());
        Step limitAt = limit.stream().filter(s -> s.offeredPerSecond() == common).findFirst().orElseThrow();
        Step suiteAt = suite.stream().filter(s -> s.offeredPerSecond() == common).findFirst().orElseThrow();
        comparison.put("p99_compared_at_per_s", common);
        comparison.put("limit_p99_ms", limitAt.latency().p99());
        comparison.put("suite_p99_ms", suiteAt.latency().p99());
        comparison.put("p99_ratio", Math.round(suiteAt.latency().p99() / limitAt.latency().p99() * 100) / 100.0);
        comparison.put("target_p99_ratio", 2.0);
        return comparison;
    }

    private static Step best(List<Step> steps) {
        return steps.stream().filter(Step::sustainable).reduce((a, b) -> b).orElse(null);
    }

    private Map<String, Object> post(RunningStack stack, Map<String, Long> rssUnderLoad) throws Exception {
        Path report = Files.createTempFile("bench-post-", ".json");
        Thread sampler = new Thread(() -> {
            try {
                Thread.sleep(postLength.toMillis() * 3 / 4);
                stack.pids().forEach((service, pid) -> rssUnderLoad.put(service.moduleName(), Rss.megabytes(pid)));
                stack.temporalPid().ifPresent(pid -> rssUnderLoad.put(DEV_SERVER, Rss.megabytes(pid)));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        sampler.start();
        int exit = new CommandLine(new LoadGen()).execute("--url", stack.baseUrl(), "--duration",
                postLength.toSeconds() + "s", "--rps", Integer.toString(postRate), "--mix", "auto:1", "--no-wait",
                "--review-after", "0", "--workers", "256", "--seed", "77", "--report", report.toString());
        sampler.join();
        rssUnderLoad.put("total", rssUnderLoad.values().stream().mapToLong(Long::longValue).sum());
        JsonNode summary = JSON.readTree(report.toFile());
        Files.delete(report);
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("rps", postRate);
        post.put("seconds", postLength.toSeconds());
        post.put("sent", summary.path("sent").asLong());
        post.put("errors", summary.path("client_errors").asLong() + summary.path("server_errors").asLong()
                + summary.path("transport_errors").asLong());
        post.put("latency_ms", JSON.convertValue(summary.path("http_latency_ms"), Map.class));
        post.put("loadgen_exit", exit);
        return post;
    }

    private Map<String, Object> loadgenCpu(Path root) throws Exception {
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        byte[] body = "{\"order\":{\"id\":\"00000000-0000-0000-0000-000000000000\"}}".getBytes(StandardCharsets.UTF_8);
        stub.createContext("/api/orders", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        stub.start();
        int seconds = 15;
        Process loadgen = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", root.resolve("loadgen/target/loadgen-exec.jar").toString(),
                "--url", "http://localhost:" + stub.getAddress().getPort(), "--rps", "1000",
                "--duration", seconds + "s", "--no-wait", "--workers", "256", "--mix", "auto:1",
                "--review-after", "0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long ticks = 0;
        long started = System.nanoTime();
        while (loadgen.isAlive()) {
            long now = Rss.cpuTicks(loadgen.pid());
            ticks = Math.max(ticks, now);
            Thread.sleep(100);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        stub.stop(0);
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("rps", 1000);
        cpu.put("seconds", seconds);
        cpu.put("cpu_seconds", ticks / 100.0);
        cpu.put("cores_used", Math.round(ticks / 100.0 / wall * 100) / 100.0);
        cpu.put("note", "includes the JVM's start and JIT warm-up; the stub server runs in the bench JVM");
        say(String.format(Locale.ROOT, "  loadgen used %.2f cores", ticks / 100.0 / wall));
        return cpu;
    }

    private static Map<String, Object> machine() throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("host", InetAddress.getLocalHost().getHostName());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", "");
        machine.put("memory_gib", Math.round(Long.parseLong(memory) / 1024.0 / 1024.0 * 10) / 10.0);
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("versions", "Spring Boot 4.1.1, Temporal SDK 1.38.0, OpenTelemetry agent 2.33.1, "
                + "PostgreSQL 18.6 (embedded)");
        machine.put("command", "make bench (BENCH_STEP_SECONDS, BENCH_POST_RPS, BENCH_POST_SECONDS as in settings)");
        return machine;
    }

    /**
     * {@code <date>-<host>.md} and {@code .json}; a second run on the same day adds {@code -2}, {@code -3}, so no
     * result is overwritten. The previous result is the newest other one, by when it was run.
     */
    private void write(Path root) throws IOException {
        Path dir = root.resolve("bench/results");
        Files.createDirectories(dir);
        @SuppressWarnings("unchecked")
        String host = ((Map<String, Object>) results.get("machine")).get("host").toString();
        String base = LocalDate.now() + "-" + host;
        for (int n = 2; Files.exists(dir.resolve(base + ".json")); n++) {
            base = LocalDate.now() + "-" + host + "-" + n;
        }
        Path previous;
        try (var files = Files.list(dir)) {
            previous = files.filter(file -> file.toString().endsWith(".json"))
                    .max(Comparator.comparing(Bench::runAt)).orElse(null);
        }
        Files.writeString(dir.resolve(base + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        Files.writeString(dir.resolve(base + ".md"), BenchReport.markdown(results,
                previous == null ? null : JSON.readValue(previous.toFile(), Map.class), previous));
        say("written " + dir.resolve(base + ".md") + " and .json");
    }

    /** When a result was run: its {@code run_at}, else (older results) the start of the day its name begins with. */
    private static String runAt(Path result) {
        try {
            String at = JSON.readTree(result.toFile()).path("run_at").asString("");
            return at.isEmpty() ? result.getFileName().toString().substring(0, 10) + "T00:00:00Z" : at;
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static void say(String line) {
        System.out.println("[bench] " + line);
    }

    private static int intEnv(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }
}
