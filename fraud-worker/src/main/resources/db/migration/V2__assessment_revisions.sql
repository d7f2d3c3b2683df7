-- An order whose items were amended is assessed again: one assessment per order and revision (0: as placed), each
-- kept for good like the first.
ALTER TABLE fraud.assessments ADD COLUMN revision int NOT NULL DEFAULT 0;
ALTER TABLE fraud.assessments DROP CONSTRAINT assessments_pkey;
ALTER TABLE fraud.assessments ADD PRIMARY KEY (order_id, revision);
