#pragma once
// The product record's content (store/record_content.hpp): the statements both engines'
// adapters hash, written once so a product hashes the same on either. '?' marks the
// product's id; PostgreSQL's adapter writes it $1.
//
// product N - the products row (content v1: every column named, the centre second) and
//             each of kProductParts.
namespace rp::store {

inline constexpr const char* kProductRowSql =
    "SELECT id, centre_id, din, check_char, product_code, episode_id, patient_id, source, state, migrated, "
    "harvest_side, harvest_volume_ml, anaesthesia, harvest_started_at, harvest_ended_at, harvested_by, received_at, "
    "received_by, receipt_temperature_c, method, passages, processed_at, processed_by, total_nucleated_cells, "
    "viability_percent, cfu_f, isct_markers_met, sterility, sterility_due, endotoxin, endotoxin_due, mycoplasma, "
    "mycoplasma_due, expires_at, released_at, released_by, exception_by, exception_reason, exception_criteria, "
    "used_at, used_by, created_at, updated_at FROM products WHERE id = ?";

struct ProductPart {
  const char* name;  // hashed before the part's rows
  const char* sql;
};

// The rest of a product: tables whose rows belong to it (each in a fixed order) and
// columns added to the products row after content v1 (a statement that gives the row
// only when the column is set). A part with no rows adds nothing to the hash, so a part
// added here later leaves every product without it hashing as before, and older audit
// rows still verify: adding a table or a column is one line.
inline constexpr ProductPart kProductParts[] = {
    {"product_events",
     "SELECT id, at, actor, role, location, kind, verified, detail FROM product_events WHERE product_id = ? "
     "ORDER BY id"},
    // 0025: the freeze, the thaw and the ISCT panel marker by marker, once any is set.
    {"products.storage",
     "SELECT frozen_at, thawed_at, isct_cd105, isct_cd73, isct_cd90, isct_cd45, isct_cd34, isct_cd14_cd11b, "
     "isct_cd79a_cd19, isct_hla_dr FROM products WHERE id = ? AND (frozen_at IS NOT NULL OR thawed_at IS NOT NULL "
     "OR isct_cd105 IS NOT NULL OR isct_cd73 IS NOT NULL OR isct_cd90 IS NOT NULL OR isct_cd45 IS NOT NULL OR "
     "isct_cd34 IS NOT NULL OR isct_cd14_cd11b IS NOT NULL OR isct_cd79a_cd19 IS NOT NULL OR isct_hla_dr IS NOT NULL)"},
    {"product_readings",
     "SELECT id, at, temperature_c, location, actor, excursion FROM product_readings WHERE product_id = ? ORDER BY id"},
    {"product_passages", "SELECT n, seeded_on, harvested_on FROM product_passages WHERE product_id = ? ORDER BY n"},
};

}  // namespace rp::store
