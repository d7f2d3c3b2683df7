package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.api.fulfillment.OrderStarter;
import dev.orders.fulfillment.api.fulfillment.OrderWorkflowClient;
import dev.orders.fulfillment.api.product.Product;
import dev.orders.fulfillment.api.product.ProductRepository;
import dev.orders.fulfillment.api.security.Callers;
import dev.orders.fulfillment.api.security.EndpointClass;
import dev.orders.fulfillment.api.web.InvalidField;
import dev.orders.fulfillment.api.web.NotFoundException;
import dev.orders.fulfillment.api.web.ProblemType;
import dev.orders.fulfillment.api.web.ServiceUnavailableException;
import dev.orders.fulfillment.support.OrderTraces;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Placing, reviewing and cancelling orders. Each first commits what was asked to the order row and only then
 * tells Temporal, so the workflow never hears of anything the database does not have. When Temporal cannot be
 * told, the request still succeeds: the row holds the intent and {@code OutboxRelay} delivers it. A placed
 * order's workflow is started just after the answer ({@link OrderStarter}), so it is answered {@code pending}.
 */
@Service
class OrderCommands {

    private static final Logger log = LoggerFactory.getLogger(OrderCommands.class);

    private final ProductRepository products;
    private final OrderRepository orders;
    private final OrderWorkflowClient workflows;
    private final OrderStarter starter;
    private final EntityManager entityManager;
    private final TransactionTemplate transactions;

    OrderCommands(
            ProductRepository products,
            OrderRepository orders,
            OrderWorkflowClient workflows,
            OrderStarter starter,
            EntityManager entityManager,
            TransactionTemplate transactions) {
        this.products = products;
        this.orders = orders;
        this.workflows = workflows;
        this.starter = starter;
        this.entityManager = entityManager;
        this.transactions = transactions;
    }

    OrderView place(PlaceOrderRequest request, Callers.Caller caller) {
        return place(request, caller, placed -> {});
    }

    /** {@link #place}, with {@code alsoCommitted} run in the order's transaction once its row is written. */
    OrderView place(PlaceOrderRequest request, Callers.Caller caller, Consumer<OrderView> alsoCommitted) {
        Order order = newOrder(request, caller);
        transactions.executeWithoutResult(tx -> {
            entityManager.persist(order);
            entityManager.flush();
            alsoCommitted.accept(OrderView.of(order));
        });
        log.info(
                "order {} accepted for customer {}: {} {}",
                order.id(),
                order.customerId(),
                order.totalAmount(),
                order.currency());
        starter.startSoon(order.id());
        return OrderView.of(order);
    }

    /** A repeat of the decision taken is answered with the order as it is, delivering nothing again. */
    OrderView review(UUID id, ReviewDecision decision, String reviewer, String note) {
        if (!record(id, order -> order.recordReview(decision, reviewer, note, Instant.now()))) {
            return current(id);
        }
        log.info("order {}: review decision {} recorded", id, decision.wireName());
        return deliver(id, workflows::deliverReview);
    }

    /** A repeat is answered with the order as it is, delivering nothing again. */
    OrderView cancel(UUID id, String reason) {
        if (!record(id, order -> order.requestCancellation(reason, Instant.now()))) {
            return current(id);
        }
        log.info("order {}: cancellation recorded", id);
        return deliver(id, workflows::deliverCancellation);
    }

    /**
     * Tells the workflow what the row now holds. A refusal is committed on the row (the intent taken back, the
     * reason in the trail) and then answered as a 409 with the workflow's reason; anything else is accepted, the
     * dispatcher delivering what could not be delivered now.
     */
    private OrderView deliver(UUID id, Function<Order, OrderWorkflowClient.Outcome> delivery) {
        Delivered delivered = withLockedOrder(id, order -> new Delivered(delivery.apply(order), OrderView.of(order)));
        if (delivered.outcome().kind() == OrderWorkflowClient.Kind.REFUSED) {
            throw new OrderConflictException(
                    "order " + id + ": " + delivered.outcome().refusal());
        }
        return delivered.view();
    }

    private record Delivered(OrderWorkflowClient.Outcome outcome, OrderView view) {}

