package dev.orders.fulfillment.api.fulfillment;

import dev.orders.fulfillment.api.order.Order;
import dev.orders.fulfillment.api.order.OrderItem;
import dev.orders.fulfillment.contracts.CustomerHistory;
import dev.orders.fulfillment.contracts.OrderFulfillmentInput;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Builds the workflow input of an order: the one builder for the request that places it and for the dispatcher. */
@Component
class FulfillmentInputs {

    private final JdbcClient jdbc;
    private final FulfillmentPolicyProperties policy;

    FulfillmentInputs(JdbcClient jdbc, FulfillmentPolicyProperties policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    OrderFulfillmentInput forOrder(Order order) {
        return new OrderFulfillmentInput(
                order.id(),
                order.customerId(),
                order.customerTier(),
                order.totalAmount(),
                order.currency(),
                order.paymentMethod(),
                order.items().stream().map(OrderItem::toLine).toList(),
                historyBefore(order),
                policy.toPolicy());
    }

    /**
     * The customer's other orders placed before this one, with "recent" measured back from when this one was
     * placed: an order whose workflow starts late, or again, is judged by the same history.
     */
    private CustomerHistory historyBefore(Order order) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE status = 'completed') AS completed_orders,
                               count(*) FILTER (WHERE status = 'payment_failed' AND recent) AS recent_payment_failures,
                               count(*) FILTER (WHERE status = 'rejected' AND recent) AS recent_rejections,
                               count(*) FILTER (WHERE created_at > :placed - interval '1 hour') AS orders_last_hour
                        FROM (SELECT status, created_at, created_at > :placed - interval '30 days' AS recent
                              FROM orders.orders
                              WHERE customer_id = :customer AND id <> :order AND created_at <= :placed) earlier""")
                .param("customer", order.customerId())
                .param("order", order.id())
                .param("placed", order.createdAt().atOffset(ZoneOffset.UTC))
                .query(CustomerHistory.class)
                .single();
    }
}
