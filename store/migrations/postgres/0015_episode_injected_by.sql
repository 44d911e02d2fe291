-- PostgreSQL version of store/migrations/0015_episode_injected_by.sql: the injecting
-- operator's username, compared and ordered byte-wise (COLLATE "C") as SQLite does, so
-- the outcome read lists operators in the same order on both engines.
ALTER TABLE episodes ADD COLUMN injected_by TEXT COLLATE "C";
