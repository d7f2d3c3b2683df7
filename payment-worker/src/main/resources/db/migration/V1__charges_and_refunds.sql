-- One charge per idempotency key ("order-<order id>"): a retried charge finds the first outcome, decline included.
create table payment.charges (
    id              uuid primary key,
    order_id        uuid           not null,
    idempotency_key text           not null unique,
    customer_id     text           not null,
    amount          numeric(16, 2) not null check (amount > 0),
    currency        char(3)        not null,
    payment_method  text,
    status          text           not null check (status in ('succeeded', 'declined')),
    transaction_id  text unique,
    decline_reason  text,
    created_at      timestamptz    not null default now()
);

-- a refund looks the charge up by order
create index charges_order_id_idx on payment.charges (order_id);

-- at most one refund per charge, always of the full amount
create table payment.refunds (
    id         uuid primary key,
    charge_id  uuid           not null unique references payment.charges,
    order_id   uuid           not null,
    amount     numeric(16, 2) not null,
    reason     text           not null,
    refund_id  text           not null unique,
    created_at timestamptz    not null default now()
);
