package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed contract, {@code api-service/openapi.yaml}, is what the running service serves: a change to the API
 * that the file does not have fails here. {@code make openapi} writes the file anew from the service.
 */
class OpenApiDocumentTest extends ApiServiceTestBase {

    static final Path COMMITTED = Path.of("openapi.yaml");

    @Test
    void theCommittedDocumentIsWhatTheServiceServes() throws IOException {
        String served = new String(
                http.get()
                        .uri("/v3/api-docs.yaml")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .returnResult()
                        .getResponseBody(),
                StandardCharsets.UTF_8);
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, served);
        }
        assertThat(COMMITTED)
                .as("api-service/openapi.yaml is missing: make openapi writes it")
                .exists();
        assertThat(served)
                .as("the API changed and api-service/openapi.yaml did not: `make openapi` writes it anew,"
                        + " then check the difference (git diff api-service/openapi.yaml)")
                .isEqualTo(Files.readString(COMMITTED));
    }

    @Test
    void swaggerUiIsServedWithAPolicyThatLetsItsOwnScriptsRun() {
        http.get()
                .uri("/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(
                        "Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:;"
                                + " style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    }
}
