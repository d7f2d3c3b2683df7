package dev.orders.fulfillment.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The API's endpoints by what they let a client do: each class is one OAuth2 scope and one rate limit
 * ({@code orders.rate-limit.limits}). README's API table says which endpoint is in which.
 */
public enum EndpointClass {
    READ("orders:read",
            matcher(HttpMethod.GET, "/api/orders", "/api/orders/*", "/api/products", "/api/products/*"),
            matcher(HttpMethod.HEAD, "/api/orders", "/api/orders/*", "/api/products", "/api/products/*")),
    WRITE("orders:write",
            matcher(HttpMethod.POST, "/api/orders"),
            matcher(HttpMethod.PUT, "/api/orders/*"),
            matcher(HttpMethod.DELETE, "/api/orders/*")),
    REVIEW("orders:review", matcher(HttpMethod.POST, "/api/orders/*/review")),
    RESTOCK("inventory:restock", matcher(HttpMethod.POST, "/api/products/*/restock"));

    /** With the scope, a token may set an item's price other than the catalog's (the seed's {@code price}). */
    public static final String PRICE_OVERRIDE_SCOPE = "orders:price-override";

    private final String scope;
    private final RequestMatcher matcher;

    EndpointClass(String scope, RequestMatcher... matchers) {
        this.scope = scope;
        this.matcher = new OrRequestMatcher(List.of(matchers));
    }

    public String scope() {
        return scope;
    }

    /** The authority Spring Security grants for the scope in a token's {@code scope} or {@code scp} claim. */
    String authority() {
        return authority(scope);
    }

    static String authority(String scope) {
        return "SCOPE_" + scope;
    }

    RequestMatcher matcher() {
        return matcher;
    }

    /** The class of an API endpoint; empty for anything else (health, actuator, an unknown path). */
    public static Optional<EndpointClass> of(HttpServletRequest request) {
        for (EndpointClass endpoints : values()) {
            if (endpoints.matcher.matches(request)) {
                return Optional.of(endpoints);
            }
        }
        return Optional.empty();
    }

    private static RequestMatcher matcher(HttpMethod method, String... patterns) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return new OrRequestMatcher(List.of(patterns).stream()
                .<RequestMatcher>map(pattern -> paths.matcher(method, pattern)).toList());
    }
}
