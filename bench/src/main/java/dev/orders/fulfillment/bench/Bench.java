package dev.orders.fulfillment.bench;

import com.sun.net.httpserver.HttpServer;
import dev.orders.fulfillment.loadgen.LoadGen;
import dev.orders.fulfillment.loadgen.LoadPlan;
import dev.orders.fulfillment.loadgen.Mix;
import dev.orders.fulfillment.loadgen.Percentiles;
import dev.orders.fulfillment.loadgen.Report;
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
import java.io.InputStream;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make bench}: starts the suite as {@code make run} does (traced, simulation off), then measures, in
 * one run on this machine: (1) the limit, a bare workflow of the same shape on the same Temporal frontend; (2) the
 * suite's sustainable orders/s to completion, stepping the rate up; (3) POST /api/orders latency at a fixed rate;
 * (4) each service's time to ready and memory; (5) loadgen's own CPU at 1,000 rps. Writes
 * {@code bench/results/<date>-<host>.md} and {@code .json}, compared with the newest earlier result.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "The suite against a bare Temporal workflow of its shape, on this machine; writes "
                + "bench/results/<date>-<host>.md and .json.")
public final class Bench implements Callable<Integer> {

    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(
                    DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final List<Double> RATES =
            List.of(10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 80.0, 100.0, 120.0, 160.0, 200.0, 320.0);
    /** Run at this rate, unrecorded, before each side is measured: JIT, pools and caches warm, as in service. */
    private static final double WARM_UP_RATE = 10;

    static final String DEV_SERVER = "temporal server start-dev";
    static final String TOTAL = "total";
    /** The benchmark measures the pipeline's one path, without reviews, declines or backorders waiting. */
    private static final Mix AUTO_ONLY = Mix.parse("auto:1");

    @Option(
            names = "--step-seconds",
            defaultValue = "${env:BENCH_STEP_SECONDS:-10}",
            description = "How long each rate step sends (default: ${DEFAULT-VALUE}; env BENCH_STEP_SECONDS).")
    private int stepSeconds;

    @Option(
            names = "--post-rps",
            defaultValue = "${env:BENCH_POST_RPS:-200}",
            description = "The rate of (3), POSTs alone (default: ${DEFAULT-VALUE}; env BENCH_POST_RPS).")
    private int postRate;

    @Option(
            names = "--post-seconds",
            defaultValue = "${env:BENCH_POST_SECONDS:-60}",
            description = "How long (3) sends (default: ${DEFAULT-VALUE}; env BENCH_POST_SECONDS).")
    private int postSeconds;

    @Option(
            names = "--limit-only",
            paramLabel = "HOST:PORT",
            description = "Only (1), the bare workflow, against a Temporal frontend already up (e.g. make run's).")
    private String limitOnly;

    private final List<String> notes = new ArrayList<>();
    private final Map<String, BenchResult.ServiceFigures> services = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    private Duration stepLength() {
        return Duration.ofSeconds(stepSeconds);
    }

    @Override
    public Integer call() throws Exception {
        if (limitOnly != null) {
            limit(limitOnly);
            return 0;
        }
        Path root = Settings.findRoot();
        Path data = Files.createTempDirectory("bench-");
        Settings settings = Settings.fromEnvironment(root, Settings.isolated(System.getenv()))
                .withDataDir(data)
                .withPorts(28080, 35432, 27233);
        String runAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        BenchResult.Settings asked = new BenchResult.Settings(stepSeconds, RATES, postRate, postSeconds);

        say("starting the suite (traced, simulation off)");
        BenchResult.Machine machine;
        List<Step> limit;
        List<Step> suite;
        BenchResult.PostFigures post;
        try (RunningStack stack = LocalStack.start(settings);
                Connection db = DriverManager.getConnection(stack.jdbcUrl().orElseThrow(), "postgres", "postgres")) {
            // Ctrl-C or a kill stops the seven services and PostgreSQL too, not only this JVM
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stop"));
            machine = machine(stack.temporalDescription());
            // a first start after a build writes them in the background: measure the stack as later starts run it
            stack.awaitClassArchives();
            Thread.sleep(5_000); // let the JVMs settle before reading their memory
            measureIdle(stack);
            say("(4) each service started once more, alone, on the idle stack");
            readyAlone(stack);

            say("(1) the limit: a bare workflow of the same shape on the same frontend");
            limit = limit(stack.temporalAddress());
            say("(2) the suite: orders/s from POST to completed");
            suite = suite(stack, db);

            say("(3) POST /api/orders at " + postRate + " rps for " + postSeconds + " s");
            post = post(stack);
        }
        say("(5) loadgen's own CPU at 1,000 rps against a trivial endpoint");
        BenchResult.LoadgenCpu loadgen = loadgenCpu(root);
        write(
                root,
                new BenchResult(
                        runAt, machine, asked, services, limit, suite, compare(limit, suite), post, loadgen, notes));
        return 0;
    }

    private void measureIdle(RunningStack stack) {
        List<Long> each = new ArrayList<>();
        for (Service service : Service.values()) {
            Long rss = Rss.megabytes(stack.pids().get(service));
            each.add(rss);
            services.put(
                    service.moduleName(),
                    new BenchResult.ServiceFigures(tenths(stack.readyTimes().get(service)), null, rss, null));
        }
        services.put(TOTAL, new BenchResult.ServiceFigures(null, null, Rss.total(each), null));
        // beside the services, not in their total (as PostgreSQL, and the test server inside the bench JVM)
        stack.temporalPid()
                .ifPresent(pid -> services.put(
                        DEV_SERVER,
                        new BenchResult.ServiceFigures(
                                tenths(stack.temporalStartup()), null, Rss.megabytes(pid), null)));
    }

    private static Double tenths(Duration duration) {
        return duration == null ? null : Math.round(duration.toMillis() / 100.0) / 10.0;
    }

    /** Seven JVMs starting at once on two cores wait for each other; one starting alone shows its own time. */
    private void readyAlone(RunningStack stack) throws IOException, InterruptedException {
        for (Service service : Service.values()) {
            Double seconds = tenths(stack.timeToReadyAlone(service, 28180 + service.ordinal()));
            services.computeIfPresent(service.moduleName(), (name, figures) -> figures.withReadyAlone(seconds));
            say("  " + service.moduleName() + ": " + (seconds == null ? "not ready" : seconds + " s"));
        }
    }

    private List<Step> limit(String temporalAddress) throws InterruptedException {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporalAddress)
                .build());
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
        int count = (int) Math.round(rate * stepLength().toSeconds());
        List<CompletableFuture<Double>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long intended = start + Math.round(i * 1e9 / rate);
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            WorkflowStub workflow = client.newUntypedWorkflowStub(
                    "BareWorkflow",
                    WorkflowOptions.newBuilder()
                            .setTaskQueue(BareWorkflow.TASK_QUEUE)
                            .setWorkflowId("bench-" + UUID.randomUUID())
                            .build());
            workflow.start("order-" + i);
            done.add(workflow.getResultAsync(Integer.class).thenApply(result -> (System.nanoTime() - intended) / 1e6));
        }
        return finish(rate, count, done, start);
    }

    private Step finish(double rate, int count, List<CompletableFuture<Double>> done, long start) {
        List<Step.Span> spans = new ArrayList<>();
        long deadline = System.nanoTime() + stepLength().toNanos() + TimeUnit.SECONDS.toNanos(60);
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
    private static Step step(
            double rate,
            int sent,
            List<Step.Span> spans,
            double seconds,
            Map<String, Double> cpuMsPerOrder,
            Latencies postLatency) {
        Latencies latency = Latencies.of(
                spans.stream().map(span -> span.toMs() - span.fromMs()).toList());
        double working = Math.max(seconds - latency.p50() / 1000, 1e-9);
        Step step = new Step(
                rate,
                sent,
                spans.size(),
                spans.size() / working,
                latency,
                Step.backlogGrew(spans, sent * 1000.0 / rate),
                cpuMsPerOrder,
                postLatency);
        say(String.format(
                Locale.ROOT,
                "  %.0f/s offered: %d/%d completed, %.1f/s, p50 %.1f ms, p99 %.1f ms%s",
                rate,
                step.completed(),
                sent,
                step.completedPerSecond(),
                step.latency().p50(),
                step.latency().p99(),
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
        int count = (int) Math.round(rate * stepLength().toSeconds());
        Map<String, Duration> cpuBefore = cpuTimes(stack);
        // loadgen only sends: following the orders through the API would load the API itself; the orders table
        // says when each order completed, to the millisecond (accepted: created_at; completed: updated_at)
        Report sent = LoadGen.run(
                LoadPlan.to(stack.baseUrl(), count, rate, seed)
                        .withMix(AUTO_ONLY)
                        .sendOnly(),
                System.out);
        Percentiles post = sent.httpLatencyMs();
        Latencies postLatency = new Latencies((int) post.count(), post.p50(), post.p99(), post.max());
        if (sent.accepted() < sent.sent()) {
            notes.add(String.format(
                    Locale.ROOT,
                    "at %.0f/s %d of %d orders were not accepted (loadgen's output above)",
                    rate,
                    sent.sent() - sent.accepted(),
                    sent.sent()));
        }
        String customers = LoadGen.customerPattern(seed);
        long deadline = System.nanoTime() + stepLength().toNanos() + TimeUnit.SECONDS.toNanos(60);
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
        Map<String, Double> cpuMsPerOrder = new LinkedHashMap<>();
        cpuTimes(stack)
                .forEach((process, cpu) -> cpuMsPerOrder.put(
                        process,
                        Math.round(cpu.minus(cpuBefore.get(process)).toNanos() / 1e6 / Math.max(1, count) * 10)
                                / 10.0));
        return step(rate, count, spans, spans.isEmpty() ? 1 : (last - first) / 1000, cpuMsPerOrder, postLatency);
    }

    /**
     * CPU time so far of each service, of the Temporal dev server when it runs, and of this JVM, which runs loadgen
     * and the bench (and the Temporal test server when that is the frontend; PostgreSQL's processes are not
     * counted).
     */
    private static Map<String, Duration> cpuTimes(RunningStack stack) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        stack.pids().forEach((service, pid) -> cpu.put(service.moduleName(), cpuTime(pid)));
        stack.temporalPid().ifPresent(pid -> cpu.put(DEV_SERVER, cpuTime(pid)));
        cpu.put(
                stack.temporalPid().isPresent() ? "bench JVM (loadgen)" : "bench JVM (Temporal test server, loadgen)",
                cpuTime(ProcessHandle.current().pid()));
        return cpu;
    }

    /** User plus system CPU time, as the JDK reads it; zero for a process that is gone. */
    private static Duration cpuTime(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(process -> process.info().totalCpuDuration())
                .orElse(Duration.ZERO);
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

    private static BenchResult.Comparison compare(List<Step> limit, List<Step> suite) {
        Step bestLimit = best(limit);
        Step bestSuite = best(suite);
        if (bestLimit == null || bestSuite == null) {
            return new BenchResult.Comparison(
                    null, null, null, null, null, null, null, null, null, "no sustainable step on one side");
        }
        // latency compared at the highest rate both sustained
        double common = Math.min(bestLimit.offeredPerSecond(), bestSuite.offeredPerSecond());
        Step limitAt = limit.stream()
                .filter(s -> s.offeredPerSecond() == common)
                .findFirst()
                .orElseThrow();
        Step suiteAt = suite.stream()
                .filter(s -> s.offeredPerSecond() == common)
                .findFirst()
                .orElseThrow();
        return new BenchResult.Comparison(
                bestLimit.offeredPerSecond(),
                bestSuite.offeredPerSecond(),
                hundredths(bestSuite.offeredPerSecond() / bestLimit.offeredPerSecond()),
                BenchReport.TARGET_THROUGHPUT,
                common,
                limitAt.latency().p99(),
                suiteAt.latency().p99(),
                hundredths(suiteAt.latency().p99() / limitAt.latency().p99()),
                BenchReport.TARGET_P99,
                null);
    }

    private static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Step best(List<Step> steps) {
        return steps.stream().filter(Step::sustainable).reduce((a, b) -> b).orElse(null);
    }

    /** POSTs alone, with each process's memory read three quarters of the way in. */
    private BenchResult.PostFigures post(RunningStack stack) throws Exception {
        Map<String, Long> underLoad = Collections.synchronizedMap(new HashMap<>());
        Thread sampler = new Thread(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(postSeconds).toMillis() * 3 / 4);
                stack.pids().forEach((service, pid) -> underLoad.put(service.moduleName(), Rss.megabytes(pid)));
                stack.temporalPid().ifPresent(pid -> underLoad.put(DEV_SERVER, Rss.megabytes(pid)));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        sampler.start();
        Report sent = LoadGen.run(
                LoadPlan.during(stack.baseUrl(), Duration.ofSeconds(postSeconds), postRate, 77)
                        .withMix(AUTO_ONLY)
                        .withWorkers(256)
                        .sendOnly(),
                System.out);
        sampler.join();
        underLoad.put(
                TOTAL,
                Rss.total(Arrays.stream(Service.values())
                        .map(service -> underLoad.get(service.moduleName()))
                        .toList()));
        underLoad.forEach(
                (process, rss) -> services.computeIfPresent(process, (name, figures) -> figures.withUnderLoad(rss)));
        return new BenchResult.PostFigures(
                postRate,
                postSeconds,
                sent.sent(),
                sent.clientErrors() + sent.serverErrors() + sent.transportErrors(),
                sent.httpLatencyMs());
    }

    /** loadgen in a JVM of its own (its CPU alone), against a stub that answers every order at once. */
    private static BenchResult.LoadgenCpu loadgenCpu(Path root) throws Exception {
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
        Process loadgen = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        root.resolve("loadgen/target/loadgen-exec.jar").toString(),
                        "--url",
                        "http://localhost:" + stub.getAddress().getPort(),
                        "--rps",
                        "1000",
                        "--duration",
                        seconds + "s",
                        "--no-wait",
                        "--workers",
                        "256",
                        "--mix",
                        "auto:1",
                        "--review-after",
                        "0")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Duration cpu = Duration.ZERO;
        long started = System.nanoTime();
        while (loadgen.isAlive()) {
            Duration now = cpuTime(loadgen.pid());
            cpu = now.compareTo(cpu) > 0 ? now : cpu;
            Thread.sleep(100);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        stub.stop(0);
        double cpuSeconds = cpu.toMillis() / 1000.0;
        say(String.format(Locale.ROOT, "  loadgen used %.2f cores", cpuSeconds / wall));
        return new BenchResult.LoadgenCpu(
                1000,
                seconds,
                cpuSeconds,
                hundredths(cpuSeconds / wall),
                "includes the JVM's start and JIT warm-up; the stub server runs in the bench JVM");
    }

    private BenchResult.Machine machine(String temporal) throws IOException {
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", "");
        return new BenchResult.Machine(
                InetAddress.getLocalHost().getHostName(),
                Runtime.getRuntime().availableProcessors(),
                Math.round(Long.parseLong(memory) / 1024.0 / 1024.0 * 10) / 10.0,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                versions(),
                "make bench (--step-seconds " + stepSeconds + ", --post-rps " + postRate + ", --post-seconds "
                        + postSeconds + ")",
                temporal);
    }

    /** What the build put in bench-versions.properties. */
    private static String versions() throws IOException {
        Properties versions = new Properties();
        try (InputStream in = Bench.class.getResourceAsStream("/bench-versions.properties")) {
            versions.load(in);
        }
        return "Spring Boot " + versions.getProperty("spring-boot") + ", Temporal SDK "
                + versions.getProperty("temporal-sdk") + ", OpenTelemetry Spring Boot starter "
                + versions.getProperty("opentelemetry-instrumentation") + ", PostgreSQL "
                + versions.getProperty("postgresql")
                + " (embedded)";
    }

    /**
     * {@code <date>-<host>.md} and {@code .json}; a second run on the same day adds {@code -2}, {@code -3}, so no
     * result is overwritten. The previous result is the newest other one, by when it was run.
     */
    private static void write(Path root, BenchResult results) throws IOException {
        Path dir = root.resolve("bench/results");
        Files.createDirectories(dir);
        String host = results.machine().host();
        String base = LocalDate.now() + "-" + host;
        for (int n = 2; Files.exists(dir.resolve(base + ".json")); n++) {
            base = LocalDate.now() + "-" + host + "-" + n;
        }
        Path previous;
        try (var files = Files.list(dir)) {
            previous = files.filter(file -> file.toString().endsWith(".json"))
                    .max(Comparator.comparing(Bench::runAt))
                    .orElse(null);
        }
        Files.writeString(
                dir.resolve(base + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        Files.writeString(
                dir.resolve(base + ".md"),
                BenchReport.markdown(
                        results,
                        previous == null ? null : JSON.readValue(previous.toFile(), BenchResult.class),
                        previous));
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
}
