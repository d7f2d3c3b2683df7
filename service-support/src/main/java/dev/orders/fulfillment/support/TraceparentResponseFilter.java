package dev.orders.fulfillment.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers each request with the W3C {@code traceparent} of its server span, so whoever sent it (curl, loadgen) can
 * find the order's trace. Without a tracer (a test without the SDK) there is no span and no header.
 */
class TraceparentResponseFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceParent = OrderTraces.current();
        if (traceParent != null) {
            response.setHeader("traceparent", traceParent);
        }
        chain.doFilter(request, response);
    }
}
