package dev.orders.fulfillment.api;

import dev.orders.fulfillment.support.OrderTraces;
import jakarta.persistence.EntityManager;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Placing, reviewing and cancelling orders. Each first commits what was asked to the order row and only then
 * tells Temporal, so the workflow never hears of anything the database does not have. When Temporal cannot be
 * told, the request still succeeds: the row holds the intent and {@link OrderDispatcher} delivers it. A placed
 * order's workflow is started just after the answer ({@link OrderStarter}), so it is answered {@code pending}.
 */
@Service
class OrderCommands {

    private static final Logger log = LoggerFactory.getLogger(OrderCommands.class);

    private final ProductRepository products;
    private final OrderRepository orders;
    private final OrderWorkflows workflows;
    private final OrderStarter starter;
    private final EntityManager entityManager;
    private final TransactionTemplate transactions;

    OrderCommands(ProductRepository products, OrderRepository orders, OrderWorkflows workflows,
            OrderStarter starter, EntityManager entityManager, TransactionTemplate transactions) {
        this.products = products;
        this.orders = orders;
        this.workflows = workflows;
        this.starter = starter;
        this.entityManager = entityManager;
        this.transactions = transactions;
    }

    OrderView place(PlaceOrderRequest request) {
        Order order = newOrder(request);
        transactions.executeWithoutResult(tx -> entityManager.persist(order));
        log.info("order {} accepted for customer {}: {} {}", order.id(), order.customerId(), order.totalAmount(),
                order.currency());
        starter.startSoon(order.id());
        return OrderView.of(order);
    }

    OrderView review(UUID id, ReviewDecision decision, String reviewer, String note) {
        update(id, order -> order.recordReview(decision, reviewer, note, Instant.now()));
        log.info("order {}: review decision {} recorded", id, decision.wireName());
        return deliver(id, workflows::deliverReview);
    }

    OrderView cancel(UUID id, String reason) {
        update(id, order -> order.requestCancellation(reason, Instant.now()));
        log.info("order {}: cancellation recorded", id);
        return deliver(id, workflows::deliverCancellation);
    }

    /**
     * Tells the workflow what the row now holds. A refusal is committed on the row (the intent taken back, the
     * reason in the trail) and then answered as a 409 with the workflow's reason; anything else is accepted, the
     * dispatcher delivering what could not be delivered now.
     */
    private OrderView deliver(UUID id, Function<Order, OrderWorkflows.Outcome> delivery) {
        Delivered delivered = withLockedOrder(id, order -> new Delivered(delivery.apply(order), OrderView.of(order)));
        if (delivered.outcome().kind() == OrderWorkflows.Kind.REFUSED) {
            throw new OrderConflictException("order " + id + ": " + delivered.outcome().refusal());
        }
        return delivered.view();
    }

    private record Delivered(OrderWorkflows.Outcome outcome, OrderView view) {
    }

    /**
     * Asks the workflow to take new items; it alone knows whether the order is still before payment. Nothing is
     * written here: the workflow reports the amendment it took (the row's new items, a note in its history).
     */
    Amended amend(UUID id, List<PlaceOrderRequest.Item> requested) {
        List<OrderItem> items = priced(requested);
        Order order = transactions.execute(tx -> orders.findById(id))
                .orElseThrow(() -> new NotFoundException("no order " + id));
        if (!order.status().isCancellable()) {
            throw new OrderConflictException(
                    "order " + id + " is " + order.status().wireName() + " and its items can no longer change");
        }
        OrderWorkflows.Outcome outcome = workflows.amend(order, items.stream().map(OrderItem::toLine).toList());
        switch (outcome.kind()) {
            case REFUSED -> throw new OrderConflictException("order " + id + ": " + outcome.refusal());
            case FAILED, NOT_FOUND -> throw new WorkflowUnavailableException(
                    "order " + id + ": its workflow did not answer; the items are unchanged, try again");
            default -> { }
        }
        log.info("order {}: amendment {}", id, outcome.kind() == OrderWorkflows.Kind.DONE ? "applied" : "accepted");
        OrderView now = transactions.execute(tx -> orders.findById(id).map(OrderView::of).orElseThrow());
        return new Amended(outcome.kind() == OrderWorkflows.Kind.DONE, now);
    }

    /** {@code settled}: the workflow has assessed the amended order (else it is still at it). */
    record Amended(boolean settled, OrderView order) {
    }

    private Order newOrder(PlaceOrderRequest request) {
        return Order.place(request.customerId(), request.tier(), request.paymentMethod(), priced(request.items()),
                OrderTraces.current(), Instant.now());
    }

    /** Prices each item (the request's price, else the catalog's); unknown SKUs reject the whole request. */
    private List<OrderItem> priced(List<PlaceOrderRequest.Item> requested) {
        Map<String, Product> catalog = products
                .findBySkuIn(requested.stream().map(PlaceOrderRequest.Item::productId).toList()).stream()
                .collect(Collectors.toMap(Product::sku, Function.identity()));
        List<InvalidField> unknown = new ArrayList<>();
        List<OrderItem> items = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            PlaceOrderRequest.Item item = requested.get(i);
            Product product = catalog.get(item.productId());
            if (product == null) {
                unknown.add(new InvalidField("items[" + i + "].product_id", "unknown product " + item.productId()));
            } else {
                items.add(new OrderItem(product.sku(), item.quantity(),
                        item.price() == null ? product.price() : item.price().setScale(2, RoundingMode.UNNECESSARY),
                        product.weightGrams()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownProductsException(unknown);
        }
        return items;
    }

    private void update(UUID id, Consumer<Order> change) {
        transactions.executeWithoutResult(tx -> change.accept(lock(id)));
    }

    private <T> T withLockedOrder(UUID id, Function<Order, T> work) {
        return transactions.execute(tx -> work.apply(lock(id)));
    }

    private Order lock(UUID id) {
        return orders.lockById(id).orElseThrow(() -> new NotFoundException("no order " + id));
    }
}
