-- What the public directory shows of a centre (issue 19): its address in both scripts, a
-- map link and the services it offers (codes, comma-separated, in the directory's order),
-- set by the centre's admin; who issued its licence and the licence's last valid day
-- (ISO date, '' when not known), set by the registry with the status. A centre whose
-- licence is suspended or ends before a day books no harvest or injection for it. The
-- same SQL on SQLite and PostgreSQL.
ALTER TABLE centres ADD COLUMN address_en TEXT NOT NULL DEFAULT '';
ALTER TABLE centres ADD COLUMN address_fa TEXT NOT NULL DEFAULT '';
ALTER TABLE centres ADD COLUMN map_url TEXT NOT NULL DEFAULT '';
ALTER TABLE centres ADD COLUMN services TEXT NOT NULL DEFAULT '';
ALTER TABLE centres ADD COLUMN licence_issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE centres ADD COLUMN licence_expires TEXT NOT NULL DEFAULT '';
