-- A payment recorded in error is reversed, never deleted (issue 19,
-- domain/cost/payments.hpp): it stays with who reversed it, when and why, and counts for
-- nothing in the plan's standing nor in what is overdue. The same SQL on SQLite and
-- PostgreSQL but for collation: store/migrations/postgres/0040_payment_reversals.sql.
ALTER TABLE payments ADD COLUMN reversed_at TEXT;
ALTER TABLE payments ADD COLUMN reversed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN reversal_reason TEXT NOT NULL DEFAULT '';
