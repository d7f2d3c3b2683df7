package dev.orders.fulfillment.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** Who is calling, as far as the API needs to know: for idempotency keys, prices and rate limits. */
@Component
public class Callers {

    /** Every caller in open mode: nobody is told apart there. */
    static final String ANONYMOUS = "anonymous";

    private final SecurityMode mode;

    Callers(ApiSecurityProperties properties) {
        this.mode = properties.mode();
    }

    /** The current request's caller. */
    public Caller current() {
        JwtAuthenticationToken token = token();
        if (token == null) {
            return new Caller(ANONYMOUS, mode == SecurityMode.OPEN);
        }
        boolean mayOverridePrices = token.getAuthorities().stream()
                .anyMatch(granted -> EndpointClass.authority(EndpointClass.PRICE_OVERRIDE_SCOPE)
                        .equals(granted.getAuthority()));
        return new Caller("sub:" + token.getName(), mayOverridePrices);
    }

    /** A token's subject, else the address the request came from (the proxy's, unless forward headers are on). */
    String rateLimitKey(HttpServletRequest request) {
        JwtAuthenticationToken token = token();
        return token != null ? "sub:" + token.getName() : "addr:" + request.getRemoteAddr();
    }

    private static JwtAuthenticationToken token() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken jwt ? jwt : null;
    }

    /**
     * @param id stable per client: a token's subject; one shared id in open mode
     * @param mayOverridePrices in open mode (the seed's manual-review curl sets a price), else with the
     *     {@code orders:price-override} scope
     */
    public record Caller(String id, boolean mayOverridePrices) {}
}
