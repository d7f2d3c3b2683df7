-- At most one notification of each type per order: the unique key is what stops a retry sending it twice.
CREATE TABLE notification.notifications (
    id          bigserial PRIMARY KEY,
    order_id    uuid        NOT NULL,
    customer_id text        NOT NULL,
    type        text        NOT NULL,
    message     text        NOT NULL,
    sent_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (order_id, type)
);
