package dev.orders.fulfillment.api.fulfillment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox relay and the re-drive of forgotten workflows work through the order rows ({@code
 * orders.dispatcher}; their intervals are read by their {@code @Scheduled} rounds).
 *
 * @param batchSize   rows claimed per round and kind of work
 * @param startGrace  how long a just-placed order is left to {@link OrderStarter} before the relay starts it
 * @param signalGrace how long a just-recorded review decision or cancellation is left to the request delivering it
 * @param quiet       how long an unfinished order may go without news before Temporal is asked whether its
 *                    workflow still exists
 */
@ConfigurationProperties("orders.dispatcher")
record DispatcherProperties(int batchSize, Duration startGrace, Duration signalGrace, Duration quiet) {

    DispatcherProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("orders.dispatcher.batch-size must be at least 1, not " + batchSize);
        }
    }
}
