-- One shipment per order, so a retried booking returns the tracking id of the first.
CREATE TABLE shipping.shipments (
    order_id           uuid PRIMARY KEY,
    customer_id        text           NOT NULL,
    carrier            text           NOT NULL,
    tracking_id        text           NOT NULL UNIQUE,
    total_weight_grams bigint         NOT NULL,
    order_value        numeric(16, 2) NOT NULL,
    created_at         timestamptz    NOT NULL DEFAULT now()
);
