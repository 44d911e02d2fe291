-- Messages that need a person (issue 18): a message that failed for good, or whose
-- sending ended without a result (`unknown`: it may have gone), waits on the
-- coordinator's worklist until they send it again or cancel it. The worklist reads only
-- these rows, a centre's latest first. The same SQL on SQLite and PostgreSQL.
CREATE INDEX messages_for_a_person ON messages(centre_id, due_at) WHERE state IN ('failed', 'unknown');
