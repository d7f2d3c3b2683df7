package dev.orders.fulfillment.contracts;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * What the order workflow keeps current in Temporal's visibility, so that an operator finds orders by state in the
 * Temporal UI or with {@code temporal workflow list --query "OrderStatus='manual_review'"}. Values are the wire
 * names the API shows. Part of the workflow's public face, like its signal names: whoever runs the Temporal server
 * registers {@link #ALL} in the namespace before the workflow runs (an unregistered attribute fails the workflow
 * task until it is registered).
 */
public final class OrderSearchAttributes {

    public static final SearchAttributeKey<String> ORDER_STATUS = SearchAttributeKey.forKeyword("OrderStatus");
    public static final SearchAttributeKey<String> CUSTOMER_ID = SearchAttributeKey.forKeyword("CustomerId");
    public static final SearchAttributeKey<String> CUSTOMER_TIER = SearchAttributeKey.forKeyword("CustomerTier");
    public static final SearchAttributeKey<Long> RISK_SCORE = SearchAttributeKey.forLong("RiskScore");
    public static final SearchAttributeKey<String> DECISION_PATH = SearchAttributeKey.forKeyword("DecisionPath");

    public static final List<SearchAttributeKey<?>> ALL =
            List.of(ORDER_STATUS, CUSTOMER_ID, CUSTOMER_TIER, RISK_SCORE, DECISION_PATH);

    private OrderSearchAttributes() {}
}
