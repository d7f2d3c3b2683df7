package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @Test
    void startsNothingWhenAServiceJarIsMissing(@TempDir Path root) {
        Settings settings = Settings.fromEnvironment(root, Map.of());

        assertThatThrownBy(() -> LocalStack.start(settings))
                .hasMessage(Path.of("api-service", "target", "api-service-exec.jar")
                        + " is missing: build it first (make run does)");
        assertThat(root.resolve(".data")).doesNotExist();
    }
}
