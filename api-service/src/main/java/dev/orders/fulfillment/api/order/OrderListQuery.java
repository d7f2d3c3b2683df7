package dev.orders.fulfillment.api.order;

import dev.orders.fulfillment.api.web.TextPatterns;
import dev.orders.fulfillment.contracts.OrderStatus;
import dev.orders.fulfillment.contracts.WireNamed;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
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
        @Parameter(schema = @Schema(implementation = OrderStatus.class)) @OrderStatusName
        String status,

        @Parameter(name = "customer_id") @BindParam("customer_id") @Pattern(regexp = TextPatterns.CUSTOMER_ID)
        String customerId,

        @Min(0) @Max(OrderListQuery.LAST_PAGE) Integer page,
        @Min(1) @Max(OrderListQuery.MAX_SIZE) Integer size) {

    static final int MAX_SIZE = 100;
    /**
     * A list reaches its newest 100 pages (10,000 orders at the largest size): deeper, the database would read and
     * skip every order before the page; a filter (status, customer) reaches the rest.
     */
    static final int LAST_PAGE = 99;

    private static final int DEFAULT_SIZE = 20;

    Pageable pageable() {
        return PageRequest.of(
                page == null ? 0 : page,
                size == null ? DEFAULT_SIZE : size,
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
    }

    Specification<Order> specification() {
        Specification<Order> matching = Specification.unrestricted();
        if (status != null) {
            OrderStatus wanted = WireNamed.fromWire(OrderStatus.class, status).orElseThrow();
            matching = matching.and((order, query, where) -> where.equal(order.get("status"), wanted));
        }
        if (customerId != null) {
            matching = matching.and((order, query, where) -> where.equal(order.get("customerId"), customerId));
        }
        return matching;
    }
}
