-- PostgreSQL version of store/migrations/0040_payment_reversals.sql: byte-wise text
-- (COLLATE "C"); the payments' row security (0038) covers the new columns.
ALTER TABLE payments ADD COLUMN reversed_at TEXT COLLATE "C";
ALTER TABLE payments ADD COLUMN reversed_by TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE payments ADD COLUMN reversal_reason TEXT COLLATE "C" NOT NULL DEFAULT '';
