package dev.orders.fulfillment.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** The suite's REST API as the end-to-end tests use it: the seed's requests, over real HTTP. */
final class OrdersApi {

    static final Duration SETTLE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;

    OrdersApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** POSTs an order, asserts the 201 and what it promises, returns the response body. */
    JsonNode placed(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode created = json.readTree(response.body());
        UUID id = id(created.path("order"));
        assertThat(created.path("workflow_id").asText()).isEqualTo("order-" + id);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/orders/" + id);
        return created;
    }

    JsonNode place(String body) throws IOException, InterruptedException {
        return placed(post("/api/orders", body)).path("order");
    }

    JsonNode awaitStatus(JsonNode order, String status) {
        return await().atMost(SETTLE)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> get("/api/orders/" + id(order)).path("order"),
                        current -> status.equals(current.path("status").asText()));
    }

    HttpResponse<String> review(JsonNode order, String decision) throws IOException, InterruptedException {
        return post(
                "/api/orders/" + id(order) + "/review",
                "{\"decision\":\"" + decision + "\",\"reviewer\":\"end-to-end test\"}");
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    JsonNode read(String body) throws IOException {
        return json.readTree(body);
    }

    static UUID id(JsonNode order) {
        return UUID.fromString(order.path("id").asText());
    }

    /** The trace id of the W3C {@code traceparent} header the API answers with: {@code 00-<trace>-<span>-<flags>}. */
    static String traceIdOf(HttpResponse<String> response) {
        String traceparent = response.headers().firstValue("traceparent").orElseThrow();
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
        return traceparent.split("-")[1];
    }
}
