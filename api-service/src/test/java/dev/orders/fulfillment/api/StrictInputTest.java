package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a careless or hostile client sends, over real HTTP: each is a problem+json 4xx that changes nothing, never a
 * guess, a 5xx or the servlet container's HTML page.
 */
class StrictInputTest extends ApiServiceTestBase {

    private static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void anUnknownFieldIsA400NamingIt() throws Exception {
        long before = orderCount();

        HttpResponse<String> response = post("""
                {"customer_id":"c-1","items":[{"product_id":"prod-1","quantity":1,"colour":"red"}],"coupon":"X"}""", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.body())
                .contains("\"field\":\"items[0].colour\"")
                .contains("is not a field")
                .contains("\"type\":\"urn:order-fulfillment:problem:invalid-fields\"");
        assertThat(orderCount()).isEqualTo(before);
    }

    /** Only the documented lower-case names: Jackson would otherwise take an ordinal, or trim. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "3", "\"gold \"", "\"Gold\"", "\"new\\n\"", "\"GOLD\"", "\" premium\""})
    void aTierIsItsExactName(String tier) throws Exception {
        long before = orderCount();

        HttpResponse<String> response = post("""
                {"customer_id":"c-1","customer_tier":%s,"items":[{"product_id":"prod-1","quantity":1}]}""".formatted(tier), "application/json");

        assertThat(response.statusCode()).as(tier).isEqualTo(400);
        assertThat(response.body())
                .contains("\"field\":\"customer_tier\"")
                .contains("must be one of [new, standard, silver, gold, platinum, premium]");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void aReviewDecisionIsItsExactNameToo() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri("/api/orders/" + java.util.UUID.randomUUID() + "/review"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\" approved\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"decision\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "multipart/form-data; boundary=xyz",
                "text/plain",
                "application/x-www-form-urlencoded",
                "application/xml"
            })
    void anotherMediaTypeIsA415(String type) throws Exception {
        long before = orderCount();
        String body = type.startsWith("multipart")
                ? "--xyz\r\nContent-Disposition: form-data; name=\"customer_id\"\r\n\r\nc-1\r\n--xyz--\r\n"
                : "customer_id=c-1";

        HttpResponse<String> response = post(body, type);

        assertThat(response.statusCode()).as(type).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.body()).contains("\"type\":\"urn:order-fulfillment:problem:unsupported-media-type\"");
        assertThat(orderCount()).isEqualTo(before);
    }

    @Test
    void aBodyOverTheLimitIsA413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        // 2,000 ordinary items: no one string or number past Jackson's limits, just too much
        String big = "{\"customer_id\":\"c-1\",\"items\":["
                + "{\"product_id\":\"prod-1\",\"quantity\":1},".repeat(2_000) + "{}]}";

        HttpResponse<String> declared = post(big, "application/json");
        HttpResponse<String> chunked = client.send(
                HttpRequest.newBuilder(uri("/api/orders"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : java.util.List.of(declared, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
            assertThat(response.body()).contains("\"type\":\"urn:order-fulfillment:problem:body-too-large\"");
        }
    }

    @Test
    void deeplyNestedJsonIsA400() throws Exception {
        String deep = "{\"customer_id\":\"c-1\",\"x\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";

        HttpResponse<String> response = post(deep, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
    }

    /** Below Jackson's own defaults (1000 levels, 1000 digits): no valid request nests or counts this far. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"customer_id\":\"c-1\",\"items\":[{\"product_id\":\"prod-1\",\"quantity\":1000000000000000000000000000000000000000}]}",
                "{\"customer_id\":\"c-1\",\"x\":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]}"
            })
    void jsonPastTheStreamLimitsIsA400(String body) throws Exception {
        HttpResponse<String> response = post(body, "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.body()).contains("urn:order-fulfillment:problem:malformed-request");
    }

    /** Tomcat and Spring Security's firewall read the query string only when a parameter is asked for. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/orders?=x", "/api/orders?%11x=1"})
    void aMalformedQueryStringIsA400Problem(String path) throws Exception {
        HttpResponse<String> response =
                client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.body()).contains("urn:order-fulfillment:problem:malformed-request");
    }

    /** Tomcat itself refuses most of these before Spring sees them; its error page is problem+json too. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/orders/%00", "/api/orders/a%00b/review", "/api/%2e%2e/x", "/api/orders/%zz"})
    void aMalformedUrlIsAProblemNotAnHtmlPage(String path) throws Exception {
        String response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).as(path).startsWith("HTTP/1.1 4");
        assertThat(response.toLowerCase())
                .contains("content-type: application/problem+json")
                .doesNotContain("<html")
                .containsAnyOf(
                        "urn:order-fulfillment:problem:malformed-request", "urn:order-fulfillment:problem:not-found");
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri("/api/orders"))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
