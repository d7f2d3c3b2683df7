package dev.orders.fulfillment.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j token bucket per client and class of endpoint, kept in memory (one api-service instance; behind
 * several, each limits on its own). A client's bucket is forgotten once it would have refilled completely, which
 * changes nothing for that client, so the memory held is bounded by the clients active in that time.
 */
@Component
class RateLimits {

    private final boolean enabled;
    private final Map<EndpointClass, Limited> limited = new EnumMap<>(EndpointClass.class);

    RateLimits(RateLimitProperties properties) {
        this.enabled = properties.enabled();
        properties
                .limits()
                .forEach((endpoints, limit) -> limited.put(
                        endpoints,
                        new Limited(
                                limit,
                                Caffeine.newBuilder()
                                        .maximumSize(properties.clients())
                                        .expireAfterAccess(timeToRefill(limit))
                                        .build())));
    }

    /** Empty when the request may go on, else how long the client should wait. */
    Optional<Duration> take(String client, EndpointClass endpoints) {
        Limited limit = enabled ? limited.get(endpoints) : null;
        if (limit == null) {
            return Optional.empty();
        }
        ConsumptionProbe probe =
                limit.buckets().get(client, key -> limit.newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static Duration timeToRefill(RateLimitProperties.Limit limit) {
        return Duration.ofMillis(Math.max(1000, limit.capacity() * 1000 / limit.perSecond()));
    }

    private record Limited(RateLimitProperties.Limit limit, Cache<String, Bucket> buckets) {
        Bucket newBucket() {
            return Bucket.builder()
                    .addLimit(bandwidth ->
                            bandwidth.capacity(limit.capacity()).refillGreedy(limit.perSecond(), Duration.ofSeconds(1)))
                    .build();
        }
    }
}
