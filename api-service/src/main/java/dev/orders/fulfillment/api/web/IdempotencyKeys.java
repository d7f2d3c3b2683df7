package dev.orders.fulfillment.api.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Idempotency-Key on {@code POST /api/orders}, as Stripe has it, kept in PostgreSQL. A key is claimed before the
 * order is placed and completed with the answer in the order's own transaction: a completed key has exactly one
 * order, a key without an answer has none. The same key with the same request gets the first answer again; with
 * another request, a 422; while its first request is still being placed, a 409. Keys are per client and kept for
 * {@code orders.idempotency.retention}.
 */
@Component
public class IdempotencyKeys {

    /** The request header, on POST /api/orders and on restocks. */
    public static final String HEADER = "Idempotency-Key";
    /** What a key may be: 1 to 255 visible ASCII characters, as Stripe's. */
    public static final String PATTERN = "^[\\x21-\\x7E]{1,255}$";

    public static final String RULE = "must be 1 to 255 visible ASCII characters";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Duration abandonAfter;
    private final Duration retention;

    IdempotencyKeys(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JsonMapper json,
            @Value("${orders.idempotency.abandon-after}") Duration abandonAfter,
            @Value("${orders.idempotency.retention}") Duration retention) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("orders.idempotency.retention must be at least 24h (clients retry for"
                    + " a day), not " + retention);
        }
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.abandonAfter = abandonAfter;
        this.retention = retention;
    }

    /** What {@link #claim} found: the key for this request to place its order with, or the first answer. */
    public sealed interface Held permits Claim, Answer {}

    /** A key this request now holds: the order it places {@link #complete}s it. */
    public record Claim(String client, String key, UUID lease) implements Held {}

    /** The answer the key's first request got. */
    public record Answer(int status, String location, String body) implements Held {}

    /**
     * Claims the key for this request, or answers as the key's first request was answered.
     *
     * @throws IdempotencyKeyException reused for another request, or still being placed
     */
    public Held claim(String client, String key, Object request) {
        byte[] fingerprint = fingerprint(request);
        for (int attempt = 0; ; attempt++) {
            UUID lease = UUID.randomUUID();
            boolean inserted = jdbc.sql("""
                    INSERT INTO orders.idempotency_keys (client, key, fingerprint, lease)
                    VALUES (:client, :key, :fingerprint, :lease) ON CONFLICT DO NOTHING""")
                            .param("client", client)
                            .param("key", key)
                            .param("fingerprint", fingerprint)
                            .param("lease", lease)
                            .update()
                    == 1;
            if (inserted) {
                return new Claim(client, key, lease);
            }
            Optional<Existing> existing = jdbc.sql("""
                    SELECT fingerprint, lease, status, location, response,
                           locked_at < now() - make_interval(secs => :abandon) AS abandoned
                    FROM orders.idempotency_keys WHERE client = :client AND key = :key""")
                    .param("client", client)
                    .param("key", key)
                    .param("abandon", abandonAfter.toMillis() / 1000.0)
                    .query((row, n) -> new Existing(
                            row.getBytes("fingerprint"),
                            row.getObject("lease", UUID.class),
                            row.getObject("status", Integer.class),
                            row.getString("location"),
                            row.getString("response"),
                            row.getBoolean("abandoned")))
                    .optional();
            if (existing.isEmpty()) {
                if (attempt < 2) {
                    continue; // expired and cleaned up between the two statements: claim it afresh
                }
                throw IdempotencyKeyException.inFlight(key);
            }
            Existing found = existing.get();
            if (!Arrays.equals(found.fingerprint(), fingerprint)) {
                throw IdempotencyKeyException.reused(key);
            }
            if (found.status() != null) {
                return new Answer(found.status(), found.location(), found.response());
            }
            if (found.abandoned() && takeOver(client, key, found.lease(), lease)) {
                log.warn(
                        "Idempotency-Key {} of {}: its first request never finished; this one places the order",
                        key,
                        client);
                return new Claim(client, key, lease);
            }
            throw IdempotencyKeyException.inFlight(key);
        }
    }

    /**
     * Records the answer, in the transaction that placed the order.
     *
     * @throws IdempotencyKeyException when another request took the key over meanwhile: the order must not stay
     */
    public void complete(Claim claim, UUID orderId, Answer answer) {
        int completed = jdbc.sql("""
                UPDATE orders.idempotency_keys
                SET order_id = :order, status = :status, location = :location, response = :response,
                    completed_at = now()
                WHERE client = :client AND key = :key AND lease = :lease AND status IS NULL""")
                .param("order", orderId)
                .param("status", answer.status())
                .param("location", answer.location())
                .param("response", answer.body())
                .param("client", claim.client())
                .param("key", claim.key())
                .param("lease", claim.lease())
                .update();
        if (completed != 1) {
            throw IdempotencyKeyException.inFlight(claim.key());
        }
    }

    /**
     * Gives the key back after a request that was refused before it wrote anything (an unknown product, say), so
     * the same key may be used again at once. A request that failed otherwise keeps its claim until it is
     * abandoned: whether its transaction committed may be unknown, and a completed key already says so.
     */
    public void release(Claim claim) {
        transactions.executeWithoutResult(tx -> jdbc.sql("""
                DELETE FROM orders.idempotency_keys
                WHERE client = :client AND key = :key AND lease = :lease AND status IS NULL""")
                .param("client", claim.client())
                .param("key", claim.key())
                .param("lease", claim.lease())
                .update());
    }

    public String serialize(Object body) {
        return json.writeValueAsString(body);
    }

    /** Forgets keys past their retention, a batch at a time so no one statement holds many rows. */
    @Scheduled(
            fixedDelayString = "${orders.idempotency.cleanup-interval}",
            initialDelayString = "${orders.idempotency.cleanup-interval}")
    public void forgetExpired() {
        int forgotten = 0;
        int batch;
        do {
            batch = jdbc.sql("""
                    DELETE FROM orders.idempotency_keys WHERE ctid IN (
                        SELECT ctid FROM orders.idempotency_keys
                        WHERE created_at < now() - make_interval(secs => :retention) LIMIT 5000)""").param("retention", retention.toSeconds()).update();
            forgotten += batch;
        } while (batch > 0);
        if (forgotten > 0) {
            log.info("forgot {} idempotency keys older than {}", forgotten, retention);
        }
    }

    private boolean takeOver(String client, String key, UUID abandoned, UUID lease) {
        return jdbc.sql("""
                UPDATE orders.idempotency_keys SET lease = :lease, locked_at = now()
                WHERE client = :client AND key = :key AND lease = :abandoned AND status IS NULL""")
                        .param("lease", lease)
                        .param("client", client)
                        .param("key", key)
                        .param("abandoned", abandoned)
                        .update()
                == 1;
    }

    /** SHA-256 of the request as parsed, so spacing and field order do not make a retry another request. */
    private byte[] fingerprint(Object request) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private record Existing(
            byte[] fingerprint, UUID lease, Integer status, String location, String response, boolean abandoned) {}
}
