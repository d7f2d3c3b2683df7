package dev.orders.fulfillment.api.product;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.orders.fulfillment.api.web.ServiceUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * inventory-worker's HTTP API; it owns the stock. Reading stock degrades (the catalog is still shown, without
 * stock, when inventory is away); restocking does not, because the caller must know whether it happened.
 */
@Component
class InventoryClient {

    private static final Logger log = LoggerFactory.getLogger(InventoryClient.class);

    private final RestClient http;

    InventoryClient(
            RestClient.Builder builder,
            @Value("${inventory.url}") String url,
            @Value("${inventory.username}") String username,
            @Value("${inventory.password}") String password) {
        this.http = builder.baseUrl(url)
                .defaultHeaders(headers -> headers.setBasicAuth(username, password))
                .build();
    }

    /** Available units per SKU; empty when inventory cannot answer. */
    Map<String, Integer> stock() {
        try {
            StockList list = http.get().uri("/stock").retrieve().body(StockList.class);
            return list == null
                    ? Map.of()
                    : list.stock().stream().collect(Collectors.toMap(Stock::sku, Stock::available));
        } catch (RestClientException e) {
            log.warn(
                    "inventory unavailable, showing the catalog without stock: {}",
                    e.getMostSpecificCause().toString());
            return Map.of();
        }
    }

    /** Available units of one SKU; empty when inventory does not know it or cannot answer. */
    Optional<Integer> stock(String sku) {
        try {
            return Optional.ofNullable(
                            http.get().uri("/stock/{sku}", sku).retrieve().body(Stock.class))
                    .map(Stock::available);
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        } catch (RestClientException e) {
            log.warn(
                    "inventory unavailable, showing {} without stock: {}",
                    sku,
                    e.getMostSpecificCause().toString());
            return Optional.empty();
        }
    }

    /** Adds stock, once per {@code restockId} when there is one; inventory signals the orders waiting for it. */
    Restocked restock(String sku, int quantity, String restockId) {
        Restocked restocked;
        try {
            restocked = http.post()
                    .uri("/stock/{sku}/restock", sku)
                    .body(new RestockCommand(quantity, restockId))
                    .retrieve()
                    .body(Restocked.class);
        } catch (HttpClientErrorException.UnprocessableContent e) {
            throw new RestockIdReusedException(
                    "Idempotency-Key " + restockId + " was already used for a different restock");
        } catch (RestClientException e) {
            log.warn(
                    "inventory could not restock {}: {}",
                    sku,
                    e.getMostSpecificCause().toString());
            throw new ServiceUnavailableException("inventory could not restock " + sku + "; try again shortly", e);
        }
        if (restocked == null) {
            throw new ServiceUnavailableException("inventory did not confirm the restock of " + sku);
        }
        return restocked;
    }

    @JsonIgnoreProperties(ignoreUnknown = true) // a newer inventory-worker may say more
    record Stock(String sku, int available) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StockList(List<Stock> stock) {}

    record RestockCommand(int quantity, String restockId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Restocked(String sku, int available, int signalledOrders, boolean replayed) {}
}
