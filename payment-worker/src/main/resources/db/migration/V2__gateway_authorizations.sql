-- The mock gateway's own memory, as a card processor keeps one on its side: each authorisation by the idempotency
-- key it was asked with, committed before it answers. The same key again gets the same answer, so a worker that
-- crashes after the gateway approved and before payment.charges recorded it never charges the card twice.
create table payment.gateway_authorizations (
    idempotency_key varchar(255) primary key,
    approved        boolean     not null,
    transaction_id  text,
    decline_reason  text,
    authorized_at   timestamptz not null default now()
);
