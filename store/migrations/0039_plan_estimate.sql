-- The estimate a payment plan was agreed on, kept with it (issue 19): the price of each step
-- and each insurer's share, so that the plan and its printed sheet say what the patient's
-- share is made of even after the price list or the insurance rules change. Plans agreed
-- before this migration have no rows here: their sheet prints the total and the share only.
-- The same SQL on SQLite and PostgreSQL but for ids, collation and row security:
-- store/migrations/postgres/0039_plan_estimate.sql.
CREATE TABLE plan_lines (
  plan_id INTEGER NOT NULL REFERENCES payment_plans(id) ON DELETE CASCADE,
  item TEXT NOT NULL,
  amount_rials INTEGER NOT NULL CHECK (amount_rials >= 0),
  PRIMARY KEY (plan_id, item)
);

CREATE TABLE plan_payers (
  plan_id INTEGER NOT NULL REFERENCES payment_plans(id) ON DELETE CASCADE,
  n INTEGER NOT NULL CHECK (n >= 0),
  insurer TEXT NOT NULL,
  amount_rials INTEGER NOT NULL CHECK (amount_rials >= 0),
  why TEXT NOT NULL,
  PRIMARY KEY (plan_id, n)
);
