-- SQLite's name index learns each patient's centre here (../0045_patient_names_by_centre.sql).
-- PostgreSQL changes nothing: it keeps statistics and chooses for itself between the
-- trigram index on the names (patients_search_names, 0018) and the centre's index
-- (UNIQUE (centre_id, mrn)), or both in one bitmap. The version is kept in step.
SELECT 1;
