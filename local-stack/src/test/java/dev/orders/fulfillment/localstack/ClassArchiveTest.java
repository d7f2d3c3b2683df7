package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    /** The JDK itself writes the archive as the training run exits, and maps it ({@code -Xshare:on} fails else). */
    @Test
    void aTrainingRunWritesTheArchiveTheServicesRunsMap(@TempDir Path extracted) throws Exception {
        Path jar = Files.createFile(extracted.resolve("fraud-worker-exec.jar"));
        ClassArchive training = ClassArchive.beside(jar);
        assertThat(training.jvmOptions()).isEmpty();
        assertThat(training.trainingOptions())
                .anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit=" + extracted))
                .contains("-Dspring.context.exit=onRefresh");

        assertThat(training.trained(java(training.trainingOptions()))).isTrue();

        assertThat(archives(extracted))
                .singleElement()
                .asString()
                .endsWith(".jsa")
                .contains("fraud-worker-exec-jdk-");
        List<String> run = ClassArchive.beside(jar).jvmOptions();
        assertThat(run).singleElement().asString().startsWith("-XX:SharedArchiveFile=" + extracted);
        List<String> mapped = new ArrayList<>(run);
        mapped.add("-Xshare:on");
        assertThat(java(mapped)).isZero();
    }

    @Test
    void aTrainingRunThatFailedLeavesNoArchive(@TempDir Path extracted) throws Exception {
        Path jar = Files.createFile(extracted.resolve("payment-worker-exec.jar"));
        ClassArchive failed = ClassArchive.beside(jar);
        Path partial = Path.of(failed.trainingOptions().get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(partial, "half an archive");

        assertThat(failed.trained(137)).isFalse();

        assertThat(archives(extracted)).isEmpty();
        assertThat(failed.exists()).isFalse();
    }

    @Test
    void aNewExtractionDropsEveryArchiveAndNothingElse(@TempDir Path extracted) throws Exception {
        Path jar = Files.createFile(extracted.resolve("api-service-exec.jar"));
        Files.createFile(extracted.resolve("api-service-exec-jdk-17.0.15.jsa"));
        Files.createFile(extracted.resolve("api-service-exec-jdk-17.0.15.jsa.1234.partial"));
        Files.createDirectories(extracted.resolve("lib"));

        ClassArchive.dropAll(extracted);

        try (Stream<Path> left = Files.list(extracted)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(jar.getFileName().toString(), "lib");
        }
    }

    @Test
    void classArchivesOffMeansTheServicesNeitherTrainNorMap() {
        Path root = Path.of("/repo");
        Path jar = ServiceJars.extracted(Service.FRAUD_WORKER, Settings.fromEnvironment(root, Map.of()));

        assertThat(ClassArchiveTraining.archivesApply(
                        Service.FRAUD_WORKER, jar, Settings.fromEnvironment(root, Map.of())))
                .isTrue();
        assertThat(ClassArchiveTraining.archivesApply(
                        Service.FRAUD_WORKER, jar, Settings.fromEnvironment(root, Map.of("CLASS_ARCHIVES", "off"))))
                .isFalse();
        assertThat(ClassArchiveTraining.archivesApply(
                        Service.FRAUD_WORKER,
                        Service.FRAUD_WORKER.jar(Settings.fromEnvironment(root, Map.of())),
                        Settings.fromEnvironment(root, Map.of())))
                .isFalse();
    }

    private static List<Path> archives(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().contains(".jsa"))
                    .toList();
        }
    }

    private static int java(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.java());
        command.addAll(options);
        command.add("-version");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }
}
