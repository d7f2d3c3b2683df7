package dev.orders.fulfillment.loadgen;

import java.net.URI;
import java.net.http.HttpRequest;

/** Requests to the API under test, each with the bearer token when there is one (an API in jwt mode). */
final class ApiRequests {

    private final URI baseUrl;
    private final String authorization;

    ApiRequests(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.authorization = token == null || token.isBlank() ? null : "Bearer " + token.strip();
    }

    HttpRequest.Builder to(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path));
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
