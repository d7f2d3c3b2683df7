package dev.orders.fulfillment.api.fulfillment;

import dev.orders.fulfillment.api.order.OrderRepository;
import io.opentelemetry.context.Context;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a placed order's workflow just after the request that committed it has answered, on a few threads of
 * its own. A POST so costs one transaction, however busy Temporal and the workers are: under more orders than
 * the machine completes, the backlog waits in Temporal's task queues (or in this queue) instead of in the
 * requests. The start is an intent the row already records, so an order this pool does not reach (its queue
 * full, the service stopping, Temporal away) is started by {@link OutboxRelay}.
 */
@Component
public class OrderStarter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrderStarter.class);

    private final OrderRepository orders;
    private final OrderWorkflowClient workflows;
    private final TransactionTemplate transactions;
    private final ThreadPoolExecutor pool;

    OrderStarter(
            OrderRepository orders,
            OrderWorkflowClient workflows,
            TransactionTemplate transactions,
            @Value("${orders.starter.threads}") int threads,
            @Value("${orders.starter.queue}") int queue) {
        this.orders = orders;
        this.workflows = workflows;
        this.transactions = transactions;
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue),
                new CustomizableThreadFactory("order-start-"));
    }

    /** Call once the order is committed: the start looks the row up, and a row not yet visible is not found. */
    public void startSoon(UUID orderId) {
        try {
            // in the request's trace, as the start's own lookup and StartWorkflow are
            pool.execute(Context.current().wrap(() -> start(orderId)));
        } catch (RejectedExecutionException e) {
            log.debug("order {}: start queue full, the dispatcher starts it", orderId);
        }
    }

    /** Skips an order the dispatcher holds or has started meanwhile. */
    private void start(UUID orderId) {
        try {
            transactions.executeWithoutResult(
                    tx -> orders.lockUnstartedById(orderId).ifPresent(workflows::start));
        } catch (RuntimeException e) {
            // the database went away between the answer and the start: the row still says unstarted
            log.warn("order {}: not started, the dispatcher will start it: {}", orderId, e.toString());
        }
    }

    /** Queued starts are dropped, not waited for: their rows say they are unstarted, for the next dispatcher. */
    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
