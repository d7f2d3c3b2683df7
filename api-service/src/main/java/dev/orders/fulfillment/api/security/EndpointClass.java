package dev.orders.fulfillment.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The API's endpoints by what they let a client do: each class is one OAuth2 scope and one rate limit
 * ({@code orders.rate-limit.limits}); the OpenAPI document names the scope of every operation from here.
 */
public enum EndpointClass {
    READ(
            "orders:read",
            routes(HttpMethod.GET, "/api/orders", "/api/orders/*", "/api/products", "/api/products/*"),
            routes(HttpMethod.HEAD, "/api/orders", "/api/orders/*", "/api/products", "/api/products/*")),
    WRITE(
            "orders:write",
            routes(HttpMethod.POST, "/api/orders"),
            routes(HttpMethod.PUT, "/api/orders/*"),
            routes(HttpMethod.DELETE, "/api/orders/*")),
    REVIEW("orders:review", routes(HttpMethod.POST, "/api/orders/*/review")),
    RESTOCK("inventory:restock", routes(HttpMethod.POST, "/api/products/*/restock"));

    /** With the scope, a token may set an item's price other than the catalog's (the seed's {@code price}). */
    public static final String PRICE_OVERRIDE_SCOPE = "orders:price-override";

    /** A method and a path pattern, {@code *} for one path segment. */
    public record Route(HttpMethod method, String pattern) {}

    private final String scope;
    private final List<Route> routes;
    private final RequestMatcher matcher;

    @SafeVarargs
    EndpointClass(String scope, List<Route>... routes) {
        this.scope = scope;
        this.routes = Arrays.stream(routes).flatMap(List::stream).toList();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        this.matcher = new OrRequestMatcher(this.routes.stream()
                .<RequestMatcher>map(route -> paths.matcher(route.method(), route.pattern()))
                .toList());
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

    /** The class of an operation as OpenAPI writes it, e.g. {@code POST /api/orders/{id}/review}. */
    public static Optional<EndpointClass> of(HttpMethod method, String template) {
        Route route = new Route(method, template.replaceAll("\\{[^/}]+}", "*"));
        for (EndpointClass endpoints : values()) {
            if (endpoints.routes.contains(route)) {
                return Optional.of(endpoints);
            }
        }
        return Optional.empty();
    }

    private static List<Route> routes(HttpMethod method, String... patterns) {
        return Arrays.stream(patterns)
                .map(pattern -> new Route(method, pattern))
                .toList();
    }
}
