-- The injecting operator: the username of the account that performed the injection,
-- recorded by the staff who know it (screen, API, CLI), so that the registry can compare
-- results by operator. A name rather than a reference to accounts: an account that is
-- later disabled still names the injections it did, and copies and restores keep it
-- whatever order the tables load in. NULL where not recorded (episodes from before).
ALTER TABLE episodes ADD COLUMN injected_by TEXT;
