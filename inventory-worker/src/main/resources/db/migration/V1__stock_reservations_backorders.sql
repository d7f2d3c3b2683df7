create table inventory.stock (
    sku        text primary key,
    available  int         not null check (available >= 0),
    updated_at timestamptz not null default now()
);

create table inventory.reservations (
    order_id    uuid,
    sku         text        references inventory.stock,
    quantity    int         not null check (quantity > 0),
    status      text        not null check (status in ('reserved', 'released')),
    reserved_at timestamptz not null default now(),
    released_at timestamptz,
    primary key (order_id, sku)
);

-- Orders waiting for stock. No foreign key on sku: an order may wait for a SKU this service does not stock.
create table inventory.backorders (
    order_id   uuid,
    sku        text,
    requested  int         not null,
    available  int         not null,
    created_at timestamptz not null default now(),
    primary key (order_id, sku)
);

-- a restock looks up who waits for its SKU
create index backorders_sku_idx on inventory.backorders (sku);

-- the seed catalog (api-service's orders.products lists the same SKUs)
insert into inventory.stock (sku, available) values
    ('prod-1', 100),
    ('prod-2', 50),
    ('prod-3', 25),
    ('out-of-stock-item', 0),
    ('gadget-mini', 100000),
    ('cable-usb-c', 200000),
    ('gadget-pro', 50000),
    ('headphones-anc', 20000),
    ('laptop-stand', 30000),
    ('monitor-27', 10000),
    ('desk-chair', 5000),
    ('espresso-machine', 3000),
    ('standing-desk', 2000),
    ('server-rack', 500),
    ('limited-edition-print', 5),
    ('industrial-press', 50);
