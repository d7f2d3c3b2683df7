package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.testsupport.Prerequisites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * api-service as deployed: JWT mode, verifying real RS256 tokens against a public key file, over HTTP. Every class of
 * endpoint refuses a call without its scope and serves one with it; the catalog's prices hold unless the token may
 * set them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.temporal.test-server.enabled=true",
            "orders.security.mode=jwt",
            // a limit small enough to reach: three restocks at once, one more a second
            "orders.rate-limit.limits.restock.capacity=3",
            "orders.rate-limit.limits.restock.per-second=1"
        })
@AutoConfigureRestTestClient
class SecurityTest {

    private static final TestTokens tokens = new TestTokens();
    private static final InventoryStub inventory = new InventoryStub(Map.of("prod-1", 100, "prod-2", 50)).start();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("inventory.url", inventory::url);
        registry.add("inventory.password", () -> InventoryStub.PASSWORD);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", tokens::publicKeyLocation);
    }

    @Autowired
    RestTestClient http;

    /** The challenge points at the resource's RFC 9728 metadata, which says where tokens come from. */
    @Test
    void withoutATokenTheApiAnswers401WithABearerChallenge() {
        String challenge = http.get()
                .uri("/api/orders")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:order-fulfillment:problem:unauthenticated")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .isEqualTo("this endpoint needs a bearer token: Authorization: Bearer <JWT>")
                .returnResult()
                .getResponseHeaders()
                .getFirst(HttpHeaders.WWW_AUTHENTICATE);
        assertThat(challenge)
                .matches("Bearer resource_metadata=\"http://localhost:\\d+"
                        + "/\\.well-known/oauth-protected-resource\"");
        http.get()
                .uri(challenge.substring(challenge.indexOf('"') + 1, challenge.length() - 1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.resource")
                .value(String.class, resource -> assertThat(resource).startsWith("http://localhost:"));
        http.post()
                .uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(order(1, null))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aTokenThatDoesNotVerifyIs401() {
        String foreign = new TestTokens().token("mallory", "orders:read");
        String expired = tokens.token("alice", Instant.now().minus(Duration.ofMinutes(5)), "orders:read");
        for (String token : new String[] {foreign, expired, "not-a-jwt"}) {
            http.get()
                    .uri("/api/orders")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader()
                    .value(
                            HttpHeaders.WWW_AUTHENTICATE,
                            challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""))
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:order-fulfillment:problem:unauthenticated")
                    .jsonPath("$.detail")
                    .value(String.class, detail -> assertThat(detail).startsWith("the bearer token was refused: "));
        }
    }

    @Test
    void eachClassOfEndpointNeedsItsScope() {
        String reader = tokens.token("reader", "orders:read");
        String writer = tokens.token("writer", "orders:write");

        place(reader, order(1, null))
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.WWW_AUTHENTICATE,
                        challenge -> assertThat(challenge).contains("error=\"insufficient_scope\""))
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:order-fulfillment:problem:insufficient-scope")
                .jsonPath("$.detail")
                .isEqualTo("this endpoint needs a token with the scope orders:write");

        String location = place(writer, order(1, null))
                .expectStatus()
                .isCreated()
                .returnResult()
                .getResponseHeaders()
                .getLocation()
                .toString();
        http.get()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + writer)
                .exchange()
                .expectStatus()
                .isForbidden();
        http.get()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + reader)
                .exchange()
                .expectStatus()
                .isOk();
        http.get()
                .uri("/api/products")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + reader)
                .exchange()
                .expectStatus()
                .isOk();

        // a review is its own scope: the order is not held for one, so the workflow's 409 shows the call got through
        String review = "{\"decision\": \"approved\"}";
        http.post()
                .uri(location + "/review")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + writer)
                .contentType(MediaType.APPLICATION_JSON)
                .body(review)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("this endpoint needs a token with the scope orders:review");
        http.post()
                .uri(location + "/review")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token("reviewer", "orders:review"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(review)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:order-fulfillment:problem:order-state-conflict");

        String restock = "{\"quantity\": 5}";
        http.post()
                .uri("/api/products/prod-2/restock")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + writer)
                .contentType(MediaType.APPLICATION_JSON)
                .body(restock)
                .exchange()
                .expectStatus()
                .isForbidden();
        http.post()
                .uri("/api/products/prod-2/restock")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token("stockist", "inventory:restock"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(restock)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** README's worked example: a token minted with openssl alone, by scripts/mint-token.sh. */
    @Test
    void theReadmeScriptMintsATokenTheApiTakes(@TempDir Path dir) throws Exception {
        Path script = Path.of("..", "scripts", "mint-token.sh").toAbsolutePath().normalize();
        Prerequisites.require(
                Files.isExecutable(Path.of("/usr/bin/openssl")),
                "needs openssl (/usr/bin/openssl) for" + " scripts/mint-token.sh");
        Process mint = new ProcessBuilder(
                        "bash",
                        script.toString(),
                        tokens.writePrivateKey(dir.resolve("jwt-private.pem")).toString(),
                        "readme-user",
                        "orders:read orders:write")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(mint.waitFor()).isZero();

        http.get()
                .uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk();
        http.post()
                .uri("/api/products/prod-1/restock")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"quantity\": 1}")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void healthIsOpenAndTheRestOfActuatorNeedsAToken() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.get().uri("/api/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
        http.get()
                .uri("/actuator/metrics")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token("ops"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theCatalogPriceHoldsUnlessTheTokenMaySetPrices() {
        String writer = tokens.token("writer", "orders:write");
        place(writer, order(1, "1.00"))
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:order-fulfillment:problem:price-not-allowed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("items[0].price")
                .jsonPath("$.errors[0].message")
                .isEqualTo("is 1.00, the catalog's price of prod-1 is 29.99");
        // the catalog's own price is no override
        place(writer, order(1, "29.99"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.order.total_amount")
                .isEqualTo(29.99);
        place(tokens.token("merchant", "orders:write", "orders:price-override"), order(2, "1.00"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.order.items[0].price")
                .isEqualTo(1.0)
                .jsonPath("$.order.total_amount")
                .isEqualTo(2.0);
    }

    @Test
    void aClientPastItsLimitIs429WithRetryAfterAndOthersGoOn() {
        String flood = tokens.token("flood", "inventory:restock");
        for (int i = 0; i < 3; i++) {
            restock(flood).expectStatus().isOk();
        }
        restock(flood)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:order-fulfillment:problem:rate-limited")
                .jsonPath("$.detail")
                .isEqualTo("too many restock requests from this client; try again in 1 s");
        restock(tokens.token("calm", "inventory:restock")).expectStatus().isOk();
        // other classes of endpoint have limits of their own
        http.get()
                .uri("/api/products")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token("flood", "orders:read"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private RestTestClient.ResponseSpec restock(String token) {
        return http.post()
                .uri("/api/products/prod-1/restock")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"quantity\": 1}")
                .exchange();
    }

    @Test
    void idempotencyKeysAreEachClientsOwn() {
        String body = order(1, null);
        String key = "shared-" + UUID.randomUUID();
        String[] ids = new String[3];
        String[] subjects = {"shop-a", "shop-b", "shop-a"};
        for (int i = 0; i < subjects.length; i++) {
            byte[] answer = http.post()
                    .uri("/api/orders")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(subjects[i], "orders:write"))
                    .header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();
            ids[i] = ApiServiceTestBase.read(answer, "$.order.id");
        }
        assertThat(ids[1]).isNotEqualTo(ids[0]);
        assertThat(ids[2]).isEqualTo(ids[0]);
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoCrossOriginGrant() {
        http.get()
                .uri("/api/products")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token("r", "orders:read"))
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .exchange()
                .expectHeader()
                .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .expectHeader()
                .valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                // HSTS only over TLS, and this is plain HTTP
                .expectHeader()
                .doesNotExist("Strict-Transport-Security")
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http.get()
                .uri("/api/orders")
                .exchange()
                .expectHeader()
                .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    private RestTestClient.ResponseSpec place(String token, String json) {
        return http.post()
                .uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange();
    }

    private static String order(int quantity, String price) {
        return """
                {"customer_id": "%s", "items": [{"product_id": "prod-1", "quantity": %d%s}]}""".formatted("customer-" + UUID.randomUUID(), quantity, price == null ? "" : ", \"price\": " + price);
    }
}