    /**
     * Asks the workflow to take new items; it alone knows whether the order is still before payment. Nothing is
     * written here: the workflow reports the amendment it took (the row's new items, a note in its history).
     */
    Amended amend(UUID id, List<PlaceOrderRequest.Item> requested, Callers.Caller caller) {
        List<OrderItem> items = priced(requested, caller);
        Order order = transactions
                .execute(tx -> orders.findById(id))
                .orElseThrow(() -> new NotFoundException("no order " + id));
        if (!order.status().isCancellable()) {
            throw new OrderConflictException(
                    "order " + id + " is " + order.status().wireName() + " and its items can no longer change");
        }
        OrderWorkflowClient.Outcome outcome =
                workflows.amend(order, items.stream().map(OrderItem::toLine).toList());
        switch (outcome.kind()) {
            case REFUSED -> throw new OrderConflictException("order " + id + ": " + outcome.refusal());
            case FAILED, NOT_FOUND ->
                throw new ServiceUnavailableException(
                        "order " + id + ": its workflow did not answer; the items are unchanged, try again");
            default -> {}
        }
        log.info(
                "order {}: amendment {}", id, outcome.kind() == OrderWorkflowClient.Kind.DONE ? "applied" : "accepted");
        return new Amended(outcome.kind() == OrderWorkflowClient.Kind.DONE, current(id));
    }

    /** {@code settled}: the workflow has assessed the amended order (else it is still at it). */
    record Amended(boolean settled, OrderView order) {}

    private Order newOrder(PlaceOrderRequest request, Callers.Caller caller) {
        return Order.place(
                request.customerId(),
                request.tier(),
                request.paymentMethod(),
                priced(request.items(), caller),
                OrderTraces.current(),
                Instant.now());
    }

    /**
     * Prices each item at the catalog's price. A price in the request is the seed's: the same as the catalog's is
     * fine, another is taken only from a caller who may set prices. Unknown SKUs, then prices not allowed, reject
     * the whole request.
     */
    private List<OrderItem> priced(List<PlaceOrderRequest.Item> requested, Callers.Caller caller) {
        Map<String, Product> catalog =
                products
                        .findBySkuIn(requested.stream()
                                .map(PlaceOrderRequest.Item::productId)
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(Product::sku, Function.identity()));
        List<InvalidField> unknown = new ArrayList<>();
        List<InvalidField> notAllowed = new ArrayList<>();
        List<OrderItem> items = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            PlaceOrderRequest.Item item = requested.get(i);
            Product product = catalog.get(item.productId());
            if (product == null) {
                unknown.add(new InvalidField("items[" + i + "].product_id", "unknown product " + item.productId()));
                continue;
            }
            BigDecimal price =
                    item.price() == null ? product.price() : item.price().setScale(2, RoundingMode.UNNECESSARY);
            if (price.compareTo(product.price()) != 0 && !caller.mayOverridePrices()) {
                notAllowed.add(new InvalidField(
                        "items[" + i + "].price",
                        "is " + price.toPlainString() + ", the catalog's price of " + product.sku() + " is "
                                + product.price().toPlainString()));
            }
            items.add(new OrderItem(product.sku(), item.quantity(), price, product.weightGrams()));
        }
        if (!unknown.isEmpty()) {
            throw new RejectedItemsException(
                    ProblemType.UNKNOWN_PRODUCTS, "the order names products that are not in the catalog", unknown);
        }
        if (!notAllowed.isEmpty()) {
            throw new RejectedItemsException(
                    ProblemType.PRICE_NOT_ALLOWED,
                    "the catalog sets the prices: an item's" + " price may differ from it only with a token of scope "
                            + EndpointClass.PRICE_OVERRIDE_SCOPE,
                    notAllowed);
        }
        return items;
    }

    /** Whether the change was new (else a repeat, and nothing changed). */
    private boolean record(UUID id, Predicate<Order> change) {
        return Boolean.TRUE.equals(transactions.execute(tx -> change.test(lock(id))));
    }

    private OrderView current(UUID id) {
        return transactions
                .execute(tx -> orders.findById(id).map(OrderView::of))
                .orElseThrow(() -> new NotFoundException("no order " + id));
    }

    private <T> T withLockedOrder(UUID id, Function<Order, T> work) {
        return transactions.execute(tx -> work.apply(lock(id)));
    }

    private Order lock(UUID id) {
        return orders.lockById(id).orElseThrow(() -> new NotFoundException("no order " + id));
    }
}
