package dev.orders.fulfillment.api.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * {@code orders.security}: who may call the API and what every response says about itself. JWT verification itself
 * is Spring's own {@code spring.security.oauth2.resourceserver.jwt.*} (issuer URI, JWK set URI or public key).
 *
 * @param mode {@code jwt} (application.yaml) unless set otherwise, and no value at all counts as {@code jwt}: then
 *     the service does not start without JWT verification configured
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of every API response
 * @param documentationContentSecurityPolicy the one of the OpenAPI document and Swagger UI
 * @param referrerPolicy the {@code Referrer-Policy} of every response
 * @param cors cross-origin calls from browsers: none unless origins are listed
 */
@ConfigurationProperties("orders.security")
public record ApiSecurityProperties(
        SecurityMode mode,
        String contentSecurityPolicy,
        String documentationContentSecurityPolicy,
        ReferrerPolicy referrerPolicy,
        @DefaultValue Cors cors) {

    public record Cors(
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue List<String> allowedMethods,
            @DefaultValue List<String> allowedHeaders,
            @DefaultValue List<String> exposedHeaders,
            @DefaultValue("30m") Duration maxAge) {}
}
