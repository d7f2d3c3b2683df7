package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.contracts.CustomerTier;
import dev.orders.fulfillment.contracts.DecisionPath;
import dev.orders.fulfillment.contracts.OrderFulfillmentWorkflow;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.RecordOrderStateInput;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.ListIndexBase;
import org.hibernate.type.SqlTypes;

/**
 * An order: what the customer asked for, where its workflow has got to, and the audit trail of how it got
 * there. Every change of status or decision path, and every request the workflow refused, appends to that trail, here
 * and nowhere else.
 *
 * <p>The row is also the outbox of the order's Temporal work: {@code workflowStartedAt} stays null until the
 * workflow is known to exist, and the review decision and cancellation keep when they last reached it, so
 * {@code OutboxRelay} can finish whatever a request could not.
 */
@Entity
@Table(name = "orders", schema = "orders")
public class Order {

    static final String CURRENCY = "USD";

    @Id
    private UUID id;

    private String customerId;
    private CustomerTier customerTier;
    private OrderStatus status;
    private DecisionPath decisionPath;
    private Integer riskScore;
    private BigDecimal totalAmount;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(length = 3)
    private String currency;

    private String paymentMethod;
    private String workflowId;
    private String transactionId;
    private String carrier;
    private String trackingId;
    private String failureReason;
    private Review review;
    private Cancellation cancellation;
    private Instant workflowStartedAt;
    private Instant livenessCheckedAt;
    private Instant createdAt;
    private Instant updatedAt;
    private String traceParent;
    private int revision;

