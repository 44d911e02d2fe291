#pragma once
// The cell product as the API reads and writes it (api/routes_products.cpp): the bedside
// check and the injection through it. A product and its custody chain travel as
// api/product_json.cpp writes them (the command line prints the same), with their shape
// stated here for the document.
#include <optional>
#include <string>

#include "api/contract/enums.hpp"
#include "api/contract/shaped_json.hpp"
#include "api/http/query.hpp"

namespace rp::api::contract {

using http::FieldRule;

// A DIN is 13 characters, 14 with its check character; a scan may carry its data
// identifier and flag: the service's parser reads and checks it.
inline constexpr std::size_t kDinBytes = 32;

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
  std::optional<std::string> location;
  template <class V>
  static void fields(V& v) {
    v("mrn", &InjectionIn::mrn, "the record number on the patient's wristband, scanned now",
      FieldRule{.max_bytes = 64});
    v("guidance", &InjectionIn::guidance, "ultrasound (default) or fluoroscopy", FieldRule{.max_bytes = 16});
    v("dose_cells", &InjectionIn::dose_cells, "cells injected");
    v("location", &InjectionIn::location, "where the injection is given", FieldRule{.max_bytes = 200});
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

}  // namespace rp::api::contract
