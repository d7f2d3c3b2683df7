-- The catalog. Stock is not here: inventory-worker owns it.
CREATE TABLE orders.products (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    sku          text           NOT NULL UNIQUE,
    name         text           NOT NULL,
    description  text,
    price        numeric(12, 2) NOT NULL CHECK (price > 0),
    weight_grams int            NOT NULL CHECK (weight_grams > 0),
    created_at   timestamptz    NOT NULL DEFAULT now(),
    updated_at   timestamptz    NOT NULL DEFAULT now()
);

INSERT INTO orders.products (sku, name, description, price, weight_grams) VALUES
    ('prod-1', 'Widget A', 'Standard widget', 29.99, 250),
    ('prod-2', 'Widget B', 'Premium widget', 49.99, 400),
    ('prod-3', 'Widget C', 'Enterprise widget', 99.99, 1200),
    ('out-of-stock-item', 'Rare Widget', 'Very rare widget', 199.99, 300),
    ('gadget-mini', 'Mini Gadget', 'Pocket-sized gadget', 9.99, 80),
    ('cable-usb-c', 'USB-C Cable', 'Braided 2 m charging cable', 12.50, 60),
    ('gadget-pro', 'Gadget Pro', 'Professional gadget', 149.00, 900),
    ('headphones-anc', 'Noise-cancelling Headphones', 'Over-ear, active noise cancelling', 249.00, 350),
    ('laptop-stand', 'Laptop Stand', 'Aluminium laptop stand', 59.90, 1800),
    ('monitor-27', '27-inch Monitor', '4K IPS monitor', 329.00, 6500),
    ('desk-chair', 'Ergonomic Desk Chair', 'Mesh chair with lumbar support', 499.00, 19000),
    ('espresso-machine', 'Espresso Machine', 'Dual-boiler espresso machine', 1299.00, 9000),
    ('standing-desk', 'Standing Desk', 'Electric sit-stand desk', 899.00, 38000),
    ('server-rack', 'Server Rack 42U', 'Enterprise server rack', 4999.00, 140000),
    ('limited-edition-print', 'Limited Edition Print', 'Signed print, run of 5', 799.00, 250),
    ('industrial-press', 'Industrial Press',
     '1.5 t hydraulic press (beyond every carrier''s limit: shipping fails for good)', 24999.00, 1500000);

-- One row per order. It is also the outbox of the order's Temporal work: workflow_started_at is null until the
-- workflow is known to exist, and each recorded intent (review decision, cancellation) keeps the time it last
-- reached the workflow, so the dispatcher can finish whatever a request could not.
CREATE TABLE orders.orders (
    id                  uuid PRIMARY KEY,
    customer_id         text           NOT NULL,
    customer_tier       text           NOT NULL,
    status              text           NOT NULL,
    decision_path       text,
    risk_score          int,
    total_amount        numeric(16, 2) NOT NULL,
    currency            char(3)        NOT NULL DEFAULT 'USD',
    payment_method      text,
    workflow_id         text           NOT NULL,
    transaction_id      text,
    carrier             text,
    tracking_id         text,
    failure_reason      text,
    review_decision     text,
    reviewer            text,
    review_note         text,
    reviewed_at         timestamptz,
    review_signalled_at timestamptz,
    cancel_requested_at timestamptz,
    cancel_reason       text,
    cancel_signalled_at timestamptz,
    workflow_started_at timestamptz,
    liveness_checked_at timestamptz,
    created_at          timestamptz    NOT NULL,
    updated_at          timestamptz    NOT NULL
);

CREATE INDEX orders_by_customer ON orders.orders (customer_id, created_at DESC);
CREATE INDEX orders_by_status ON orders.orders (status, created_at DESC);
CREATE INDEX orders_by_creation ON orders.orders (created_at DESC);
CREATE INDEX orders_unstarted ON orders.orders (created_at) WHERE workflow_started_at IS NULL;

CREATE TABLE orders.order_items (
    order_id     uuid           NOT NULL REFERENCES orders.orders ON DELETE CASCADE,
    line_no      int            NOT NULL,
    product_id   text           NOT NULL,
    quantity     int            NOT NULL CHECK (quantity > 0),
    price        numeric(12, 2) NOT NULL CHECK (price > 0),
    weight_grams int            NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

-- The audit trail: one row per change of status or decision path.
CREATE TABLE orders.order_transitions (
    id             bigserial PRIMARY KEY,
    order_id       uuid        NOT NULL REFERENCES orders.orders,
    status         text        NOT NULL,
    decision_path  text,
    failure_reason text,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX order_transitions_by_order ON orders.order_transitions (order_id, id);
