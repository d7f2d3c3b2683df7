package dev.orders.fulfillment.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Class-data sharing for a service run from its extracted jar: a JDK archive of the classes the service loads, which
 * every run maps instead of loading, verifying and linking them again (payment-worker alone, CPU to ready: 6.4 s
 * without, 4.3 s with). A training run writes it (Spring Boot's way: start the context, exit once it is refreshed,
 * {@code -XX:ArchiveClassesAtExit}; {@link ClassArchiveTraining}), not the service's own run: seven JVMs writing
 * archives as they stop took longer than Ctrl-C may. The archive lies beside the extracted jar, so a new extraction
 * (the jar changed) drops it ({@link #dropAll}), and is named for the JDK that wrote it, the only one that can map it.
 */
final class ClassArchive {

    private static final String SUFFIX = ".jsa";

    private final Path archive;
    private final Path partial;

    private ClassArchive(Path archive) {
        this.archive = archive;
        // a name of its own for each training run: two never write one file
        this.partial = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".partial");
    }

    static ClassArchive beside(Path extractedJar) {
        String jar = extractedJar.getFileName().toString().replaceFirst("\\.jar$", "");
        String jdk = Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_");
        return new ClassArchive(extractedJar.resolveSibling(jar + "-jdk-" + jdk + SUFFIX));
    }

    boolean exists() {
        return Files.isRegularFile(archive);
    }

    /** For the service's run: the archive, once there is one. */
    List<String> jvmOptions() {
        return exists() ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    /** For the training run: the context started and closed again, the classes it loaded written as it exits. */
    List<String> trainingOptions() {
        return List.of("-XX:ArchiveClassesAtExit=" + partial, "-Dspring.context.exit=onRefresh");
    }

    /** After the training run: keeps what it wrote if it went well (and no other run was first), else nothing. */
    boolean trained(int exitValue) {
        try {
            boolean kept = exitValue == 0 && Files.isRegularFile(partial) && Files.size(partial) > 0 && !exists();
            if (kept) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(partial);
            return kept;
        } catch (IOException e) {
            Terminal.say("could not keep the class archive " + archive + ": " + e.getMessage());
            return false;
        }
    }

    /** Every archive and unfinished one in {@code directory}: what a new extraction makes stale. */
    static void dropAll(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX) || name.contains(SUFFIX + ".")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
