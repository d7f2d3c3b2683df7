package dev.orders.fulfillment.api;

import dev.orders.fulfillment.contracts.FulfillmentPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code orders.policy.*}: the waits every new order carries in its workflow input. */
@ConfigurationProperties("orders.policy")
record FulfillmentPolicyProperties(Duration reviewWindow, Duration backorderWindow, Duration restockRecheck) {

    FulfillmentPolicy toPolicy() {
        return new FulfillmentPolicy(reviewWindow, backorderWindow, restockRecheck);
    }
}
