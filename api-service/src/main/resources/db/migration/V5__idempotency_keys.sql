-- POST /api/orders with an Idempotency-Key: the key, per client, of each placement, and the answer it got.
-- A row is claimed (fingerprint, lease) before the order is placed and completed in the order's own transaction,
-- so a key with no answer has no order; its lease is taken over once it is older than orders.idempotency.abandon-after.
CREATE TABLE orders.idempotency_keys (
    client       text        NOT NULL,
    key          text        NOT NULL,
    -- SHA-256 of the request as parsed: the same key with another order is refused
    fingerprint  bytea       NOT NULL,
    lease        uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    locked_at    timestamptz NOT NULL DEFAULT now(),
    order_id     uuid        REFERENCES orders.orders (id),
    status       integer,
    location     text,
    response     text,
    completed_at timestamptz,
    PRIMARY KEY (client, key),
    CHECK ((status IS NULL) = (response IS NULL))
);

-- the hourly clean-up of keys past orders.idempotency.retention
CREATE INDEX idempotency_keys_created_at ON orders.idempotency_keys (created_at);
