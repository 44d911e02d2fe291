-- The worklist's QC results still pending (issue 17): a partial index that holds only the
-- products with a pending sterility, endotoxin or mycoplasma result, by centre, so the
-- list never walks a centre's every product. Its predicate is the query's word for word
-- (store/sqlite/sqlite_worklist.cpp): SQLite uses a partial index only when the query's
-- WHERE names its terms. The same SQL on SQLite and PostgreSQL.
CREATE INDEX products_qc_pending ON products(centre_id)
  WHERE sterility = 'pending' OR endotoxin = 'pending' OR mycoplasma = 'pending';
