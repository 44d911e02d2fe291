-- The cell product becomes a record the audit chain vouches for (store/record_content.hpp,
-- store/product_content.hpp): every write of a product or its custody chain carries the
-- product's content hash in its audit row. Products made before this (0021's migrated
-- ones) have no such row: `audit verify` counts them as not checkable until their next
-- write, not as changed behind regenpath's back.
-- PostgreSQL: store/migrations/postgres/0024_product_audit_content.sql (row security).
INSERT INTO audit_content_start (kind, first_id) SELECT 'product', COALESCE(MAX(id), 0) + 1 FROM products;
