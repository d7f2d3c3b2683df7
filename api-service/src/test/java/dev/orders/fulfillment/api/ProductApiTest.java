package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class ProductApiTest extends ApiServiceTestBase {

    @Test
    void listsTheCatalogBySkuWithInventoryStock() {
        http.get()
                .uri("/api/products")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.products.length()")
                .isEqualTo(16)
                .jsonPath("$.products[*].sku")
                .value(STRINGS, skus -> assertThat(skus).isSorted())
                .jsonPath("$.products[?(@.sku == 'prod-1')].price")
                .isEqualTo(List.of(29.99))
                .jsonPath("$.products[?(@.sku == 'prod-1')].weight_grams")
                .isEqualTo(List.of(250))
                .jsonPath("$.products[?(@.sku == 'prod-1')].name")
                .isEqualTo(List.of("Widget A"))
                .jsonPath("$.products[?(@.sku == 'out-of-stock-item')].stock")
                .isEqualTo(List.of(0))
                // inventory does not stock it: no number rather than a wrong one
                .jsonPath("$.products[?(@.sku == 'server-rack')].sku")
                .isEqualTo(List.of("server-rack"))
                .jsonPath("$.products[?(@.sku == 'server-rack')].stock")
                .isEqualTo(List.of());
    }

    @Test
    void findsAProductBySkuOrById() {
        http.get()
                .uri("/api/products/prod-2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.product.sku")
                .isEqualTo("prod-2")
                .jsonPath("$.product.price")
                .isEqualTo(49.99)
                .jsonPath("$.product.stock")
                .isEqualTo(inventory.available("prod-2"));

        String id = jdbc.sql("SELECT id::text FROM orders.products WHERE sku = 'prod-3'")
                .query(String.class)
                .single();
        http.get()
                .uri("/api/products/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.product.sku")
                .isEqualTo("prod-3");
    }

    @Test
    void anUnknownProductIsA404Problem() {
        http.get()
                .uri("/api/products/no-such-thing")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(404);
        http.get()
                .uri("/api/products/00000000-0000-0000-0000-000000000000")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void restockGoesToInventoryAndAnswersTheNewStock() {
        int before = inventory.available("prod-2");
        http.post()
                .uri("/api/products/prod-2/restock")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"quantity\": 5}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.product.sku")
                .isEqualTo("prod-2")
                .jsonPath("$.product.stock")
                .isEqualTo(before + 5)
                .jsonPath("$.signalled_orders")
                .isEqualTo(InventoryStub.SIGNALLED_ORDERS);
        assertThat(inventory.available("prod-2")).isEqualTo(before + 5);
    }

    /** A client retrying a restock whose answer it lost: the Idempotency-Key reaches inventory, which adds once. */
    @Test
    void aRestockRetriedWithItsIdempotencyKeyAddsOnce() {
        int before = inventory.available("prod-2");
        String key = "restock-" + java.util.UUID.randomUUID();
        for (boolean replayed : new boolean[] {false, true}) {
            http.post()
                    .uri("/api/products/prod-2/restock")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", key)
                    .body("{\"quantity\": 4}")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.product.stock")
                    .isEqualTo(before + 4)
                    .jsonPath("$.replayed")
                    .isEqualTo(replayed);
        }
        assertThat(inventory.available("prod-2")).isEqualTo(before + 4);
    }

    @Test
    void anIdempotencyKeyThatIsNotOneIsABadRequest() {
        for (String key : new String[] {"", "has space", "x".repeat(256)}) {
            http.post()
                    .uri("/api/products/prod-2/restock")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", key)
                    .body("{\"quantity\": 4}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void restockChecksTheCatalogAndTheQuantity() {
        http.post()
                .uri("/api/products/no-such-thing/restock")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"quantity\": 5}")
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(inventory.available("no-such-thing")).isZero();

        for (String body : List.of("{\"quantity\": 0}", "{\"quantity\": 1000001}", "{}", "{\"quantity\": 2.5}")) {
            http.post()
                    .uri("/api/products/prod-1/restock")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("quantity");
        }
    }

    @Test
    void withoutInventoryTheCatalogHasNoStockAndRestockIsUnavailable() {
        inventory.stop();
        try {
            byte[] list = http.get()
                    .uri("/api/products")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .returnResult()
                    .getResponseBody();
            assertThat(ApiServiceTestBase.<List<String>>read(list, "$.products[*].sku"))
                    .hasSize(16);
            assertThat(ApiServiceTestBase.<List<Object>>read(list, "$.products[*].stock"))
                    .isEmpty();

            http.get()
                    .uri("/api/products/prod-1")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.product.stock")
                    .doesNotExist();

            http.post()
                    .uri("/api/products/prod-1/restock")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body("{\"quantity\": 5}")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .exists(HttpHeaders.RETRY_AFTER)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        } finally {
            inventory.start();
        }
    }

    @Test
    void aHangingInventoryDoesNotHoldUpTheCatalog() {
        inventory.delayAnswers(Duration.ofSeconds(2));
        try {
            http.get()
                    .uri("/api/products/prod-1")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.product.stock")
                    .doesNotExist();
        } finally {
            inventory.delayAnswers(Duration.ZERO);
        }
    }
}
