package dev.orders.fulfillment.support;

/**
 * Every business metric's name and attribute key, written once: the services record them, the dashboards query
 * them, the README lists them. Attributes stay low-cardinality: never an order, trace or workflow id.
 */
public final class MetricNames {

    /** Orders that reached a terminal status; {@code customer_tier}, {@code status}, {@code decision_path}. */
    public static final String ORDERS_PROCESSED = "orders.processed";
    /** Orders completed (auto- or manually approved, or after a backorder); {@code customer_tier}, {@code decision_path}. */
    public static final String ORDERS_APPROVED = "orders.approved";
    /** Orders rejected; {@code reason}: {@code manual_rejected} (a reviewer, or the review window) or {@code validation_failed}. */
    public static final String ORDERS_REJECTED = "orders.rejected";
    /** Orders that went to manual review (once each, whatever the decision); {@code customer_tier}. */
    public static final String ORDERS_MANUAL_REVIEW = "orders.manual_review";
    /** Orders that waited for stock (once each, whatever came of it); {@code customer_tier}. */
    public static final String ORDERS_BACKORDERED = "orders.backordered";
    /** Orders whose payment failed; {@code reason}: {@code payment_declined} or {@code payment_error}. */
    public static final String ORDERS_PAYMENT_FAILED = "orders.payment_failed";
    /** Orders cancelled; {@code reason}: {@code requested}, {@code backorder_expired} or {@code shipping_failed}. */
    public static final String ORDERS_CANCELLED = "orders.cancelled";
    /** Acceptance to terminal status, seconds; {@code decision_path}, {@code status}. */
    public static final String ORDERS_PROCESSING_DURATION = "orders.processing_duration";
    /** Each order's fraud score, zero included; {@code customer_tier}. */
    public static final String ORDERS_FRAUD_RISK_SCORE = "orders.fraud_risk_score";
    /** Money taken by completed orders; {@code customer_tier}, {@code currency}. */
    public static final String ORDERS_REVENUE = "orders.revenue";
    /** Each finished order's value; {@code status}, {@code customer_tier}, {@code currency}. */
    public static final String ORDERS_VALUE = "orders.value";

    /** Charges asked of the gateway (an order's retried activity asks once); {@code payment_method}. */
    public static final String PAYMENT_ATTEMPTS = "payment.attempts";

    public static final String PAYMENT_SUCCESSES = "payment.successes";
    /** {@code decline_reason}. */
    public static final String PAYMENT_FAILURES = "payment.failures";
    /** Sum of approved charges; {@code currency}. */
    public static final String PAYMENT_AMOUNT_TOTAL = "payment.amount.total";
    /** Gateway authorisation and ledger write, seconds; {@code outcome}: {@code approved} or {@code declined}. */
    public static final String PAYMENT_LATENCY = "payment.latency";

    public static final String CUSTOMER_TIER = "customer_tier";
    public static final String STATUS = "status";
    public static final String DECISION_PATH = "decision_path";
    public static final String REASON = "reason";
    public static final String CURRENCY = "currency";
    public static final String PAYMENT_METHOD = "payment_method";
    public static final String DECLINE_REASON = "decline_reason";
    public static final String OUTCOME = "outcome";

    private MetricNames() {}
}
