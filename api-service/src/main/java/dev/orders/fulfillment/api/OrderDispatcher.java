package dev.orders.fulfillment.api;

import dev.orders.fulfillment.contracts.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes, from the order rows, whatever a request could not tell Temporal: it starts workflows that were not
 * started, delivers review decisions and cancellations to the workflow run that exists now, and re-drives
 * unfinished orders whose workflow Temporal no longer knows: disaster recovery on a real Temporal server (its
 * database lost while PostgreSQL kept the orders), routine on the in-memory test server (every restart). Re-walking is safe: every activity is idempotent, every signal too.
 *
 * <p>Each batch is claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances share the work. While
 * Temporal is away nothing is claimed (a request working on one of those orders would wait for the lock), and a
 * batch stops at the first call Temporal does not answer; the rest waits for the next round.
 */
@Component
@ConditionalOnBooleanProperty(name = "orders.dispatcher.enabled", matchIfMissing = true)
class OrderDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OrderDispatcher.class);

    private static final int BATCH = 100;
    /** Leaves a just-placed order to {@link OrderStarter}, and a just-recorded intent to the request delivering it. */
    private static final Duration START_GRACE = Duration.ofSeconds(1);
    private static final Duration SIGNAL_GRACE = Duration.ofSeconds(5);

    private static final List<String> CANCELLABLE = wireNames(OrderStatus::isCancellable);
    private static final List<String> TERMINAL = wireNames(OrderStatus::isTerminal);

    private final OrderRepository orders;
    private final OrderWorkflows workflows;
    private final TransactionTemplate transactions;
    /** How long an unfinished order may go without news before Temporal is asked whether its workflow exists. */
    private final Duration quiet;

    OrderDispatcher(OrderRepository orders, OrderWorkflows workflows, TransactionTemplate transactions,
            @Value("${orders.dispatcher.quiet}") Duration quiet) {
        this.orders = orders;
        this.workflows = workflows;
        this.transactions = transactions;
        this.quiet = quiet;
    }

    @Scheduled(fixedDelayString = "${orders.dispatcher.interval}")
    void dispatch() {
        if (!workflows.temporalReachable()) {
            return;
        }
        inBatch(() -> orders.lockUnstarted(Instant.now().minus(START_GRACE), BATCH), workflows::start);
        inBatch(() -> orders.lockUndeliveredReviews(Instant.now().minus(SIGNAL_GRACE), BATCH),
                workflows::deliverReview);
        inBatch(() -> orders.lockUndeliveredCancellations(CANCELLABLE, Instant.now().minus(SIGNAL_GRACE), BATCH),
                workflows::deliverCancellation);
    }

    @Scheduled(fixedDelayString = "${orders.dispatcher.liveness-interval}")
    void checkLiveness() {
        if (!workflows.temporalReachable()) {
            return;
        }
        inBatch(() -> orders.lockQuiet(TERMINAL, Instant.now().minus(quiet), BATCH), this::redriveIfForgotten);
    }

    private OrderWorkflows.Outcome redriveIfForgotten(Order order) {
        OrderWorkflows.Outcome described = workflows.describe(order);
        if (described.kind() != OrderWorkflows.Kind.FAILED) {
            order.livenessChecked(Instant.now());
        }
        if (described.kind() != OrderWorkflows.Kind.NOT_FOUND) {
            return described;
        }
        log.info("re-driving order {}: Temporal no longer knows workflow {}", order.id(), order.workflowId());
        return workflows.start(order);
    }

    private void inBatch(Supplier<List<Order>> claim, Function<Order, OrderWorkflows.Outcome> work) {
        transactions.executeWithoutResult(tx -> {
            for (Order order : claim.get()) {
                if (work.apply(order).kind() == OrderWorkflows.Kind.FAILED) {
                    return;
                }
            }
        });
    }

    private static List<String> wireNames(Predicate<OrderStatus> filter) {
        return Arrays.stream(OrderStatus.values()).filter(filter).map(OrderStatus::wireName).toList();
    }
}
