#pragma once
// Price lists, insurers and estimates (issue 19; service/price_lists.hpp). Amounts are
// integer rials; a screen shows them in tomans (rials / 10).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/contract/enums.hpp"
#include "api/http/query.hpp"
#include "domain/cost/instalments.hpp"
#include "domain/cost/insurance.hpp"
#include "service/price_lists.hpp"

namespace rp::api::http {
namespace enum_names {
inline constexpr char kPriceItem[] = "PriceItem";
}
template <>
struct EnumNames<cost::PriceItem> : ParsedEnum<cost::PriceItem, enum_names::kPriceItem, cost::parse_price_item> {
  static std::vector<cost::PriceItem> values() { return cost::all_price_items(); }
};
}  // namespace rp::api::http

namespace rp::api::contract {

using http::FieldRule;

struct PriceLineIO {
  static constexpr const char* kSchema = "PriceLine";
  cost::PriceItem item = cost::PriceItem::consultation;
  std::int64_t amount_rials = 0;
  template <class V>
  static void fields(V& v) {
    v("item", &PriceLineIO::item,
      "consultation, tests (imaging and blood tests), harvest_bone_marrow, harvest_adipose, processing, "
      "processing_expansion, injection_ultrasound or injection_fluoroscopy");
    v("amount_rials", &PriceLineIO::amount_rials, "integer rials, above zero (tomans = rials / 10)");
  }
};

struct PriceListIn {
  static constexpr const char* kSchema = "NewPriceList";
  std::int64_t valid_from_year = 0, valid_to_year = 0;
  std::vector<PriceLineIO> lines;
  std::optional<std::string> note;
  std::optional<std::int64_t> replaces;
  template <class V>
  static void fields(V& v) {
    v("valid_from_year", &PriceListIn::valid_from_year, "the first Jalali year it is valid (1390-1499)");
    v("valid_to_year", &PriceListIn::valid_to_year, "the last Jalali year it is valid, included");
    v("lines", &PriceListIn::lines, "each item the centre offers, once", FieldRule{.max_items = 16});
    v("note", &PriceListIn::note, "what changed, kept with the version", FieldRule{.max_bytes = 500});
    v("replaces", &PriceListIn::replaces,
      "the id of the current version this one replaces (it is kept, marked superseded); left out: a new list");
  }
};

struct PriceListOut {
  static constexpr const char* kSchema = "PriceList";
  std::int64_t id = 0, series_id = 0, version = 0, valid_from_year = 0, valid_to_year = 0;
  std::string centre, note, created_by, created_at;
  std::optional<std::string> superseded_at;
  std::vector<PriceLineIO> lines;
  template <class V>
  static void fields(V& v) {
    v("id", &PriceListOut::id, "this version's id");
    v("series_id", &PriceListOut::series_id, "the list's: the first version's id, shared by every version");
    v("version", &PriceListOut::version, "1 for the first");
    v("centre", &PriceListOut::centre, "");
    v("valid_from_year", &PriceListOut::valid_from_year, "Jalali");
    v("valid_to_year", &PriceListOut::valid_to_year, "Jalali, included");
    v("lines", &PriceListOut::lines, "in the items' order");
    v("note", &PriceListOut::note, "");
    v("created_by", &PriceListOut::created_by, "");
    v("created_at", &PriceListOut::created_at, "UTC instant");
    v("superseded_at", &PriceListOut::superseded_at, "when a later version replaced it; left out while current",
      FieldRule{.omit_when_empty = true});
  }
};

struct PriceListsOut {
  static constexpr const char* kSchema = "PriceLists";
  std::vector<PriceListOut> price_lists;
  template <class V>
  static void fields(V& v) {
    v("price_lists", &PriceListsOut::price_lists, "by first year, then list and version");
  }
};

inline std::vector<std::string> true_false() { return {"true", "false"}; }

struct PriceListsQuery {
  std::optional<std::string> history;
  template <class V>
  static void fields(V& v) {
    v("history", &PriceListsQuery::history, "true: every version ever written, not only the current ones",
      http::ParamRule{.max_bytes = 8, .empty_is_absent = true, .values = true_false});
  }
};

struct InsurerOut {
  static constexpr const char* kSchema = "Insurer";
  std::string id, kind, name_en, name_fa, conditions_en, conditions_fa;
  std::int64_t share_percent = 0, ceiling_rials = 0, waiting_months = 0;
  std::vector<cost::PriceItem> covers;
  template <class V>
  static void fields(V& v) {
    v("id", &InsurerOut::id, "");
    v("kind", &InsurerOut::kind, "basic (pays nothing for this treatment) or supplementary");
    v("name_en", &InsurerOut::name_en, "");
    v("name_fa", &InsurerOut::name_fa, "");
    v("share_percent", &InsurerOut::share_percent, "of the items it covers");
    v("ceiling_rials", &InsurerOut::ceiling_rials, "the most it pays for one treatment; 0: no ceiling");
    v("waiting_months", &InsurerOut::waiting_months, "insured this long before it pays anything");
    v("covers", &InsurerOut::covers, "the items its share applies to");
    v("conditions_en", &InsurerOut::conditions_en, "");
    v("conditions_fa", &InsurerOut::conditions_fa, "");
  }
};

struct InsurersOut {
  static constexpr const char* kSchema = "Insurers";
  std::vector<InsurerOut> insurers;
  template <class V>
  static void fields(V& v) {
    v("insurers", &InsurersOut::insurers, "as insurance/insurers.yaml lists them");
  }
};

struct InsuredByIn {
  static constexpr const char* kSchema = "InsuredBy";
  std::string insurer;
  std::int64_t months_insured = 0;
  template <class V>
  static void fields(V& v) {
    v("insurer", &InsuredByIn::insurer, "an insurer's id (GET /api/v1/insurers)", FieldRule{.max_bytes = 64});
    v("months_insured", &InsuredByIn::months_insured, "how long the patient has been insured by it, in months");
  }
};

struct EstimateIn {
  static constexpr const char* kSchema = "EstimateRequest";
  std::int64_t year = 0;
  CellSource cell_source = CellSource::bone_marrow;
  bool expansion = false;
  Guidance guidance = Guidance::ultrasound;
  std::vector<InsuredByIn> insurers;
  std::optional<std::int64_t> down_rials, months;
  std::optional<CivilDate> first_due;
  template <class V>
  static void fields(V& v) {
    v("year", &EstimateIn::year, "the Jalali year of the treatment: its price list is the one current for it");
    v("cell_source", &EstimateIn::cell_source, "");
    v("expansion", &EstimateIn::expansion, "the cells are expanded in the laboratory (weeks)");
    v("guidance", &EstimateIn::guidance, "");
    v("insurers", &EstimateIn::insurers, "the patient's, basic first; none: the patient pays all",
      FieldRule{.max_items = 4});
    v("down_rials", &EstimateIn::down_rials, "with months: an instalment plan of the patient's share");
    v("months", &EstimateIn::months, "monthly instalments after the down payment (1-60)");
    v("first_due", &EstimateIn::first_due, "the first instalment's day, Gregorian, or first_due_jalali");
  }
};

struct PayerOut {
  static constexpr const char* kSchema = "PayerShare";
  std::string insurer, name_en, name_fa, why;
  std::int64_t amount_rials = 0;
  template <class V>
  static void fields(V& v) {
    v("insurer", &PayerOut::insurer, "");
    v("name_en", &PayerOut::name_en, "");
    v("name_fa", &PayerOut::name_fa, "");
    v("amount_rials", &PayerOut::amount_rials, "its share, rounded up to the rial (in the patient's favour)");
    v("why", &PayerOut::why,
      "pays_nothing, waiting_period (not insured long enough), share, ceiling (its share reached the ceiling) or "
      "rest_paid (the payers before it left less)");
  }
};

struct InstalmentOut {
  static constexpr const char* kSchema = "Instalment";
  std::int64_t n = 0, amount_rials = 0;
  std::string due, due_jalali;
  template <class V>
  static void fields(V& v) {
    v("n", &InstalmentOut::n, "1 for the first");
    v("due", &InstalmentOut::due, "YYYY-MM-DD");
    v("due_jalali", &InstalmentOut::due_jalali, "YYYY/MM/DD");
    v("amount_rials", &InstalmentOut::amount_rials, "");
  }
};

struct InstalmentPlanOut {
  static constexpr const char* kSchema = "InstalmentPlan";
  std::int64_t down_rials = 0, financed_rials = 0;
  std::vector<InstalmentOut> instalments;
  template <class V>
  static void fields(V& v) {
    v("down_rials", &InstalmentPlanOut::down_rials, "");
    v("financed_rials", &InstalmentPlanOut::financed_rials, "the patient's share less the down payment");
    v("instalments", &InstalmentPlanOut::instalments,
      "each the even share rounded down to 10,000 rials, the last the remainder");
  }
};

struct EstimateOut {
  static constexpr const char* kSchema = "Estimate";
  std::int64_t price_list_id = 0, price_list_series = 0, price_list_version = 0;
  std::vector<PriceLineIO> lines;
  std::int64_t total_rials = 0, patient_rials = 0;
  std::vector<PayerOut> payers;
  std::optional<InstalmentPlanOut> instalments;
  template <class V>
  static void fields(V& v) {
    v("price_list_id", &EstimateOut::price_list_id, "the version priced with");
    v("price_list_series", &EstimateOut::price_list_series, "");
    v("price_list_version", &EstimateOut::price_list_version, "");
    v("lines", &EstimateOut::lines, "consultation, tests, harvest, processing, injection");
    v("total_rials", &EstimateOut::total_rials, "");
    v("payers", &EstimateOut::payers, "each insurer's share, in the order asked");
    v("patient_rials", &EstimateOut::patient_rials, "the total less every payer's share: they sum exactly");
    v("instalments", &EstimateOut::instalments, "when months were given", FieldRule{.omit_when_empty = true});
  }
};

PriceListOut price_list_out(const cost::PriceList& l);
cost::PriceList to_price_list(const PriceListIn& in, const std::string& centre);
InsurerOut insurer_out(const cost::Insurer& i);
service::EstimateRequest to_estimate_request(const EstimateIn& in, const std::string& centre);
EstimateOut estimate_out(const service::PricedEstimate& e, const cost::InsuranceRules& rules,
                         const std::optional<cost::InstalmentPlan>& plan);

}  // namespace rp::api::contract
