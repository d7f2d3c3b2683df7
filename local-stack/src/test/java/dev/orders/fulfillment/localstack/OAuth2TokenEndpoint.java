package dev.orders.fulfillment.localstack;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scout's token endpoint, as the collector's oauth2client extension meets it: OAuth2 client credentials (RFC 6749
 * section 4.4), the client authenticated with HTTP Basic or in the form, answered with a bearer token. Only the
 * configured client gets one; every request's form is kept for the test to read.
 */
final class OAuth2TokenEndpoint {

    /** A token request as it arrived: the client it authenticated as and its form parameters. */
    record Request(String clientId, String clientSecret, Map<String, String> form) {}

    private final String clientId;
    private final String clientSecret;
    private final String token = "scout-" + UUID.randomUUID();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private OAuth2TokenEndpoint(String clientId, String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** Served at {@code path} on the receiver's port. */
    static OAuth2TokenEndpoint on(OtlpReceiver receiver, String path, String clientId, String clientSecret) {
        OAuth2TokenEndpoint endpoint = new OAuth2TokenEndpoint(clientId, clientSecret);
        receiver.addContext(path, endpoint::handle);
        return endpoint;
    }

    String token() {
        return token;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String id = form.get("client_id");
            String secret = form.get("client_secret");
            String basic = exchange.getRequestHeaders().getFirst("Authorization");
            if (basic != null && basic.startsWith("Basic ")) {
                String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
                        .split(":", 2);
                id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
                secret = URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
            }
            requests.add(new Request(id, secret, form));
            boolean granted = "POST".equals(exchange.getRequestMethod())
                    && "client_credentials".equals(form.get("grant_type"))
                    && clientId.equals(id)
                    && clientSecret.equals(secret);
            byte[] body = (granted
                            ? "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                            : "{\"error\":\"invalid_client\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(granted ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split("=", 2);
                form.put(
                        URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return form;
    }
}
