-- The worklist's alert on refused bedside checks (issue 17): a partial index that holds
-- only the custody events of checks that refused a product, so the alert reads them by
-- time without walking every product's chain. The same SQL on SQLite and PostgreSQL.
CREATE INDEX product_events_refused ON product_events(at) WHERE kind = 'bedside_check' AND detail <> 'ok';
