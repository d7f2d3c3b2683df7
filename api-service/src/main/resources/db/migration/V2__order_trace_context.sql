-- The W3C traceparent of the request that placed the order: work done for the order later (a workflow started
-- by the dispatcher, a re-driven run, a review or a cancellation) joins or links that trace.
ALTER TABLE orders.orders ADD COLUMN trace_parent varchar(55);
