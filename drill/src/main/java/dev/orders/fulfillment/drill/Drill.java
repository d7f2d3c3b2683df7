package dev.orders.fulfillment.drill;

import dev.orders.fulfillment.loadgen.LoadGen;
import dev.orders.fulfillment.loadgen.LoadPlan;
import dev.orders.fulfillment.loadgen.Report;
import dev.orders.fulfillment.localstack.LocalStack;
import dev.orders.fulfillment.localstack.RunningStack;
import dev.orders.fulfillment.localstack.Settings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code make drill}: starts the suite as {@code make run} does (supervised, on a data directory of its own), sends
 * loadgen's traffic, and injects one fault per drill while it flows: each service SIGKILLed in turn, the Temporal dev
 * server SIGKILLed and started again on its database, PostgreSQL stopped for a while, Temporal frozen while orders
 * arrive. After each, every accepted order must have ended where loadgen expected, and the services' tables must
 * add up ({@link Ledgers}). Prints a table, writes it to {@code drill/results/<date>-<host>.md}.
 */
@Command(
        name = "drill",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Faults injected into the suite under traffic, and what became of every order after each.",
            "Exit status: 0 when every drill that ran kept every invariant; 1 otherwise; 2 for bad options."
        })
public final class Drill implements Callable<Integer> {

    /** Away from make run's ports (8080…, 15432, 7233) and the end-to-end tests' (18080…, 25432, 17233). */
    static final int BASE_PORT = 19080;

    static final int POSTGRES_PORT = 25532;
    static final int TEMPORAL_PORT = 19233;

    @Option(
            names = "--rps",
            defaultValue = "5",
            description = "orders per second during each drill (default" + " ${DEFAULT-VALUE})")
    double rps;

    @Option(
            names = "--seconds",
            defaultValue = "20",
            description = "traffic per drill, in seconds; the fault comes"
                    + " a quarter of the way in (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(
            names = "--outage",
            defaultValue = "15",
            description = "how long PostgreSQL and Temporal stay away, in" + " seconds (default ${DEFAULT-VALUE})")
    int outage;

    @Option(
            names = "--only",
            split = ",",
            description = "run only these drills, by name: kill-<service>,"
                    + " kill-temporal, postgres-down, temporal-unreachable")
    List<String> only;

    @Option(
            names = "--seed",
            defaultValue = "20261202",
            description = "loadgen's seed for the first drill, one more" + " for each next (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--soak",
            description = "instead of the drills: this many orders at --rps, with every service"
                    + " SIGKILLed once along the way (the 10,000-order figure: --soak 10000)")
    Long soak;

    @Option(names = "--results", description = "the result file (default drill/results/<date>-<host>.md)")
    Path resultFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Drill()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Step> steps = soak != null
                ? List.of(Step.soak(Duration.ofMillis(Math.round(soak * 1000 / rps))))
                : Step.all(Duration.ofSeconds(seconds), Duration.ofSeconds(outage)).stream()
                        .filter(step -> only == null || only.contains(slug(step.name())))
                        .toList();
        if (steps.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--only " + only + " names no drill");
        }
        Path root = Settings.findRoot();
        Path data = root.resolve(".data").resolve("drill");
        Settings settings = Settings.fromEnvironment(root, Settings.isolated(System.getenv()))
                .withDataDir(data)
                .withPorts(BASE_PORT, POSTGRES_PORT, TEMPORAL_PORT)
                .withoutServiceEcho();
        PrintStream out = System.out;
        out.println("drill: starting the suite (simulation off; the services' output in " + data.resolve("logs") + ")");
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<StepResult> results;
        String temporal;
        // from empty ledgers: the baseline is the seed's stock, and every order in the tables is the drill's
        try (RunningStack stack = LocalStack.startAfresh(settings)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "drill-stop"));
            stack.superviseInBackground();
            temporal = stack.temporalDescription();
            results = run(stack, steps, rps, seed, out);
        }
        String plan = soak != null
                ? String.format(
                        Locale.ROOT,
                        "%d orders at %.0f/s (simulation off), every service SIGKILLed once"
                                + " along the way. Repeat with `make drill ARGS=\"--soak %d --rps %.0f\"`.",
                        soak,
                        rps,
                        soak,
                        rps)
                : String.format(
                        Locale.ROOT,
                        "Each drill: %d s of loadgen traffic at %.0f orders/s (simulation off),"
                                + " the fault a quarter of the way in; outages last %d s. Repeat with `make drill`.",
                        seconds,
                        rps,
                        outage);
        DrillReport report = new DrillReport(startedAt, temporal, plan, results);
        Path file = resultFile != null ? resultFile : DrillReport.defaultFile(root.resolve("drill/results"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report.markdown());
        out.println();
        out.print(report.table());
        out.println("result written to " + root.relativize(file.toAbsolutePath()));
        out.println(report.lastLine());
        return report.passed() ? 0 : 1;
    }

    /**
     * Runs {@code steps} one after the other against {@code stack} (supervised), each under its own loadgen run
     * (seed {@code seed} for the first, one more for each next), and reconciles after each.
     */
    static List<StepResult> run(RunningStack stack, List<Step> steps, double rps, long seed, PrintStream out)
            throws Exception {
        Ledgers ledgers = Ledgers.before(stack.jdbcUrl().orElseThrow(), "postgres", "postgres");
        List<StepResult> results = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.realTemporal() && stack.temporalPid().isEmpty()) {
                out.println("drill: " + step.name() + " not run: it needs the launcher's own temporal server"
                        + " start-dev; this stack has " + stack.temporalDescription());
                results.add(StepResult.skipped(
                        step.name(), "needs the Temporal dev server; ran on " + stack.temporalDescription()));
                continue;
            }
            results.add(runOne(stack, ledgers, step, rps, seed + i, out));
        }
        return results;
    }

    private static StepResult runOne(
            RunningStack stack, Ledgers ledgers, Step step, double rps, long seed, PrintStream out) throws Exception {
        long count = Math.round(rps * step.traffic().toMillis() / 1000.0);
        out.printf(
                Locale.ROOT,
                "%ndrill: %s, %d s into %d orders at %.0f/s%n",
                step.name(),
                step.faultAt().toSeconds(),
                count,
                rps);
        LoadPlan plan = LoadPlan.to(stack.baseUrl(), count, rps, seed).withWaitTimeout(Duration.ofSeconds(300));
        FutureTask<Report> traffic = new FutureTask<>(() -> LoadGen.run(plan, out));
        Thread sender = new Thread(traffic, "drill-traffic");
        sender.start();
        Thread.sleep(step.faultAt().toMillis());
        Step.Outcome outcome;
        try {
            outcome = step.fault().inject(stack, ledgers);
        } catch (Exception e) {
            outcome = new Step.Outcome("failed to inject: " + e, false);
        }
        out.println("drill: " + step.name() + ": " + outcome.what());
        Report report;
        try {
            report = traffic.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("loadgen failed during " + step.name(), e.getCause());
        }
        boolean ready = stack.awaitAllReady(Step.BACK_WITHIN);
        StepResult result =
                new StepResult(step.name(), null, outcome, report, ledgers.settle(Duration.ofSeconds(60)), ready);
        out.println("drill: " + step.name() + ": "
                + (result.passed() ? "passed" : "FAILED: " + String.join("; ", result.violations())));
        return result;
    }

    /** {@code kill order-workflow-worker} → {@code kill-order-workflow-worker}: the name {@code --only} takes. */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '-').replace("postgresql", "postgres");
    }
}
