-- PostgreSQL version of store/migrations/0024_product_audit_content.sql: the migration reads
-- every centre's products (row security, 0017).
-- The cell product becomes a record the audit chain vouches for; products made before
-- this count as not checkable until their next write.
SELECT set_config('regenpath.centre', '*', true);
INSERT INTO audit_content_start (kind, first_id) SELECT 'product', COALESCE(MAX(id), 0) + 1 FROM products;
