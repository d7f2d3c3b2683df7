package dev.orders.fulfillment.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * No request body beyond {@code orders.http.max-body-size}: a declared length over it is refused before anything
 * reads it, an undeclared one (chunked) as the reader passes the limit. Both are a 413 problem+json from
 * {@link ApiExceptionHandler}; the JSON parser so never sees more than the limit, which also bounds every string
 * and number in a body.
 */
@Component
class RequestBodyLimit extends OncePerRequestFilter {

    private final long limit;
    private final HandlerExceptionResolver errors;

    RequestBodyLimit(
            @Value("${orders.http.max-body-size}") DataSize limit,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors) {
        this.limit = limit.toBytes();
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            errors.resolveException(request, response, null, new BodyTooLargeException(limit));
            return;
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    private ServletInputStream bounded;

                    @Override
                    public ServletInputStream getInputStream() throws IOException {
                        if (bounded == null) {
                            bounded = new Bounded(super.getInputStream(), limit);
                        }
                        return bounded;
                    }
                },
                response);
    }

    /** Thrown as a body's reader passes the limit, or for a declared length over it. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    private static final class Bounded extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Bounded(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
