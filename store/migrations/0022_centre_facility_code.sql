-- A centre's ISBT 128 facility identification number (issue 17: "the facility code is the
-- centre's configuration"): the 5 characters ICCBBA assigned it, which begin every DIN its
-- harvests make. Empty until the centre's admin sets it; new DINs then take the
-- unconfigured code (service/products.hpp). DINs already made keep their facility.
-- PostgreSQL: store/migrations/postgres/0022_centre_facility_code.sql (COLLATE "C").
ALTER TABLE centres ADD COLUMN facility_code TEXT NOT NULL DEFAULT ''
  CHECK (facility_code = '' OR length(facility_code) = 5);
