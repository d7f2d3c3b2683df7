package dev.orders.fulfillment.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * inventory-worker's HTTP API, served for real on a local port, to api-service's credential only: {@code GET /stock}, {@code GET /stock/{sku}} and
 * {@code POST /stock/{sku}/restock}. {@link #stop()} and {@link #start()} take it away and bring it back on the
 * same port, so a test sees what api-service does while inventory is unreachable; {@link #delayAnswers} makes it hang.
 */
final class InventoryStub {

    private static final Pattern ONE_SKU = Pattern.compile("/stock/([^/]+)");
    private static final Pattern RESTOCK = Pattern.compile("/stock/([^/]+)/restock");
    private static final JsonMapper JSON = JsonMapper.shared();

    /** api-service's password for the stock API ({@code inventory.password}); any other call is a 401, as there. */
    static final String PASSWORD = "test-inventory-password";

    private static final String CREDENTIAL =
            "Basic " + Base64.getEncoder().encodeToString(("api-service:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    /** What every restock reports as the number of backordered orders it woke up. */
    static final int SIGNALLED_ORDERS = 2;

    private final Map<String, Integer> stock = new ConcurrentHashMap<>();
    private final Map<String, Integer> restocks = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    private int port;
    private HttpServer server;

    InventoryStub(Map<String, Integer> initialStock) {
        stock.putAll(initialStock);
    }

    synchronized InventoryStub start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/stock", this::handle);
        server.start();
        port = server.getAddress().getPort();
        return this;
    }

    synchronized void stop() {
        server.stop(0);
    }

    /** Every answer comes only after {@code delay}: an inventory that hangs. */
    void delayAnswers(Duration delay) {
        this.delay = delay;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int available(String sku) {
        return stock.getOrDefault(sku, 0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!CREDENTIAL.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Matcher restock = RESTOCK.matcher(path);
        Matcher one = ONE_SKU.matcher(path);
        if ("POST".equals(exchange.getRequestMethod()) && restock.matches()) {
            var body = JSON.readTree(exchange.getRequestBody());
            int quantity = body.get("quantity").asInt();
            String restockId =
                    body.path("restock_id").isTextual() ? body.get("restock_id").asText() : null;
            // as inventory-worker does: a restock id seen before answers as the first time, adding nothing
            Integer earlier = restockId == null ? null : restocks.get(restockId);
            int available = earlier != null ? earlier : stock.merge(restock.group(1), quantity, Integer::sum);
            if (restockId != null) {
                restocks.putIfAbsent(restockId, available);
            }
            respond(
                    exchange,
                    200,
                    Map.of(
                            "sku",
                            restock.group(1),
                            "available",
                            available,
                            "signalled_orders",
                            SIGNALLED_ORDERS,
                            "replayed",
                            earlier != null));
        } else if (path.equals("/stock")) {
            respond(
                    exchange,
                    200,
                    Map.of(
                            "stock",
                            new TreeMap<>(stock)
                                    .entrySet().stream()
                                            .map(entry -> Map.of("sku", entry.getKey(), "available", entry.getValue()))
                                            .toList()));
        } else if (one.matches() && stock.containsKey(one.group(1))) {
            respond(exchange, 200, Map.of("sku", one.group(1), "available", stock.get(one.group(1))));
        } else {
            respond(exchange, 404, Map.of("errors", List.of("not found")));
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] json = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, json.length);
        try (var out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
