package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class OrderListTest extends ApiServiceTestBase {

    @Test
    void listsACustomersOrdersNewestFirstInPages() {
        String customer = newCustomer();
        UUID first = place(order(customer, "prod-1", 1));
        UUID second = place(order(customer, "prod-2", 1));
        UUID third = place(order(customer, "prod-3", 1));

        http.get()
                .uri("/api/orders?customer_id={customer}&size=2", customer)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.orders[*].id")
                .isEqualTo(List.of(third.toString(), second.toString()))
                .jsonPath("$.orders[0].items[0].product_id")
                .isEqualTo("prod-3")
                .jsonPath("$.orders[0].history")
                .doesNotExist()
                .jsonPath("$.page")
                .isEqualTo(0)
                .jsonPath("$.size")
                .isEqualTo(2)
                .jsonPath("$.has_next")
                .isEqualTo(true)
                .jsonPath("$.total_elements")
                .doesNotExist();

        http.get()
                .uri("/api/orders?customer_id={customer}&size=2&page=1", customer)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.orders[*].id")
                .isEqualTo(List.of(first.toString()))
                .jsonPath("$.page")
                .isEqualTo(1)
                .jsonPath("$.has_next")
                .isEqualTo(false);
    }

    @Test
    void filtersByStatus() {
        String customer = newCustomer();
        UUID completed = place(order(customer, "prod-1", 1));
        place(order(customer, "prod-1", 1));
        report(completed, OrderStatus.COMPLETED, DecisionPath.AUTO_APPROVED);

        http.get()
                .uri("/api/orders?customer_id={customer}&status=completed", customer)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.orders[*].id")
                .isEqualTo(List.of(completed.toString()))
                .jsonPath("$.orders[0].status")
                .isEqualTo("completed")
                .jsonPath("$.has_next")
                .isEqualTo(false);

        http.get()
                .uri("/api/orders?status=completed&size=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.size")
                .isEqualTo(100)
                .jsonPath("$.orders[*].status")
                .value(STRINGS, statuses -> assertThat(statuses).isNotEmpty().containsOnly("completed"));
    }

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        http.get()
                .uri("/api/orders")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.page")
                .isEqualTo(0)
                .jsonPath("$.size")
                .isEqualTo(20);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertRejected("/api/orders?status=bogus", "status");
        assertRejected("/api/orders?status=MANUAL_REVIEW", "status");
        assertRejected("/api/orders?page=-1", "page");
        assertRejected("/api/orders?page=2147483647", "page");
        // the newest 100 pages, no deeper
        assertRejected("/api/orders?page=100", "page");
        assertRejected("/api/orders?size=0", "size");
        assertRejected("/api/orders?size=101", "size");
        assertRejected("/api/orders?size=ten", "size");
        assertRejected("/api/orders?page=-1&size=101", "page", "size");
        assertRejected("/api/orders?status=bogus&size=500", "status", "size");
        assertRejected("/api/orders?customer_id=no spaces allowed", "customer_id");
    }

    @Test
    void theLastPageAListReachesIs99() {
        http.get().uri("/api/orders?page=99&size=100").exchange().expectStatus().isOk();
    }

    private void assertRejected(String uri, String... fields) {
        http.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(STRINGS, reported -> assertThat(reported).containsExactlyInAnyOrder(fields));
    }
}
