package dev.orders.fulfillment.loadgen;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code loadgen}: orders at a steady rate on every decision path, then a reconciliation of where they ended. */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        version = "loadgen 0.1.0",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Sends orders to the order-fulfillment API at a fixed rate (open loop), each aimed at a known "
                    + "decision path, decides held reviews through the API, then waits until every accepted order has "
                    + "settled and checks it ended where it should.",
            "Exit status: 0; 1 when an order was lost or never settled, the API answered 5xx, or the error "
                    + "rate passed --max-error-rate; 2 for bad options."
        })
public final class LoadGen implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--url",
            defaultValue = "${env:API_URL:-http://localhost:8080}",
            description = "API base URL (default: $API_URL, else ${DEFAULT-VALUE})")
    String url;

    @Option(
            names = "--token",
            defaultValue = "${env:API_TOKEN}",
            description = "a bearer token, for an API in jwt"
                    + " mode: scopes orders:write, orders:read and orders:review (default: $API_TOKEN, else none)")
    String token;

    @Option(names = "--count", description = "orders to send")
    Long count;

    @Option(
            names = "--duration",
            converter = DurationConverter.class,
            description = "how long to send, e.g. 60s, 5m, PT1M30S")
    Duration duration;

    @Option(names = "--rps", defaultValue = "10", description = "orders per second (default ${DEFAULT-VALUE})")
    double rps;

    @Option(
            names = "--workers",
            defaultValue = "64",
            description = "most requests in flight at once (default ${DEFAULT-VALUE})")
    int workers;

    @Option(
            names = "--mix",
            defaultValue = Mix.DEFAULT,
            converter = MixConverter.class,
            description = "weight of each path (default ${DEFAULT-VALUE})")
    Mix mix;

    @Option(names = "--seed", description = "random seed: the same seed sends the same orders (default: random)")
    Long seed;

    @Option(
            names = "--review-after",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description = "decide a held review this long after sending it; 0 leaves reviews held "
                    + "(default ${DEFAULT-VALUE})")
    Duration reviewAfter;

    @Option(
            names = "--approve-rate",
            defaultValue = "0.7",
            description = "share of reviews approved, the rest rejected (default ${DEFAULT-VALUE})")
    double approveRate;

    @Option(
            names = "--wait",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "after sending, follow every accepted order until it settles, then reconcile "
                    + "(default on; --no-wait stops after sending)")
    boolean await;

    @Option(
            names = "--wait-timeout",
            defaultValue = "120s",
            converter = DurationConverter.class,
            description = "how long to wait for orders to settle (default ${DEFAULT-VALUE})")
    Duration waitTimeout;

    @Option(
            names = "--retry-for",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "send an order again, with its Idempotency-Key, after a transport error or a 409, or when"
                    + " the Retry-After of a 503 or 429 says, for this long after its first attempt"
                    + " (default ${DEFAULT-VALUE})")
    Duration retryFor;

    @Option(
            names = "--max-error-rate",
            defaultValue = "0.01",
            description = "fail when more than this share of requests fails (default ${DEFAULT-VALUE})")
    double maxErrorRate;

    @Option(names = "--report", description = "also write the summary as JSON to this file")
    java.nio.file.Path reportFile;

    /** The SQL {@code LIKE} pattern of the customer ids an auto-approved order of a run with {@code seed} has. */
    public static String customerPattern(long seed) {
        return "lg-" + OrderPlanner.runId(seed) + "-%";
    }

    /** Every option at its default, the URL aside. */
    static LoadGen withDefaults(String baseUrl) {
        LoadGen defaults = new LoadGen();
        new CommandLine(defaults).parseArgs("--url", baseUrl);
        return defaults;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGen()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        validate();
        LoadPlan plan = new LoadPlan(
                URI.create(url),
                token,
                count,
                duration,
                rps,
                workers,
                mix,
                seed != null ? seed : System.nanoTime(),
                reviewAfter,
                approveRate,
                await,
                waitTimeout,
                retryFor);
        Report report = run(plan, System.out);
        if (reportFile != null) {
            report.write(reportFile);
            System.out.println("report written to " + reportFile);
        }
        return verdict(report, System.out);
    }

    /**
     * Runs {@code plan}, printing its progress and summary to {@code out}, and returns the report: loadgen for a
     * program (the drills, the benchmark) as for the command line.
     */
    public static Report run(LoadPlan plan, PrintStream out) throws InterruptedException {
        out.printf(
                Locale.ROOT,
                "loadgen → %s: %s at %.1f orders/s, mix %s, seed %d%n",
                plan.baseUrl(),
                plan.count() != null ? plan.count() + " orders" : "for " + plan.duration(),
                plan.rps(),
                plan.mix(),
                plan.seed());

        Stats stats = new Stats();
        boolean decideReviews = !plan.reviewAfter().isZero();
        OrderPlanner planner = new OrderPlanner(plan.mix(), plan.seed(), decideReviews, plan.approveRate());
        ExecutorService httpThreads = Executors.newFixedThreadPool(2, daemon("loadgen-http"));
        ExecutorService followerThread = Executors.newSingleThreadExecutor(daemon("loadgen-follower"));
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(httpThreads)
                .build();
        ApiRequests api = new ApiRequests(plan.baseUrl(), plan.token());
        Settler settler = new Settler(http, api, stats, System::nanoTime, plan.reviewAfter());
        OpenLoopSender sender =
                new OpenLoopSender(http, api, plan.rps(), plan.workers(), stats, System::nanoTime, plan.retryFor());

        long started = System.nanoTime();
        List<OpenLoopSender.Accepted> accepted;
        double sendingSeconds;
        try (Progress ignored = new Progress(stats, out, System.console() != null).start()) {
            AtomicBoolean sending = new AtomicBoolean(true);
            Queue<OpenLoopSender.Accepted> followed = new ConcurrentLinkedQueue<>();
            // reviews are decided while orders are still being sent: follow the orders from the start
            Future<?> follower = followerThread.submit(() -> {
                while (sending.get() && decideReviews) {
                    settler.round(List.copyOf(followed));
                }
                return null;
            });
            accepted = sender.run(
                    planner, plan.count() != null ? plan.count() : Long.MAX_VALUE, plan.duration(), followed::add);
            sendingSeconds = (System.nanoTime() - started) / 1e9;
            sending.set(false);
            try {
                follower.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("following orders failed", e.getCause());
            }
            if (plan.await()) {
                settler.awaitAll(accepted, plan.waitTimeout());
            }
        } finally {
            followerThread.shutdownNow();
            httpThreads.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        Reconciliation reconciliation = plan.await()
                ? Reconciliation.of(accepted, settler.observed(), settler::isSettled)
                : Reconciliation.of(List.of(), Map.of(), id -> true);
        Report report = Report.of(stats, sendingSeconds, seconds, reconciliation);
        report.print(out);
        return report;
    }

    private int verdict(Report report, PrintStream out) {
        int status = 0;
        if (!report.reconciliation().nothingLost()) {
            out.printf(
                    "FAIL: %d orders lost, %d never settled%n",
                    report.reconciliation().lost().size(),
                    report.reconciliation().unsettled().size());
            status = 1;
        }
        if (report.serverErrors() > 0) {
            out.printf("FAIL: %d server errors (5xx)%n", report.serverErrors());
            status = 1;
        }
        if (report.errorRate() > maxErrorRate) {
            out.printf(
                    Locale.ROOT,
                    "FAIL: error rate %.4f is over --max-error-rate %.4f%n",
                    report.errorRate(),
                    maxErrorRate);
            status = 1;
        }
        return status;
    }

    private void validate() {
        CommandLine commandLine = spec.commandLine();
        if (count == null && duration == null) {
            throw new ParameterException(commandLine, "say how much to send: --count N or --duration 60s (or both)");
        }
        if (count != null && count <= 0) {
            throw new ParameterException(commandLine, "--count must be positive");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new ParameterException(commandLine, "--duration must be positive");
        }
        if (!(rps > 0) || Double.isInfinite(rps)) {
            throw new ParameterException(commandLine, "--rps must be positive");
        }
        if (workers <= 0) {
            throw new ParameterException(commandLine, "--workers must be positive");
        }
        if (approveRate < 0 || approveRate > 1) {
            throw new ParameterException(commandLine, "--approve-rate must be between 0 and 1");
        }
        if (reviewAfter.isNegative() || waitTimeout.isNegative() || retryFor.isNegative()) {
            throw new ParameterException(commandLine, "durations cannot be negative");
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "--url must be an http(s) URL, got " + url);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** {@code 60s}, {@code 500ms}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT1M30S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (text.equals("0")) {
                    return Duration.ZERO;
                }
                if (text.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
                }
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.parse(value.trim());
                };
            } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
                try {
                    return Duration.parse(value.trim());
                } catch (DateTimeParseException notIso) {
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a duration: use 60s, 500ms, 5m, 1h or PT1M30S");
                }
            }
        }
    }

    static final class MixConverter implements CommandLine.ITypeConverter<Mix> {
        @Override
        public Mix convert(String value) {
            try {
                return Mix.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
