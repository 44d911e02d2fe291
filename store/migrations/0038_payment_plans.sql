-- Payment plans and payments (issue 19, domain/cost/payments.hpp): the estimate a patient
-- agreed to, kept with the price list version it used and what falls due when (the down
-- payment as instalment 0, due the day of agreement), and each payment the coordinator
-- received against it. A plan with payments is never replaced. The same SQL on SQLite and
-- PostgreSQL but for ids, collation and row security:
-- store/migrations/postgres/0038_payment_plans.sql.
CREATE TABLE payment_plans (
  id INTEGER PRIMARY KEY,
  episode_id INTEGER NOT NULL UNIQUE REFERENCES episodes(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  price_list_id INTEGER NOT NULL REFERENCES price_lists(id),
  total_rials INTEGER NOT NULL CHECK (total_rials >= 0),
  patient_rials INTEGER NOT NULL CHECK (patient_rials >= 0),
  agreed_on TEXT NOT NULL,
  agreed_by TEXT NOT NULL,
  agreed_at TEXT NOT NULL
);
CREATE INDEX payment_plans_of_centre ON payment_plans(centre_id);

CREATE TABLE plan_instalments (
  plan_id INTEGER NOT NULL REFERENCES payment_plans(id) ON DELETE CASCADE,
  n INTEGER NOT NULL CHECK (n >= 0),
  due TEXT NOT NULL,
  amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
  PRIMARY KEY (plan_id, n)
);

CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES payment_plans(id),
  centre_id TEXT NOT NULL REFERENCES centres(id),
  amount_rials INTEGER NOT NULL CHECK (amount_rials > 0),
  paid_on TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('cash', 'card', 'transfer', 'cheque')),
  reference TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX payments_of_plan ON payments(plan_id, id);
