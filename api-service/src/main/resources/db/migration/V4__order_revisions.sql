-- How often the order's items were amended (PUT /api/orders/{id}): the workflow numbers its amendments, and a
-- replayed report of one already applied changes nothing.
ALTER TABLE orders.orders ADD COLUMN revision int NOT NULL DEFAULT 0;
