package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orders.fulfillment.api.web.IdempotencyKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

/** POST /api/orders with an Idempotency-Key, over HTTP against PostgreSQL: Stripe's semantics. */
class IdempotencyKeyTest extends ApiServiceTestBase {

    @Autowired
    DataSource dataSource;

    @Autowired
    IdempotencyKeys keys;

    @Test
    void aRetryGetsTheFirstAnswerAndPlacesNothing() {
        String customer = newCustomer();
        String key = newKey();
        EntityExchangeResult<byte[]> first = post(key, order(customer, "prod-1", 2));
        // the same order, written differently: spacing and field order are not the request
        EntityExchangeResult<byte[]> retry = post(key, """
                { "items": [ {"quantity": 2, "product_id": "prod-1"} ],   "customer_id": "%s" }""".formatted(customer));

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getResponseHeaders().getLocation())
                .isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(retry.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(new String(retry.getResponseBody())).isEqualTo(new String(first.getResponseBody()));
        assertThat(ordersOf(customer)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT order_id FROM orders.idempotency_keys WHERE key = :key")
                        .param("key", key)
                        .query(UUID.class)
                        .single())
                .isEqualTo(UUID.fromString(read(first.getResponseBody(), "$.order.id")));
    }

    @Test
    void theSameKeyForAnotherOrderIs422() {
        String customer = newCustomer();
        String key = newKey();
        post(key, order(customer, "prod-1", 1));

        http.post()
                .uri("/api/orders")
                .header(IdempotencyKeys.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(order(customer, "prod-1", 3))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:order-fulfillment:problem:idempotency-key-reused")
                .jsonPath("$.detail")
                .isEqualTo("Idempotency-Key " + key + " was already used for a different order");
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    /**
     * The first request is held inside its transaction (the orders table locked against inserts): a retry meanwhile
     * is a 409, and once the first is done, the retry gets its answer.
     */
    @Test
    void aRetryWhileTheFirstIsStillBeingPlacedIs409() throws Exception {
        String customer = newCustomer();
        String key = newKey();
        String body = order(customer, "prod-1", 1);
        CompletableFuture<EntityExchangeResult<byte[]>> first;
        try (Connection lock = lockOrdersAgainstInserts()) {
            first = postHeld(key, body);

            http.post()
                    .uri("/api/orders")
                    .header(IdempotencyKeys.HEADER, key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("urn:order-fulfillment:problem:idempotency-key-in-flight");
            lock.rollback();
        }
        assertThat(first.get().getStatus().value()).isEqualTo(201);
        EntityExchangeResult<byte[]> retry = post(key, body);
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    /**
     * A first request that never finished (its key older than abandon-after, no answer) is taken over by the retry;
     * should the first still commit after that, its order is rolled back, so there is one order either way.
     */
    @Test
    void anAbandonedKeyIsTakenOverAndStillOneOrderIsPlaced() throws Exception {
        String customer = newCustomer();
        String key = newKey();
        String body = order(customer, "prod-1", 1);
        CompletableFuture<EntityExchangeResult<byte[]>> first;
        CompletableFuture<EntityExchangeResult<byte[]>> retry;
        try (Connection lock = lockOrdersAgainstInserts()) {
            first = postHeld(key, body);
            jdbc.sql("UPDATE orders.idempotency_keys SET locked_at = now() - interval '1 hour' WHERE key = :key")
                    .param("key", key)
                    .update();
            UUID abandoned = lease(key);
            retry = CompletableFuture.supplyAsync(() -> post(key, body));
            await().until(() -> !lease(key).equals(abandoned));
            lock.rollback();
        }
        assertThat(first.get().getStatus().value()).isEqualTo(409);
        assertThat(retry.get().getStatus().value()).isEqualTo(201);
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    @Test
    void aRequestRefusedBeforePlacingLeavesTheKeyFree() {
        String customer = newCustomer();
        String key = newKey();
        http.post()
                .uri("/api/orders")
                .header(IdempotencyKeys.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(order(customer, "no-such-product", 1))
                .exchange()
                .expectStatus()
                .isEqualTo(422);

        assertThat(post(key, order(customer, "prod-1", 1)).getStatus().value()).isEqualTo(201);
    }

    @Test
    void aKeyMustBeVisibleAsciiOfAtMost255() {
        for (String bad : new String[] {"x".repeat(256), "two words"}) {
            http.post()
                    .uri("/api/orders")
                    .header(IdempotencyKeys.HEADER, bad)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(order(newCustomer(), "prod-1", 1))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("Idempotency-Key");
        }
    }

    @Test
    void keysAreKeptForTheRetentionThenForgotten() {
        String kept = newKey();
        String expired = newKey();
        post(kept, order(newCustomer(), "prod-1", 1));
        post(expired, order(newCustomer(), "prod-1", 1));
        jdbc.sql("UPDATE orders.idempotency_keys SET created_at = now() - interval '23 hours' WHERE key = :key")
                .param("key", kept)
                .update();
        jdbc.sql("UPDATE orders.idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = :key")
                .param("key", expired)
                .update();

        keys.forgetExpired();

        assertThat(claimed(kept)).isTrue();
        assertThat(claimed(expired)).isFalse();
    }

    private EntityExchangeResult<byte[]> post(String key, String json) {
        return http.post()
                .uri("/api/orders")
                .header(IdempotencyKeys.HEADER, key)
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange()
                .expectBody()
                .returnResult();
    }

    /** Holds every placement inside its transaction until the connection rolls back. */
    private Connection lockOrdersAgainstInserts() throws SQLException {
        Connection lock = dataSource.getConnection();
        lock.setAutoCommit(false);
        try (Statement statement = lock.createStatement()) {
            statement.execute("LOCK TABLE orders.orders IN SHARE MODE");
        }
        return lock;
    }

    /** Sends the order, returning once its key is claimed (the placement itself then waits for the lock). */
    private CompletableFuture<EntityExchangeResult<byte[]>> postHeld(String key, String body) {
        CompletableFuture<EntityExchangeResult<byte[]>> answer = CompletableFuture.supplyAsync(() -> post(key, body));
        await().until(() -> claimed(key));
        return answer;
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private boolean claimed(String key) {
        return jdbc.sql("SELECT count(*) FROM orders.idempotency_keys WHERE key = :key")
                        .param("key", key)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private UUID lease(String key) {
        return jdbc.sql("SELECT lease FROM orders.idempotency_keys WHERE key = :key")
                .param("key", key)
                .query(UUID.class)
                .single();
    }

    private long ordersOf(String customer) {
        return jdbc.sql("SELECT count(*) FROM orders.orders WHERE customer_id = :customer")
                .param("customer", customer)
                .query(Long.class)
                .single();
    }
}
