-- the traceparent of the reservation that made the order wait, so the restock that wakes it links to its trace
alter table inventory.backorders add column trace_parent varchar(55);
