package dev.orders.fulfillment.api.order;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * The {@code lock…} queries serve {@code OutboxRelay}, {@code WorkflowRedrive} and {@code OrderStarter}: each
 * claims with {@code FOR UPDATE SKIP LOCKED}, so several api-service instances (and a request working on the same
 * order) never act on one order at once.
 */
public interface OrderRepository extends JpaRepository<Order, UUID>, JpaSpecificationExecutor<Order> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Order o where o.id = :id")
    Optional<Order> lockById(UUID id);

    /** The order if its workflow is not started and no one else holds it (the dispatcher, starting it). */
    @Query(nativeQuery = true, value = """
            SELECT * FROM orders.orders
            WHERE id = :id AND workflow_started_at IS NULL
            FOR UPDATE SKIP LOCKED""")
    Optional<Order> lockUnstartedById(UUID id);

    @Query(nativeQuery = true, value = """
            SELECT * FROM orders.orders
            WHERE workflow_started_at IS NULL AND created_at < :createdBefore
            ORDER BY created_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Order> lockUnstarted(Instant createdBefore, int limit);

    /** Review decisions not yet delivered to the workflow run that exists now. */
    @Query(nativeQuery = true, value = """
            SELECT * FROM orders.orders
            WHERE status = 'manual_review' AND review_decision IS NOT NULL AND reviewed_at < :recordedBefore
              AND workflow_started_at IS NOT NULL
              AND (review_signalled_at IS NULL OR review_signalled_at < workflow_started_at)
            ORDER BY reviewed_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Order> lockUndeliveredReviews(Instant recordedBefore, int limit);

    /** Cancellations not yet delivered to the workflow run that exists now. */
    @Query(nativeQuery = true, value = """
            SELECT * FROM orders.orders
            WHERE status IN (:cancellable) AND cancel_requested_at < :recordedBefore
              AND workflow_started_at IS NOT NULL
              AND (cancel_signalled_at IS NULL OR cancel_signalled_at < workflow_started_at)
            ORDER BY cancel_requested_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Order> lockUndeliveredCancellations(Collection<String> cancellable, Instant recordedBefore, int limit);

    /** Unfinished orders whose workflow has been quiet, least recently checked first. */
    @Query(nativeQuery = true, value = """
            SELECT * FROM orders.orders
            WHERE workflow_started_at IS NOT NULL AND status NOT IN (:terminal) AND updated_at < :updatedBefore
            ORDER BY liveness_checked_at NULLS FIRST
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Order> lockQuiet(Collection<String> terminal, Instant updatedBefore, int limit);
}
