-- One row per restock a client asked for: the same restock id sent again (a retry after a timeout whose first
-- attempt did go through) returns what the first did, and adds nothing.
create table inventory.restocks (
    restock_id  varchar(255) primary key,
    sku         text        not null,
    quantity    int         not null,
    available   int         not null,
    restocked_at timestamptz not null default now()
);
