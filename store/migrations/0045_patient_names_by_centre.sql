-- The name index knows each patient's centre. A centre's name search asked the trigram
-- index for every patient of the network with the name, then read each one's row to keep
-- its centre's: at a million patients across 20 centres, a common family name read about
-- a thousand rows (800 pages) for the 50 a page shows. With the centre as a second column,
-- the search matches the name and the centre in the index itself
-- (store/sqlite/sqlite_patient_search.cpp), in id order, and stops at the page's end; the
-- row's own centre is still compared, so the index only narrows. The centre's column is
-- kept as the names are, and also when a patient's centre changes.

DROP TRIGGER IF EXISTS patient_names_insert;
DROP TRIGGER IF EXISTS patient_names_delete;
DROP TRIGGER IF EXISTS patient_names_update;
DROP TABLE IF EXISTS patient_names;

CREATE VIRTUAL TABLE patient_names USING fts5(search_names, centre_id, content = 'patients', content_rowid = 'id',
                                             tokenize = 'trigram');
INSERT INTO patient_names (patient_names) VALUES ('rebuild');

CREATE TRIGGER patient_names_insert AFTER INSERT ON patients BEGIN
  INSERT INTO patient_names (rowid, search_names, centre_id) VALUES (new.id, new.search_names, new.centre_id);
END;
CREATE TRIGGER patient_names_delete AFTER DELETE ON patients BEGIN
  INSERT INTO patient_names (patient_names, rowid, search_names, centre_id)
    VALUES ('delete', old.id, old.search_names, old.centre_id);
END;
CREATE TRIGGER patient_names_update AFTER UPDATE OF search_names, centre_id ON patients BEGIN
  INSERT INTO patient_names (patient_names, rowid, search_names, centre_id)
    VALUES ('delete', old.id, old.search_names, old.centre_id);
  INSERT INTO patient_names (rowid, search_names, centre_id) VALUES (new.id, new.search_names, new.centre_id);
END;
