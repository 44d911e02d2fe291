#pragma once
// The cell product as the API reads and writes it (api/routes_products.cpp): the bedside
// check and the injection through it. A product and its custody chain travel as
// api/product_json.cpp writes them (the command line prints the same), with their shape
// stated here for the document.
#include <optional>
#include <string>
#include <vector>

#include "api/contract/enums.hpp"
#include "api/contract/shaped_json.hpp"
#include "api/http/query.hpp"
#include "domain/product/product.hpp"

namespace rp::api::http {

inline constexpr char kQcResultName[] = "QcResult";
template <>
struct EnumNames<product::QcResult> : ParsedEnum<product::QcResult, kQcResultName, product::parse_qc_result> {
  static std::vector<product::QcResult> values() {
    using R = product::QcResult;
    return {R::not_done, R::pending, R::passed, R::failed};
  }
};

}  // namespace rp::api::http

namespace rp::api::contract {

using http::FieldRule;

// A DIN is 13 characters, 14 with its check character; a scan may carry its data
// identifier and flag: the service's parser reads and checks it.
inline constexpr std::size_t kDinBytes = 32;
// The least volume worth recording, in millilitres: a volume of 0 is a mistake.
inline constexpr double kMinVolumeMl = 0.1;

// GET /api/v1/products
struct ProductListQuery {
  std::optional<std::string> state;
  std::optional<std::int64_t> limit;
  template <class V>
  static void fields(V& v) {
    v("state", &ProductListQuery::state,
      "received, processing, qc_pending, awaiting_release, released, quarantined, used, discarded or expired",
      http::ParamRule{.max_bytes = 32, .empty_is_absent = true});
    v("limit", &ProductListQuery::limit, "at most this many (1-1000, default 500)",
      http::ParamRule{.min = 1, .max = 1000});
  }
};

struct BedsideCheckIn {
  static constexpr const char* kSchema = "BedsideCheck";
  std::string din, mrn;
  std::optional<std::string> location;
  template <class V>
  static void fields(V& v) {
    v("din", &BedsideCheckIn::din, "the product's DIN as typed (with its check character) or scanned",
      FieldRule{.max_bytes = kDinBytes});
    v("mrn", &BedsideCheckIn::mrn, "the record number on the patient's wristband", FieldRule{.max_bytes = 64});
    v("location", &BedsideCheckIn::location, "where the check is made", FieldRule{.max_bytes = 200});
  }
};

struct InjectionIn {
  static constexpr const char* kSchema = "ProductInjection";
  std::string mrn;
  std::optional<Guidance> guidance;
  std::optional<std::int64_t> dose_cells;
  std::optional<double> volume_ml;
  std::optional<std::string> location;
  template <class V>
  static void fields(V& v) {
    v("mrn", &InjectionIn::mrn, "the record number on the patient's wristband, scanned now",
      FieldRule{.max_bytes = 64});
    v("guidance", &InjectionIn::guidance, "ultrasound (default) or fluoroscopy", FieldRule{.max_bytes = 16});
    v("dose_cells", &InjectionIn::dose_cells, "cells injected");
    v("volume_ml", &InjectionIn::volume_ml, "the volume injected, in millilitres",
      FieldRule{.min = kMinVolumeMl, .max = 100});
    v("location", &InjectionIn::location, "where the injection is given", FieldRule{.max_bytes = 200});
  }
};

// The harvest in theatre (POST /episodes/{episode_id}/harvest): the wristband scanned, and
// what was taken. One harvest may give more than one product (a split for a later repeat).
struct HarvestIn {
  static constexpr const char* kSchema = "ProductHarvest";
  std::string mrn;
  CellSource source = CellSource::bone_marrow;
  std::optional<Side> side;
  std::optional<double> volume_ml;
  std::optional<std::string> anaesthesia, started_at, ended_at, location;
  std::optional<std::int64_t> products;
  template <class V>
  static void fields(V& v) {
    v("mrn", &HarvestIn::mrn, "the record number on the patient's wristband, scanned in theatre",
      FieldRule{.max_bytes = 64});
    v("source", &HarvestIn::source, "bone_marrow (iliac crest) or adipose (abdominal fat)", FieldRule{.max_bytes = 16});
    v("side", &HarvestIn::side, "the side harvested (the iliac crest's); the episode's side when not sent",
      FieldRule{.max_bytes = 16});
    v("volume_ml", &HarvestIn::volume_ml, "the volume taken, in millilitres",
      FieldRule{.min = kMinVolumeMl, .max = 1000});
    v("anaesthesia", &HarvestIn::anaesthesia, "local (default), sedation or general", FieldRule{.max_bytes = 32});
    v("started_at", &HarvestIn::started_at, "when the harvest began: ISO 8601 in UTC, 2026-03-20T08:30:00Z",
      FieldRule{.max_bytes = 40});
    v("ended_at", &HarvestIn::ended_at, "when it ended, likewise; now when not sent", FieldRule{.max_bytes = 40});
    v("products", &HarvestIn::products, "how many products the harvest is split into (1-4, default 1)");
    v("location", &HarvestIn::location, "where the harvest is done", FieldRule{.max_bytes = 200});
  }
};

struct ReceiptIn {
  static constexpr const char* kSchema = "ProductReceipt";
  std::optional<double> temperature_c;
  std::optional<std::string> location;
  template <class V>
  static void fields(V& v) {
    v("temperature_c", &ReceiptIn::temperature_c, "the product's temperature on arrival, in degrees Celsius",
      FieldRule{.min = -200, .max = 45});
    v("location", &ReceiptIn::location, "where it is received (the lab, when not sent)", FieldRule{.max_bytes = 200});
  }
};

struct QcTestIn {
  static constexpr const char* kSchema = "ProductQcTest";
  product::QcResult result = product::QcResult::not_done;
  std::optional<CivilDate> due;
  template <class V>
  static void fields(V& v) {
    v("result", &QcTestIn::result, "not_done, pending, passed or failed", FieldRule{.max_bytes = 16});
    v("due", &QcTestIn::due, "a pending result: the day it is expected");
  }
};

// The ISCT flow-cytometry panel: the percentage of cells positive for each marker.
struct IsctPanelIn {
  static constexpr const char* kSchema = "ProductIsctPanel";
  std::optional<double> cd105, cd73, cd90, cd45, cd34, cd14_or_cd11b, cd79a_or_cd19, hla_dr;
  template <class V>
  static void fields(V& v) {
    const FieldRule percent{.min = 0, .max = 100};
    v("cd105", &IsctPanelIn::cd105, "CD105 positive, percent (ISCT: at least 95)", percent);
    v("cd73", &IsctPanelIn::cd73, "CD73 positive, percent (ISCT: at least 95)", percent);
    v("cd90", &IsctPanelIn::cd90, "CD90 positive, percent (ISCT: at least 95)", percent);
    v("cd45", &IsctPanelIn::cd45, "CD45 positive, percent (ISCT: at most 2)", percent);
    v("cd34", &IsctPanelIn::cd34, "CD34 positive, percent (ISCT: at most 2)", percent);
    v("cd14_or_cd11b", &IsctPanelIn::cd14_or_cd11b, "CD14 or CD11b positive, percent (ISCT: at most 2)", percent);
    v("cd79a_or_cd19", &IsctPanelIn::cd79a_or_cd19, "CD79a or CD19 positive, percent (ISCT: at most 2)", percent);
    v("hla_dr", &IsctPanelIn::hla_dr, "HLA-DR positive, percent (ISCT: at most 2)", percent);
  }
};

// Counts and QC results; what is not sent stays as it was. `complete` says every result
// the release needs is in: the product then awaits release.
struct QcIn {
  static constexpr const char* kSchema = "ProductQc";
  std::optional<double> total_nucleated_cells, viability_percent, cfu_f;
  std::optional<bool> isct_markers_met;
  std::optional<IsctPanelIn> isct_markers;
  std::optional<QcTestIn> sterility, endotoxin, mycoplasma;
  bool complete = false;
  template <class V>
  static void fields(V& v) {
    v("total_nucleated_cells", &QcIn::total_nucleated_cells, "total nucleated cells", FieldRule{.min = 0, .max = 1e13});
    v("viability_percent", &QcIn::viability_percent, "viable fraction, in percent", FieldRule{.min = 0, .max = 100});
    v("cfu_f", &QcIn::cfu_f, "fibroblast colony-forming units, where done", FieldRule{.min = 0, .max = 1e9});
    v("isct_markers_met", &QcIn::isct_markers_met,
      "the ISCT panel's verdict alone, for a lab without the panel's figures (not with isct_markers)");
    v("isct_markers", &QcIn::isct_markers,
      "the ISCT panel marker by marker, for expanded cells; the verdict follows from it against the protocol's "
      "limits");
    v("sterility", &QcIn::sterility, "");
    v("endotoxin", &QcIn::endotoxin, "");
    v("mycoplasma", &QcIn::mycoplasma, "");
    v("complete", &QcIn::complete, "every result the release needs is in (default false)");
  }
};

struct ReleaseExceptionIn {
  static constexpr const char* kSchema = "ProductReleaseException";
  std::string reason;
  template <class V>
  static void fields(V& v) {
    v("reason", &ReleaseExceptionIn::reason, "why the product is released despite the failed criteria",
      FieldRule{.max_bytes = 500});
  }
};

// A release; with an exception, the signed-in surgeon's, which covers the failed criteria.
struct ReleaseIn {
  static constexpr const char* kSchema = "ProductRelease";
  std::optional<ReleaseExceptionIn> exception;
  template <class V>
  static void fields(V& v) {
    v("exception", &ReleaseIn::exception,
      "a surgeon's exception to failed criteria: only a surgeon sends one, and is its surgeon");
  }
};

// Quarantine, discard or expiry: why, always.
struct SetAsideIn {
  static constexpr const char* kSchema = "ProductSetAside";
  std::string reason;
  std::optional<std::string> location;
  template <class V>
  static void fields(V& v) {
    v("reason", &SetAsideIn::reason, "why", FieldRule{.max_bytes = 500});
    v("location", &SetAsideIn::location, "where (the lab, when not sent)", FieldRule{.max_bytes = 200});
  }
};

struct ProcessingIn {
  static constexpr const char* kSchema = "ProductProcessing";
  std::string method;
  std::optional<std::int64_t> passages;
  template <class V>
  static void fields(V& v) {
    v("method", &ProcessingIn::method, "density_gradient, centrifugation, enzymatic_svf or culture_expansion",
      FieldRule{.max_bytes = 32});
    v("passages", &ProcessingIn::passages, "culture expansion: the passages");
  }
};

// A storage temperature reading (POST /products/{din}/storage).
struct ReadingIn {
  static constexpr const char* kSchema = "ProductReading";
  double temperature_c = 0;
  std::optional<std::string> location, at;
  template <class V>
  static void fields(V& v) {
    v("temperature_c", &ReadingIn::temperature_c, "the reading, in degrees Celsius", FieldRule{.min = -200, .max = 45});
    v("location", &ReadingIn::location, "where the product is stored (the lab, when not sent)",
      FieldRule{.max_bytes = 200});
    v("at", &ReadingIn::at, "when it was read: ISO 8601 in UTC; now when not sent", FieldRule{.max_bytes = 40});
  }
};

// Cryopreservation (POST /products/{din}/freeze), with the first reading if taken.
struct FreezeIn {
  static constexpr const char* kSchema = "ProductFreeze";
  std::optional<std::string> location;
  std::optional<double> temperature_c;
  template <class V>
  static void fields(V& v) {
    v("location", &FreezeIn::location, "the freezer or tank (the lab, when not sent)", FieldRule{.max_bytes = 200});
    v("temperature_c", &FreezeIn::temperature_c, "the storage temperature once frozen, in degrees Celsius",
      FieldRule{.min = -200, .max = 45});
  }
};

// A thaw, a clearance from quarantine, or a return from theatre: where, and why where it matters.
struct ThawIn {
  static constexpr const char* kSchema = "ProductThaw";
  std::optional<std::string> location;
  template <class V>
  static void fields(V& v) {
    v("location", &ThawIn::location, "where it is thawed (the lab, when not sent)", FieldRule{.max_bytes = 200});
  }
};

struct ReturnIn {
  static constexpr const char* kSchema = "ProductReturn";
  std::string reason;
  std::optional<std::string> location;
  std::optional<double> temperature_c;
  template <class V>
  static void fields(V& v) {
    v("reason", &ReturnIn::reason, "why the product came back unused", FieldRule{.max_bytes = 500});
    v("location", &ReturnIn::location, "where it is received back (the lab, when not sent)",
      FieldRule{.max_bytes = 200});
    v("temperature_c", &ReturnIn::temperature_c, "its temperature on return, in degrees Celsius",
      FieldRule{.min = -200, .max = 45});
  }
};

struct ClearanceIn {
  static constexpr const char* kSchema = "ProductClearance";
  std::string reason;
  template <class V>
  static void fields(V& v) {
    v("reason", &ClearanceIn::reason, "what the lab checked before clearing it", FieldRule{.max_bytes = 500});
  }
};

// One passage of a culture expansion.
struct PassageIn {
  static constexpr const char* kSchema = "ProductPassage";
  CivilDate seeded_on;
  std::optional<CivilDate> harvested_on;
  template <class V>
  static void fields(V& v) {
    v("seeded_on", &PassageIn::seeded_on, "the day the cells were seeded");
    v("harvested_on", &PassageIn::harvested_on, "the day they were harvested; absent while the passage runs");
  }
};

// The whole list of passages, replacing the one before (PUT /products/{din}/passages).
struct PassagesIn {
  static constexpr const char* kSchema = "ProductPassages";
  std::vector<PassageIn> passages;
  template <class V>
  static void fields(V& v) {
    v("passages", &PassagesIn::passages, "the passages in order, the first first (at most 50)",
      FieldRule{.max_items = 50});
  }
};

struct BedsidePatient {
  static constexpr const char* kSchema = "BedsidePatient";
  std::int64_t id = 0;
  std::string mrn;
  template <class V>
  static void fields(V& v) {
    v("id", &BedsidePatient::id, "");
    v("mrn", &BedsidePatient::mrn, "");
  }
};

// Only an ok verdict is an answer: any other is a 409 whose code is the verdict.
struct BedsideVerdictOut {
  static constexpr const char* kSchema = "BedsideVerdict";
  std::string verdict = "ok", din, state, expires_at;
  BedsidePatient patient;
  template <class V>
  static void fields(V& v) {
    v("verdict", &BedsideVerdictOut::verdict, "ok");
    v("din", &BedsideVerdictOut::din, "the DIN with its check character");
    v("state", &BedsideVerdictOut::state, "");
    v("expires_at", &BedsideVerdictOut::expires_at, "ISO 8601 UTC, or empty");
    v("patient", &BedsideVerdictOut::patient, "the donor, whose wristband was scanned");
  }
};

namespace shapes {
// api/product_json.cpp's product; `listed` adds its donor.
struct Product {
  static nlohmann::json schema(bool listed = false);
};
struct ListedProduct {
  static nlohmann::json schema() { return Product::schema(true); }
};
// api/product_json.cpp's trace: the product and its custody events in order.
struct ProductTrace {
  static nlohmann::json schema();
};
}  // namespace shapes

using ProductJson = ShapedJson<shapes::Product>;
using ListedProductJson = ShapedJson<shapes::ListedProduct>;
using ProductTraceJson = ShapedJson<shapes::ProductTrace>;

// The harvest's products, each with its DIN (a label for each to print).
struct HarvestOut {
  static constexpr const char* kSchema = "ProductHarvested";
  std::int64_t episode_id = 0;
  std::vector<ProductJson> products;
  template <class V>
  static void fields(V& v) {
    v("episode_id", &HarvestOut::episode_id, "");
    v("products", &HarvestOut::products, "the products made, in DIN order");
  }
};

}  // namespace rp::api::contract
