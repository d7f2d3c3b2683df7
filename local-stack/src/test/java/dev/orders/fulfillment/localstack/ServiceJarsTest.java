package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJarsTest {

    @Test
    void eachServiceRunsFromItsExtractedThinJarWithItsLibrariesBesideIt(@TempDir Path data) throws Exception {
        // the reactor builds every service before local-stack's tests run
        Settings settings =
                Settings.fromEnvironment(Settings.findRoot(), Map.of()).withDataDir(data);

        ServiceJars jars = ServiceJars.extract(settings);

        for (Service service : Service.values()) {
            Path jar = jars.runnable(service);
            assertThat(jar)
                    .isEqualTo(service.jar(settings)
                            .resolveSibling("extracted")
                            .resolve(service.moduleName() + "-exec.jar"));
            try (JarFile thin = new JarFile(jar.toFile())) {
                String classPath = thin.getManifest().getMainAttributes().getValue("Class-Path");
                assertThat(classPath.split(" "))
                        .isNotEmpty()
                        .allSatisfy(library ->
                                assertThat(jar.resolveSibling(library)).isRegularFile());
            }
        }
    }

    /** A start with the jars unchanged does no extracting; a rebuilt jar is extracted again. */
    @Test
    void aJarIsExtractedAgainOnlyOnceItChanged(@TempDir Path root) throws Exception {
        Settings repository = Settings.fromEnvironment(Settings.findRoot(), Map.of());
        Settings settings = Settings.fromEnvironment(root, Map.of());
        Path jar = Service.FRAUD_WORKER.jar(settings);
        Files.createDirectories(jar.getParent());
        Files.copy(Service.FRAUD_WORKER.jar(repository), jar);

        Path extracted = ServiceJars.extract(settings).runnable(Service.FRAUD_WORKER);
        Path library;
        try (var libraries = Files.list(extracted.resolveSibling("lib"))) {
            library = libraries.findFirst().orElseThrow();
        }
        Files.delete(library);

        assertThat(ServiceJars.extract(settings).runnable(Service.FRAUD_WORKER)).isEqualTo(extracted);
        assertThat(library).doesNotExist();

        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        assertThat(ServiceJars.extract(settings).runnable(Service.FRAUD_WORKER)).isEqualTo(extracted);
        assertThat(library).isRegularFile();
    }

    @Test
    void aJarThatCannotBeExtractedRunsAsItIs(@TempDir Path root) throws Exception {
        Settings settings = Settings.fromEnvironment(root, Map.of());
        for (Service service : Service.values()) {
            Files.createDirectories(service.jar(settings).getParent());
            Files.writeString(service.jar(settings), "not a jar");
        }

        ServiceJars jars = ServiceJars.extract(settings);

        assertThat(jars.runnable(Service.FRAUD_WORKER)).isEqualTo(Service.FRAUD_WORKER.jar(settings));
    }
}
