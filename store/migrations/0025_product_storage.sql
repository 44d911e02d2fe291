-- What the lab records of a cell product beyond its steps (issue 17): a cryopreserved
-- product's freeze and thaw, the ISCT flow-cytometry panel marker by marker, the
-- temperature readings of its storage, and the passages of a culture expansion with their
-- dates. The same SQL on SQLite and PostgreSQL but for ids and collation:
-- store/migrations/postgres/0025_product_storage.sql.
--
-- isct_*: the percentage of cells positive for the marker (CD105, CD73, CD90 positive;
-- CD45, CD34, CD14 or CD11b, CD79a or CD19, HLA-DR negative), NULL where not measured.
ALTER TABLE products ADD COLUMN frozen_at TEXT;
ALTER TABLE products ADD COLUMN thawed_at TEXT;
ALTER TABLE products ADD COLUMN isct_cd105 REAL;
ALTER TABLE products ADD COLUMN isct_cd73 REAL;
ALTER TABLE products ADD COLUMN isct_cd90 REAL;
ALTER TABLE products ADD COLUMN isct_cd45 REAL;
ALTER TABLE products ADD COLUMN isct_cd34 REAL;
ALTER TABLE products ADD COLUMN isct_cd14_cd11b REAL;
ALTER TABLE products ADD COLUMN isct_cd79a_cd19 REAL;
ALTER TABLE products ADD COLUMN isct_hla_dr REAL;

-- One temperature reading of a stored product; excursion: 1 when it was outside the
-- protocol's limits for the product's storage (fresh or frozen) at the time.
CREATE TABLE product_readings (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  at TEXT NOT NULL,
  temperature_c REAL NOT NULL CHECK (temperature_c BETWEEN -200 AND 45),
  location TEXT NOT NULL,
  actor TEXT NOT NULL,
  excursion INTEGER NOT NULL CHECK (excursion IN (0, 1))
);
CREATE INDEX product_readings_by_product ON product_readings(product_id, at);

-- The passages of a culture expansion, n from 1; harvested_on NULL while one runs.
CREATE TABLE product_passages (
  product_id INTEGER NOT NULL REFERENCES products(id),
  n INTEGER NOT NULL CHECK (n >= 1),
  seeded_on TEXT NOT NULL,
  harvested_on TEXT,
  PRIMARY KEY (product_id, n)
);
