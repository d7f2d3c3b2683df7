package dev.orders.fulfillment.api;

import dev.orders.fulfillment.contracts.OrderStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.web.bind.annotation.BindParam;

/** The query parameters of {@code GET /api/orders}: optional filters (validated first) and a page, newest first. */
record OrderListQuery(
        @OrderStatusName String status,
        @BindParam("customer_id") @Pattern(regexp = "^[A-Za-z0-9._:@-]{1,100}$") String customerId,
        @Min(0) @Max(Integer.MAX_VALUE / OrderListQuery.MAX_SIZE) Integer page,
        @Min(1) @Max(OrderListQuery.MAX_SIZE) Integer size) {

    static final int MAX_SIZE = 100;
    private static final int DEFAULT_SIZE = 20;

    Pageable pageable() {
        return PageRequest.of(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size,
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
    }

    Specification<Order> specification() {
        Specification<Order> matching = Specification.unrestricted();
        if (status != null) {
            OrderStatus wanted = OrderStatus.fromWire(status).orElseThrow();
            matching = matching.and((order, query, where) -> where.equal(order.get("status"), wanted));
        }
        if (customerId != null) {
            matching = matching.and((order, query, where) -> where.equal(order.get("customerId"), customerId));
        }
        return matching;
    }
}
