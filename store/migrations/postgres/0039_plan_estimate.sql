-- PostgreSQL version of store/migrations/0039_plan_estimate.sql: BIGINT ids, byte-wise text
-- (COLLATE "C"), and row security by the plan's centre (as 0038's instalments).
CREATE TABLE plan_lines (
  plan_id BIGINT NOT NULL REFERENCES payment_plans(id) ON DELETE CASCADE,
  item TEXT COLLATE "C" NOT NULL,
  amount_rials BIGINT NOT NULL CHECK (amount_rials >= 0),
  PRIMARY KEY (plan_id, item)
);

CREATE TABLE plan_payers (
  plan_id BIGINT NOT NULL REFERENCES payment_plans(id) ON DELETE CASCADE,
  n INTEGER NOT NULL CHECK (n >= 0),
  insurer TEXT COLLATE "C" NOT NULL,
  amount_rials BIGINT NOT NULL CHECK (amount_rials >= 0),
  why TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (plan_id, n)
);

ALTER TABLE plan_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON plan_lines
  USING (EXISTS (SELECT 1 FROM payment_plans p WHERE p.id = plan_id AND regenpath_sees_centre(p.centre_id)));
ALTER TABLE plan_payers ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_payers FORCE ROW LEVEL SECURITY;
CREATE POLICY centre_scope ON plan_payers
  USING (EXISTS (SELECT 1 FROM payment_plans p WHERE p.id = plan_id AND regenpath_sees_centre(p.centre_id)));
