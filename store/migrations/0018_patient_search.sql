-- Patient search through indexes. Exact identifiers are looked up one index each
-- (patients_by_national_id and patients_by_mobile from 0001; the record number here, for
-- a search across centres, where UNIQUE (centre_id, mrn) cannot serve). Names through a
-- trigram index: search_names holds both names folded for search (base/search_fold.hpp:
-- Arabic and Persian letter variants, joiners, case, digits), Persian, a newline, Latin,
-- written by the store with every registration and correction; the migration's own step
-- (store/search_names.hpp) fills it for the patients already registered.
-- patient_names is an FTS5 table over that column (trigram tokenizer, SQLite >= 3.34),
-- kept by the triggers below; PostgreSQL has pg_trgm instead
-- (store/migrations/postgres/0018_patient_search.sql).

ALTER TABLE patients ADD COLUMN search_names TEXT NOT NULL DEFAULT '';
CREATE INDEX patients_by_mrn ON patients(mrn);

CREATE VIRTUAL TABLE patient_names USING fts5(search_names, content = 'patients', content_rowid = 'id',
                                             tokenize = 'trigram');
-- Every patient already registered enters the index (with the column's empty default),
-- so that the update trigger's 'delete' finds what it removes when the migration's own
-- step then writes the folded names.
INSERT INTO patient_names (patient_names) VALUES ('rebuild');

CREATE TRIGGER patient_names_insert AFTER INSERT ON patients BEGIN
  INSERT INTO patient_names (rowid, search_names) VALUES (new.id, new.search_names);
END;
CREATE TRIGGER patient_names_delete AFTER DELETE ON patients BEGIN
  INSERT INTO patient_names (patient_names, rowid, search_names) VALUES ('delete', old.id, old.search_names);
END;
CREATE TRIGGER patient_names_update AFTER UPDATE OF search_names ON patients BEGIN
  INSERT INTO patient_names (patient_names, rowid, search_names) VALUES ('delete', old.id, old.search_names);
  INSERT INTO patient_names (rowid, search_names) VALUES (new.id, new.search_names);
END;
