-- What happened to an order that changed neither its status nor its decision path: a review decision or a
-- cancellation the workflow refused (the order had already shipped, say), kept in the trail with the reason.
ALTER TABLE orders.order_transitions ADD COLUMN note text;
