package dev.orders.fulfillment.support;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers each request with the W3C {@code traceparent} of its server span, so whoever sent it (curl, loadgen) can
 * find the order's trace. Without the agent there is no span and no header.
 */
class TraceparentResponseFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        W3CTraceContextPropagator.getInstance().inject(Context.current(), response, (carrier, name, value) -> {
            if (carrier != null) {
                carrier.setHeader(name, value);
            }
        });
        chain.doFilter(request, response);
    }
}
