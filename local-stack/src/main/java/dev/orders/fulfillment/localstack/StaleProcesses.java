package dev.orders.fulfillment.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * What a launcher killed outright (SIGKILL, a closed terminal) leaves running: its services, the Temporal dev server
 * and the embedded PostgreSQL, still holding their ports and data directories. The next start stops them first, found
 * by their command lines: a service launched for this data directory ({@link ServiceProcess#stackMarker}), a dev
 * server on its {@code temporal.db}, a PostgreSQL on its {@code postgres} directory. Nothing else is touched: not a
 * stack on another data directory, as the end-to-end tests run while {@code make run} does.
 */
final class StaleProcesses {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** A process left behind, and what it is, in the order they are stopped (services before what they use). */
    record Stale(ProcessHandle process, String what, int order) {}

    private StaleProcesses() {}

    /** Stops every process an earlier launcher on these settings left running; says what it stopped. */
    static void stopAll(Settings settings) throws InterruptedException {
        List<Stale> found = ProcessHandle.allProcesses()
                .filter(process -> process.pid() != ProcessHandle.current().pid())
                .flatMap(process -> process
                        .info()
                        .arguments()
                        .flatMap(arguments -> process.info()
                                .command()
                                .flatMap(command -> recognise(settings, command, arguments)
                                        .map(stale -> new Stale(process, stale.what(), stale.order()))))
                        .stream())
                .sorted(Comparator.comparingInt(Stale::order))
                .toList();
        for (int order : found.stream().map(Stale::order).collect(Collectors.toCollection(TreeSet::new))) {
            List<Stale> batch =
                    found.stream().filter(stale -> stale.order() == order).toList();
            batch.forEach(stale -> {
                Terminal.say("Stopping " + stale.what() + " (pid "
                        + stale.process().pid() + "), left running by an earlier make run that did not stop");
                stale.process().destroy();
            });
            for (Stale stale : batch) {
                try {
                    stale.process().onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    stale.process().destroyForcibly();
                }
            }
        }
    }

    /** What the command is, when it is one of this stack's own; its stopping order. */
    static Optional<Stale> recognise(Settings settings, String command, String[] arguments) {
        List<String> args = Arrays.asList(arguments);
        String name = Path.of(command).getFileName().toString();
        if (name.equals("java")) {
            return args.contains(ServiceProcess.stackMarker(settings))
                    ? Optional.of(new Stale(
                            null,
                            "a service ("
                                    + after(args, "-jar")
                                            .map(Path::of)
                                            .map(Path::getFileName)
                                            .map(Path::toString)
                                            .orElse("java")
                                    + ")",
                            0))
                    : Optional.empty();
        }
        if (name.equals("temporal")) {
            String database =
                    settings.dataDir().resolve("temporal.db").toAbsolutePath().toString();
            return after(args, "--db-filename")
                    .filter(database::equals)
                    .map(db -> new Stale(null, "a Temporal dev server on " + db, 1));
        }
        if (name.equals("postgres")) {
            String data =
                    settings.dataDir().resolve("postgres").toAbsolutePath().toString();
            return after(args, "-D").filter(data::equals).map(dir -> new Stale(null, "a PostgreSQL on " + dir, 2));
        }
        return Optional.empty();
    }

    private static Optional<String> after(List<String> args, String option) {
        int at = args.indexOf(option);
        return at >= 0 && at + 1 < args.size() ? Optional.of(args.get(at + 1)) : Optional.empty();
    }
}
