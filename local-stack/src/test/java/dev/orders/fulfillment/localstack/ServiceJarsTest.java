package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJarsTest {

    @Test
    void eachServiceRunsFromItsExtractedThinJarWithItsLibrariesBesideIt(@TempDir Path data) throws Exception {
        // the reactor builds every service before local-stack's tests run
        Settings settings = Settings.fromEnvironment(Settings.findRoot(), Map.of()).withDataDir(data);

        ServiceJars jars = ServiceJars.extract(settings);

        for (Service service : Service.values()) {
            Path jar = jars.runnable(service);
            assertThat(jar).isEqualTo(service.jar(settings).resolveSibling("extracted")
                    .resolve(service.moduleName() + "-exec.jar"));
            try (JarFile thin = new JarFile(jar.toFile())) {
                String classPath = thin.getManifest().getMainAttributes().getValue("Class-Path");
                assertThat(classPath.split(" ")).isNotEmpty()
                        .allSatisfy(library -> assertThat(jar.resolveSibling(library)).isRegularFile());
            }
        }
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
