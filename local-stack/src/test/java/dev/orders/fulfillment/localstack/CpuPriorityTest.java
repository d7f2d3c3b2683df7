package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuPriorityTest {

    @TempDir
    Path root;

    @Test
    void theWorkersRunBelowApiServiceByDefault() {
        Settings settings = Settings.fromEnvironment(root, Map.of());

        assertThat(settings.fulfillmentNice()).isEqualTo(10);
        assertThat(CpuPriority.prefix(Service.API_SERVICE, settings)).isEmpty();
        for (Service service : Service.values()) {
            if (service != Service.API_SERVICE) {
                assertThat(CpuPriority.prefix(service, settings))
                        .as(service.moduleName())
                        .containsExactly("/usr/bin/nice", "-n", "10");
            }
        }
    }

    @Test
    void zeroRunsEverythingAlikeAndOutOfRangeIsRefused() {
        Settings alike = Settings.fromEnvironment(root, Map.of("FULFILLMENT_NICE", "0"));
        assertThat(CpuPriority.prefix(Service.PAYMENT_WORKER, alike)).isEmpty();

        assertThatThrownBy(() -> Settings.fromEnvironment(root, Map.of("FULFILLMENT_NICE", "20"))
                        .fulfillmentNice())
                .hasMessageContaining("FULFILLMENT_NICE=20");
        assertThatThrownBy(() -> Settings.fromEnvironment(root, Map.of("FULFILLMENT_NICE", "-1"))
                        .fulfillmentNice())
                .hasMessageContaining("0 to 19");
    }

    /** The kernel's own word: field 19 of /proc/<pid>/stat is the process's niceness. */
    @Test
    void aProcessStartedWithThePrefixRunsAtThatNicenessUnderItsOwnPid() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(CpuPriority.prefix(7));
        command.addAll(List.of("/bin/sh", "-c", "echo $$; cat /proc/self/stat"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(process.waitFor()).isZero();

        // nice(1) executes the shell in its own place: the pid the launcher holds is the service's
        assertThat(Long.parseLong(lines.get(0))).isEqualTo(process.pid());
        // nice(1) adds to the niceness it starts at: this JVM's own, normally 0
        int own = niceness(Files.readString(Path.of("/proc/self/stat")));
        assertThat(niceness(lines.get(1))).isEqualTo(Math.min(CpuPriority.IDLE, own + 7));
    }

    private static int niceness(String stat) {
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(afterName[19 - 3]);
    }
}
