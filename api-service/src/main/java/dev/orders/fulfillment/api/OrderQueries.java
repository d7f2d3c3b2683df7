package dev.orders.fulfillment.api;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
class OrderQueries {

    private final OrderRepository orders;

    OrderQueries(OrderRepository orders) {
        this.orders = orders;
    }

    Optional<OrderView> find(UUID id) {
        return orders.findById(id).map(OrderView::of);
    }

    Page<OrderView> list(OrderListQuery query) {
        return orders.findAll(query.specification(), query.pageable()).map(OrderView::summary);
    }
}
