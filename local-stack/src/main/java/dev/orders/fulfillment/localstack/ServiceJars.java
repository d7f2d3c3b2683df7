package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs each service from Spring Boot's extracted layout (a thin jar next to its libraries) rather than from the fat
 * jar, whose nested jars are slower to load (fraud-worker alone, with the OpenTelemetry agent it ran with then, was
 * ready in 4.2 s instead of 5.8 s), and which class-data sharing needs ({@link ClassArchive}). Extracted again only when the fat jar changed since (its size and time, noted beside the extraction); the
 * extractions (half a second each) run while PostgreSQL starts.
 */
final class ServiceJars {

    private final Settings settings;
    private final Map<Service, Process> extractions = new EnumMap<>(Service.class);

    private ServiceJars(Settings settings) {
        this.settings = settings;
    }

    /** Starts extracting every service's jar that changed since; {@link #runnable} waits for one. */
    static ServiceJars extract(Settings settings) throws IOException {
        ServiceJars jars = new ServiceJars(settings);
        for (Service service : Service.values()) {
            if (upToDate(service, settings)) {
                continue;
            }
            Files.deleteIfExists(stamp(service, settings));
            ClassArchive.dropAll(extracted(service, settings).getParent());
            Path log = settings.logDir().resolve(service.moduleName() + "-extract.log");
            Files.createDirectories(log.getParent());
            jars.extractions.put(
                    service,
                    new ProcessBuilder(
                                    ServiceProcess.java(),
                                    "-Djarmode=tools",
                                    "-jar",
                                    service.jar(settings).toString(),
                                    "extract",
                                    "--force",
                                    "--destination",
                                    extracted(service, settings).getParent().toString())
                            .redirectErrorStream(true)
                            .redirectOutput(Redirect.to(log.toFile()))
                            .start());
        }
        return jars;
    }

    /** The extracted jar to run; the fat jar, with a word on the terminal, if extracting failed. */
    Path runnable(Service service) throws InterruptedException, IOException {
        Process extraction = extractions.get(service);
        if (extraction == null) {
            return extracted(service, settings);
        }
        if (extraction.waitFor() == 0 && Files.isRegularFile(extracted(service, settings))) {
            Files.writeString(stamp(service, settings), fingerprint(service, settings));
            return extracted(service, settings);
        }
        Terminal.say("could not extract " + service.jar(settings).getFileName() + " (see "
                + settings.logDir().resolve(service.moduleName() + "-extract.log") + "); running the fat jar");
        return service.jar(settings);
    }

    /** Extracted before from the fat jar as it is now. */
    private static boolean upToDate(Service service, Settings settings) throws IOException {
        Path stamp = stamp(service, settings);
        return Files.isRegularFile(extracted(service, settings))
                && Files.isRegularFile(stamp)
                && Files.readString(stamp).equals(fingerprint(service, settings));
    }

    private static String fingerprint(Service service, Settings settings) throws IOException {
        Path jar = service.jar(settings);
        return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
    }

    private static Path stamp(Service service, Settings settings) {
        return extracted(service, settings).resolveSibling(".extracted-from");
    }

    static Path extracted(Service service, Settings settings) {
        return service.jar(settings)
                .resolveSibling("extracted")
                .resolve(service.jar(settings).getFileName());
    }
}
