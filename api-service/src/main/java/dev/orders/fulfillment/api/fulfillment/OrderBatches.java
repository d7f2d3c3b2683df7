package dev.orders.fulfillment.api.fulfillment;

import dev.orders.fulfillment.api.order.Order;
import dev.orders.fulfillment.contracts.OrderStatus;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through batches of order rows claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances share the
 * work, in the transaction that claimed them. A batch stops at the first call Temporal does not answer; the rest
 * waits for the next round (a request working on one of those orders meanwhile waits for its lock).
 */
@Component
class OrderBatches {

    private final TransactionTemplate transactions;
    private final OrderWorkflowClient workflows;

    OrderBatches(TransactionTemplate transactions, OrderWorkflowClient workflows) {
        this.transactions = transactions;
        this.workflows = workflows;
    }

    /** A scheduled round of batches; skipped while Temporal does not answer, so nothing is claimed meanwhile. */
    void round(Runnable batches) {
        if (workflows.temporalReachable()) {
            batches.run();
        }
    }

    void workThrough(Supplier<List<Order>> claim, Function<Order, OrderWorkflowClient.Outcome> work) {
        transactions.executeWithoutResult(tx -> {
            for (Order order : claim.get()) {
                if (work.apply(order).kind() == OrderWorkflowClient.Kind.FAILED) {
                    return;
                }
            }
        });
    }

    /** The statuses, as the orders table spells them, that {@code filter} takes. */
    static List<String> wireNames(Predicate<OrderStatus> filter) {
        return Arrays.stream(OrderStatus.values())
                .filter(filter)
                .map(OrderStatus::wireName)
                .toList();
    }
}
