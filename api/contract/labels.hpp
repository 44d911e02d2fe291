#pragma once
// GET /api/v1/products/{din}/label and /api/v1/patients/{patient_id}/wristband: a
// printable label (api/labels) as SVG for the screen or PDF for the label printer, in
// English or Persian.
#include <optional>
#include <string>
#include <vector>

#include "api/http/query.hpp"

namespace rp::api::contract {

inline std::vector<std::string> label_formats() { return {"svg", "pdf"}; }
inline std::vector<std::string> label_languages() { return {"en", "fa"}; }

struct LabelQuery {
  std::optional<std::string> format, lang, location;
  template <class V>
  static void fields(V& v) {
    using http::ParamRule;
    v("format", &LabelQuery::format, "svg (the default) or pdf, for the label printer",
      ParamRule{.max_bytes = 8, .empty_is_absent = true, .values = label_formats});
    v("lang", &LabelQuery::lang,
      "en (the default: Gregorian dates) or fa (right to left, Jalali dates, Persian digits)",
      ParamRule{.max_bytes = 8, .empty_is_absent = true, .values = label_languages});
    v("location", &LabelQuery::location,
      "where the label is printed, for the product's chain of custody and the audit row",
      ParamRule{.max_bytes = 200, .empty_is_absent = true});
  }
};

// A printed sheet's language (the payment plan's).
struct SheetQuery {
  std::optional<std::string> lang;
  template <class V>
  static void fields(V& v) {
    v("lang", &SheetQuery::lang,
      "en (the default: Gregorian dates) or fa (right to left, Jalali dates, Persian digits)",
      http::ParamRule{.max_bytes = 8, .empty_is_absent = true, .values = label_languages});
  }
};

}  // namespace rp::api::contract
