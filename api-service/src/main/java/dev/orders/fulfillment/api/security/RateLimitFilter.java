package dev.orders.fulfillment.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * In the security chain after authentication: a request of a limited class past its client's limit is a 429
 * problem with {@code Retry-After}, before anything else runs. Not a bean, so the servlet container does not run it
 * a second time outside the chain.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final Callers callers;
    private final HandlerExceptionResolver errors;

    RateLimitFilter(RateLimits limits, Callers callers, HandlerExceptionResolver errors) {
        this.limits = limits;
        this.callers = callers;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<EndpointClass> endpoints = EndpointClass.of(request);
        Optional<Duration> wait = endpoints.flatMap(limited -> limits.take(callers.rateLimitKey(request), limited));
        if (wait.isPresent()) {
            errors.resolveException(
                    request, response, null, new RateLimitExceededException(endpoints.get(), wait.get()));
            return;
        }
        chain.doFilter(request, response);
    }
}
