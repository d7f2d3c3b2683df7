package dev.orders.fulfillment.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The API's one security chain. In {@code jwt} mode (the default) each endpoint needs its class's scope
 * ({@link EndpointClass}); health and the error page stay open, the rest of actuator needs any valid token. In
 * {@code open} mode nobody is asked. Both modes send the same headers and apply the same rate limits.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfig.class);

    /** What load balancers, the launcher and the seed's health check call without a token. */
    private static final String[] OPEN = {"/api/health", "/actuator/health", "/actuator/health/**", "/error"};

    /** The OpenAPI document and Swagger UI, open in both modes: they say how to call the API, not what it holds. */
    private static final String[] DOCUMENTATION = {
        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
    };

    /** Before {@link #api}: its own content security policy, which lets Swagger UI load its scripts and styles. */
    @Bean
    @Order(1)
    SecurityFilterChain documentation(HttpSecurity http, ApiSecurityProperties security) throws Exception {
        return stateless(http.securityMatcher(DOCUMENTATION), security.documentationContentSecurityPolicy(), security)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            ApiSecurityProperties security,
            ObjectProvider<JwtDecoder> jwt,
            RateLimits limits,
            Callers callers,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors)
            throws Exception {
        SecurityProblems problems = new SecurityProblems(errors);
        stateless(http, security.contentSecurityPolicy(), security)
                .cors(cors -> cors.configurationSource(cors(security.cors())))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new RateLimitFilter(limits, callers, errors), AuthorizationFilter.class);
        if (security.mode() == SecurityMode.OPEN) {
            log.warn("orders.security.mode=open: the API asks nobody who they are; anyone who reaches it may place,"
                    + " review and cancel any order, set prices and restock (for a local demo only)");
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .build();
        }
        if (jwt.getIfAvailable() == null) {
            throw new JwtNotConfiguredException();
        }
        return http.authorizeHttpRequests(requests -> {
                    requests.requestMatchers(OPEN).permitAll();
                    for (EndpointClass endpoints : EndpointClass.values()) {
                        requests.requestMatchers(endpoints.matcher()).hasAuthority(endpoints.authority());
                    }
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    /**
     * Bearer tokens only, no cookies or sessions: nothing a forged cross-site request could ride on, so no CSRF tokens,
     * and nothing to log out of or redirect to.
     */
    private static HttpSecurity stateless(
            HttpSecurity http, String contentSecurityPolicy, ApiSecurityProperties security) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .referrerPolicy(referrer -> referrer.policy(security.referrerPolicy())));
    }

    /** No cross-origin access unless origins are configured; then only to the API. */
    private static UrlBasedCorsConfigurationSource cors(ApiSecurityProperties.Cors cors) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!cors.allowedOrigins().isEmpty()) {
            CorsConfiguration allowed = new CorsConfiguration();
            allowed.setAllowedOrigins(cors.allowedOrigins());
            allowed.setAllowedMethods(cors.allowedMethods());
            allowed.setAllowedHeaders(cors.allowedHeaders());
            allowed.setExposedHeaders(cors.exposedHeaders());
            allowed.setMaxAge(cors.maxAge());
            source.registerCorsConfiguration("/api/**", allowed);
        }
        return source;
    }
}
