-- Patient search through indexes (store/migrations/0018_patient_search.sql says what and
-- why). Names through pg_trgm: a GIN trigram index on the folded names answers LIKE
-- '%fragment%'. pg_trgm ships with PostgreSQL (Debian's postgresql-15 holds its contrib
-- modules) and is a trusted extension: the database owner that runs `regenpath db migrate`
-- may create it without being a superuser; the server's role (regenpath_app) needs
-- nothing more than its row privileges. Trigrams are taken from letters as the cluster's
-- LC_CTYPE classifies them: under a UTF-8 locale (en_US.UTF-8, C.UTF-8) Persian letters
-- count; under plain C they do not, and a Persian fragment is then found by reading the
-- whole index (the answers are the same, only slower).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE patients ADD COLUMN search_names TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX patients_by_mrn ON patients(mrn);
CREATE INDEX patients_search_names ON patients USING gin (search_names gin_trgm_ops);
