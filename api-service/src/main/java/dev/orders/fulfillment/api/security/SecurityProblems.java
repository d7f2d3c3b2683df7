package dev.orders.fulfillment.api.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * 401 and 403 as the API's other errors: Spring's bearer-token handlers set the status and RFC 6750's
 * {@code WWW-Authenticate} challenge, then the application's exception handler writes the problem+json body.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final AuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final AccessDeniedHandler insufficientScope = new BearerTokenAccessDeniedHandler();
    private final HandlerExceptionResolver errors;

    SecurityProblems(HandlerExceptionResolver errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        challenge.commence(request, response, failure);
        errors.resolveException(request, response, null, failure);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        insufficientScope.handle(request, response, denied);
        errors.resolveException(request, response, null, denied);
    }
}
