-- PostgreSQL version of store/migrations/0050_registry_bulk_exports.sql: an export is of a
-- centre (kind 'centre') or of the registry's de-identified records (kind 'registry', no
-- centre when of every centre). Row security: a centre's export as before; a registry
-- export of one centre under that centre's scope, of every centre under the unscoped one
-- ('*') only. The service further shows a registry export to whoever asked for it alone.
ALTER TABLE bulk_exports ADD COLUMN kind TEXT COLLATE "C" NOT NULL DEFAULT 'centre'
  CHECK (kind IN ('centre', 'registry'));
ALTER TABLE bulk_exports ALTER COLUMN centre_id DROP NOT NULL;
ALTER TABLE bulk_exports ADD CONSTRAINT bulk_exports_centre_or_registry
  CHECK (kind = 'registry' OR centre_id IS NOT NULL);
CREATE INDEX bulk_exports_of_asker ON bulk_exports (requested_by, kind, state);

CREATE OR REPLACE FUNCTION regenpath_sees_export_centre(centre TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE
AS $$ SELECT CASE WHEN centre IS NULL THEN current_setting('regenpath.centre', true) = '*'
                  ELSE regenpath_sees_centre(centre) END $$;

DROP POLICY centre_scope ON bulk_export_files;
DROP POLICY centre_scope ON bulk_exports;
CREATE POLICY centre_scope ON bulk_exports USING (regenpath_sees_export_centre(centre_id));
CREATE POLICY centre_scope ON bulk_export_files
  USING (EXISTS (SELECT 1 FROM bulk_exports b WHERE b.id = export_id AND regenpath_sees_export_centre(b.centre_id)));
