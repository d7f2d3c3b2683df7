-- One assessment per order: the first score is the order's score for good, however often it is asked again.
CREATE TABLE fraud.assessments (
    order_id      uuid PRIMARY KEY,
    customer_id   text           NOT NULL,
    customer_tier text           NOT NULL,
    total_amount  numeric(16, 2) NOT NULL,
    risk_score    int            NOT NULL,
    risk_factors  text[]         NOT NULL,
    assessed_at   timestamptz    NOT NULL DEFAULT now()
);
