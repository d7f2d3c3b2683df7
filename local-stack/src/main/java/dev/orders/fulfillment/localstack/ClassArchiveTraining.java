package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Once the stack is ready, writes the {@link ClassArchive} of every service that has none, one training run after
 * another at the lowest CPU priority ({@code nice}), so that the stack's own work goes first: the next start maps
 * them. A run starts the service's context on the service's own environment (its database and Temporal, which its
 * beans connect to), no web server or worker started, and exits; its log is {@code <service>-class-archive.log}.
 * {@code CLASS_ARCHIVES=off} neither trains nor maps any.
 */
final class ClassArchiveTraining {

    private final Settings settings;
    private final Map<Service, Path> jars;
    private final Function<Service, Map<String, String>> connections;
    private final Thread thread;
    private volatile Process current;
    private volatile boolean closed;

    private ClassArchiveTraining(
            Settings settings, Map<Service, Path> jars, Function<Service, Map<String, String>> connections) {
        this.settings = settings;
        this.jars = jars;
        this.connections = connections;
        this.thread = new Thread(this::trainAll, "class-archive-training");
        thread.setDaemon(true);
    }

    /**
     * Whether {@code service} trains and maps an archive: not with {@code CLASS_ARCHIVES=off}, nor from the fat jar,
     * the fallback when extracting failed (the JDK archives no classes of nested jars).
     */
    static boolean archivesApply(Service service, Path jar, Settings settings) {
        return !"off".equalsIgnoreCase(settings.environment().getOrDefault("CLASS_ARCHIVES", ""))
                && jar.equals(ServiceJars.extracted(service, settings));
    }

    /** Starts training, in the background, the services {@code jars} run from that have no archive yet. */
    static ClassArchiveTraining start(
            Settings settings, Map<Service, Path> jars, Function<Service, Map<String, String>> connections) {
        ClassArchiveTraining training = new ClassArchiveTraining(settings, jars, connections);
        training.thread.start();
        return training;
    }

    private void trainAll() {
        List<Service> untrained = new ArrayList<>();
        jars.forEach((service, jar) -> {
            if (archivesApply(service, jar, settings)
                    && !ClassArchive.beside(jar).exists()) {
                untrained.add(service);
            }
        });
        if (untrained.isEmpty()) {
            return;
        }
        Terminal.say("Writing class archives in the background (nice 19) for " + untrained.size()
                + " services, which the next start maps: faster by about a third");
        int written = 0;
        long started = System.nanoTime();
        for (Service service : untrained) {
            if (closed) {
                return;
            }
            try {
                written += train(service) ? 1 : 0;
            } catch (IOException e) {
                Terminal.say("could not train " + service.moduleName() + "'s class archive: " + e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
        }
        if (!closed) {
            Terminal.say(String.format(
                    Locale.ROOT,
                    "Class archives written for %d of %d services in %.0f s (logs: %s)",
                    written,
                    untrained.size(),
                    (System.nanoTime() - started) / 1e9,
                    settings.logDir().resolve("<service>-class-archive.log")));
        }
    }

    private boolean train(Service service) throws IOException, InterruptedException {
        Path jar = jars.get(service);
        ClassArchive archive = ClassArchive.beside(jar);
        ProcessBuilder builder = ServiceProcess.builder(service, jar, settings, archive.trainingOptions());
        // nice(1) adds to the niceness it starts at and stops at the lowest: a worker's run ends up at 19 as well
        builder.command().addAll(0, CpuPriority.prefix(CpuPriority.IDLE));
        // port 0: nothing listens (the web server starts after the refresh), and nothing could clash if it did
        builder.environment().putAll(service.environment(settings, connections.apply(service), 0));
        Path log = settings.logDir().resolve(service.moduleName() + "-class-archive.log");
        Files.createDirectories(log.getParent());
        builder.redirectOutput(Redirect.to(log.toFile()));
        Process process = builder.start();
        current = process;
        if (closed) {
            process.destroyForcibly();
        }
        if (!process.waitFor(settings.readyTimeout().toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return archive.trained(process.exitValue());
    }

    /** Until every training run is done (the benchmark measures the stack as a later start would run it). */
    void await() throws InterruptedException {
        thread.join();
    }

    /** Stops a training run under way: what it wrote is dropped, and the next start trains again. */
    void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        Process process = current;
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
