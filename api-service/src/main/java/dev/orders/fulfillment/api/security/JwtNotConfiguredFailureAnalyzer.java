package dev.orders.fulfillment.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says at start-up what to set when the API would otherwise run with nobody able to call it. */
class JwtNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<JwtNotConfiguredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JwtNotConfiguredException cause) {
        return new FailureAnalysis(
                "api-service is secure by default: orders.security.mode is jwt unless set, and no way to verify a"
                        + " token is configured.",
                """
                Configure one of Spring Security's resource-server properties, e.g.
                    SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI=https://idp.example/realms/orders
                    SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI=https://idp.example/jwks
                    SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION=file:/path/jwt-public.pem
                (README, "Authentication"), or run without authentication for a local demo:
                    ORDERS_SECURITY_MODE=open""",
                cause);
    }
}