    @ElementCollection
    @CollectionTable(name = "order_items", schema = "orders", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    @ListIndexBase(1)
    private List<OrderItem> items = new ArrayList<>();

    @OneToMany(cascade = CascadeType.PERSIST)
    @JoinColumn(name = "order_id", nullable = false, updatable = false)
    @OrderBy("id")
    private List<OrderTransition> history = new ArrayList<>();

    protected Order() {}

    /** A new order, waiting for its workflow to start; {@code traceParent} is the placing request's trace, if any. */
    static Order place(
            String customerId,
            CustomerTier tier,
            String paymentMethod,
            List<OrderItem> items,
            String traceParent,
            Instant now) {
        Order order = new Order();
        order.traceParent = traceParent;
        order.id = UUID.randomUUID();
        order.customerId = customerId;
        order.customerTier = tier;
        order.paymentMethod = paymentMethod;
        order.items.addAll(items);
        order.totalAmount = total(items);
        order.currency = CURRENCY;
        order.workflowId = OrderFulfillmentWorkflow.workflowId(order.id);
        order.createdAt = now;
        order.moveTo(OrderStatus.PENDING, null, null, now);
        return order;
    }

    /**
     * The workflow exists. A pending order becomes processing; one the workflow has already moved on keeps
     * the later status.
     */
    public void workflowStarted(Instant now) {
        workflowStartedAt = now;
        if (status == OrderStatus.PENDING) {
            moveTo(OrderStatus.PROCESSING, decisionPath, failureReason, now);
        }
    }

    /** A snapshot is stale when it would move a finished order to a different end (an older run reporting late). */
    public boolean accepts(RecordOrderStateInput snapshot) {
        return !status.isTerminal() || snapshot.status() == status;
    }

    /** Applies the workflow's snapshot; the same snapshot twice changes nothing. True when it is a transition. */
    public boolean apply(RecordOrderStateInput snapshot, Instant now) {
        if (snapshot.equals(snapshot())) {
            return false;
        }
        riskScore = snapshot.riskScore();
        transactionId = snapshot.transactionId();
        carrier = snapshot.carrier();
        trackingId = snapshot.trackingId();
        return moveTo(snapshot.status(), snapshot.decisionPath(), snapshot.failureReason(), now);
    }

    /**
     * False for a repeat of the decision already taken (a client retrying a request whose answer it lost): nothing
     * changes, whatever has happened to the order since. Another decision is a conflict.
     */
    boolean recordReview(ReviewDecision decision, String reviewer, String note, Instant now) {
        if (review != null) {
            if (review.decision() == decision) {
                return false;
            }
            throw new OrderConflictException(
                    "order " + id + " was already " + review.decision().wireName());
        }
        if (status != OrderStatus.MANUAL_REVIEW) {
            throw new OrderConflictException("order " + id + " is " + status.wireName() + ", not awaiting review");
        }
        review = new Review(decision, reviewer, note, now, null);
        updatedAt = now;
        return true;
    }

    public void reviewSignalled(Instant now) {
        review = review.signalled(now);
    }

    /** The workflow refused the decision: it is taken back, and the trail says why. */
    public void reviewRefused(String why, Instant now) {
        note("review decision " + review.decision().wireName() + " refused: " + why, now);
        review = null;
    }

    /**
     * False for a repeat (the order's cancellation was asked for already, and stands): it keeps the first reason,
     * whatever has happened to the order since, even once it is cancelled.
     */
    boolean requestCancellation(String reason, Instant now) {
        if (cancellation != null) {
            return false;
        }
        if (!status.isCancellable()) {
            throw new OrderConflictException(
                    "order " + id + " is " + status.wireName() + " and can no longer be cancelled");
        }
        cancellation = new Cancellation(now, reason, null);
        updatedAt = now;
        return true;
    }

    public void cancellationSignalled(Instant now) {
        cancellation = cancellation.signalled(now);
    }

    /** The workflow refused the cancellation (shipping had begun, say): it is taken back, and the trail says why. */
    public void cancellationRefused(String why, Instant now) {
        note("cancellation refused: " + why, now);
        cancellation = null;
    }

    private void note(String what, Instant now) {
        updatedAt = now;
        history.add(new OrderTransition(status, decisionPath, failureReason, what, now));
    }

    /**
     * The workflow took amendment {@code newRevision}: the order has these items from now on, and a review decision
     * taken for the old ones no longer stands. False when that amendment was already applied (a retried report).
     */
    public boolean amend(int newRevision, List<OrderItem> newItems, Instant now) {
        if (newRevision <= revision) {
            return false;
        }
        revision = newRevision;
        items.clear();
        items.addAll(newItems);
        totalAmount = total(newItems);
        review = null;
        note(
                "items amended: "
                        + newItems.stream()
                                .map(item -> item.quantity() + " x " + item.sku())
                                .collect(Collectors.joining(", "))
                        + ", total " + totalAmount + " " + currency,
                now);
        return true;
    }

    private static BigDecimal total(List<OrderItem> items) {
        return items.stream()
                .map(OrderItem::lineTotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
    }

    public void livenessChecked(Instant now) {
        livenessCheckedAt = now;
    }

    private RecordOrderStateInput snapshot() {
        return new RecordOrderStateInput(
                id, status, decisionPath, riskScore, transactionId, carrier, trackingId, failureReason);
    }

    private boolean moveTo(OrderStatus newStatus, DecisionPath newPath, String newFailureReason, Instant now) {
        boolean transition = newStatus != status || newPath != decisionPath;
        status = newStatus;
        decisionPath = newPath;
        failureReason = newFailureReason;
        updatedAt = now;
        if (transition) {
            history.add(new OrderTransition(status, decisionPath, failureReason, null, now));
        }
        return transition;
    }

    public UUID id() {
        return id;
    }

    public String traceParent() {
        return traceParent;
    }

    public String customerId() {
        return customerId;
    }

    public CustomerTier customerTier() {
        return customerTier;
    }

    public OrderStatus status() {
        return status;
    }

    public DecisionPath decisionPath() {
        return decisionPath;
    }

    public Integer riskScore() {
        return riskScore;
    }

    public BigDecimal totalAmount() {
        return totalAmount;
    }

    public String currency() {
        return currency;
    }

    public String paymentMethod() {
        return paymentMethod;
    }

    public String workflowId() {
        return workflowId;
    }

    public String transactionId() {
        return transactionId;
    }

    String carrier() {
        return carrier;
    }

    String trackingId() {
        return trackingId;
    }

    String failureReason() {
        return failureReason;
    }

    public Review review() {
        return review;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    public Instant workflowStartedAt() {
        return workflowStartedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    public List<OrderItem> items() {
        return List.copyOf(items);
    }

    public List<OrderTransition> history() {
        return List.copyOf(history);
    }
}
