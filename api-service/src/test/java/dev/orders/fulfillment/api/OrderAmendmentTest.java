package dev.orders.fulfillment.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderStatus;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/** {@code PUT /api/orders/{id}}: the workflow takes new items or refuses them; the row follows what it took. */
class OrderAmendmentTest extends ApiServiceTestBase {

    private static final String ONE_PROD_2 = "{\"items\": [{\"product_id\": \"prod-2\", \"quantity\": 1}]}";

    @Test
    void itemsTheWorkflowTakesReplaceTheOrdersAndAreNotedInItsHistory() {
        UUID id = place(order(newCustomer(), "prod-1", 2));
        report(id, OrderStatus.MANUAL_REVIEW, DecisionPath.MANUAL_REVIEW);

        amend(id, ONE_PROD_2)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.order.items.length()")
                .isEqualTo(1)
                .jsonPath("$.order.items[0].product_id")
                .isEqualTo("prod-2")
                .jsonPath("$.order.items[0].quantity")
                .isEqualTo(1)
                .jsonPath("$.order.items[0].price")
                .isEqualTo(49.99)
                .jsonPath("$.order.total_amount")
                .isEqualTo(49.99)
                .jsonPath("$.order.history[-1].note")
                .isEqualTo("items amended: 1 x prod-2, total 49.99 USD");

        assertThat(row(id)).containsEntry("revision", 1);
        assertThat((BigDecimal) row(id).get("total_amount")).isEqualByComparingTo("49.99");
    }

    @Test
    void itemsTheWorkflowRefusesAreA409WithItsReasonAndChangeNothing() {
        UUID id = place(order(newCustomer(), "prod-1", 2));
        workflowOf(id).refuseUpdates("payment has started");

        amend(id, ONE_PROD_2)
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("order " + id + ": payment has started");

        assertThat((BigDecimal) row(id).get("total_amount")).isEqualByComparingTo("59.98");
        assertThat(row(id)).containsEntry("revision", 0);
    }

    @Test
    void anOrderThatHasShippedOrEndedIsA409WithoutAskingTheWorkflow() {
        UUID id = place(order(newCustomer(), "prod-1", 2));
        report(id, OrderStatus.SHIPPED, DecisionPath.AUTO_APPROVED);

        amend(id, ONE_PROD_2)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("order " + id + " is shipped and its items can no longer change");
    }

    @Test
    void unknownProductsAreA422AndInvalidItemsA400() {
        UUID id = place(order(newCustomer(), "prod-1", 2));

        amend(id, "{\"items\": [{\"product_id\": \"no-such-thing\", \"quantity\": 1}]}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("items[0].product_id");
        amend(id, "{\"items\": []}")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        amend(id, "{\"items\": [{\"product_id\": \"prod-2\", \"quantity\": 0}]}")
                .expectStatus()
                .isBadRequest();

        assertThat(row(id)).containsEntry("revision", 0);
    }

    @Test
    void anUnknownOrderIsA404() {
        amend(UUID.randomUUID(), ONE_PROD_2)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private RestTestClient.ResponseSpec amend(UUID id, String json) {
        return http.put()
                .uri("/api/orders/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .exchange();
    }
}
