package dev.orders.fulfillment.api.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orders.rate-limit}: per client (a token's subject, else the caller's address) and class of endpoint, a
 * bucket of {@code capacity} requests refilled at {@code per-second}.
 *
 * @param clients the most clients remembered at once (the least recently seen are forgotten first)
 */
@ConfigurationProperties("orders.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100000") long clients,
        Map<EndpointClass, Limit> limits) {

    public RateLimitProperties {
        limits = limits == null ? Map.of() : Map.copyOf(limits);
        limits.forEach((endpoints, limit) -> {
            if (limit.capacity() < 1 || limit.perSecond() < 1) {
                throw new IllegalArgumentException("orders.rate-limit.limits."
                        + endpoints.name().toLowerCase() + ": capacity and per-second must be at least 1");
            }
        });
    }

    public record Limit(long capacity, long perSecond) {}
}
