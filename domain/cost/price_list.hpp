#pragma once
// A centre's price list (issue 19): what each step of the treatment costs there, for the
// Jalali years it is valid. The items are the seed's: the consultation, imaging and blood
// tests, the harvest by source, the laboratory's processing with or without expansion,
// and the injection by guidance. A list is edited by writing a new version of it (an
// estimate keeps the version it used); a centre's current lists never cover one year
// twice. Pure: the store keeps the lists, service/ checks who may write them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/money.hpp"
#include "domain/episode.hpp"

namespace rp::cost {

enum class PriceItem {
  consultation,
  tests,  // imaging and blood tests of the work-up
  harvest_bone_marrow,
  harvest_adipose,
  processing,            // isolation and concentration, the same day
  processing_expansion,  // culture expansion over weeks
  injection_ultrasound,
  injection_fluoroscopy,
};
std::string_view to_string(PriceItem i);
// InputError(field, unknown_price_item) naming the known items.
PriceItem parse_price_item(std::string_view text, std::string_view field = "item");
const std::vector<PriceItem>& all_price_items();

// The Jalali years a list may name (the seed's prices are of 1402-1403).
inline constexpr int kFirstPriceYear = 1390, kLastPriceYear = 1499;
// The most one step may cost: a treatment's five steps then always sum within Money's
// range (a trillion tomans a step is far above any price).
inline constexpr std::int64_t kMaxStepRials = Money::kMaxRials / 8;

struct PriceLine {
  PriceItem item = PriceItem::consultation;
  Money amount;
};

struct PriceList {
  std::int64_t id = 0;
  std::int64_t series_id = 0;  // the first version's id: every version of one list shares it
  int version = 1;
  std::string centre_id;
  int from_year = 0, to_year = 0;  // Jalali years, both included
  std::vector<PriceLine> lines;    // in all_price_items() order once validated
  std::string note;                // what changed, in the editor's words
  std::string created_by, created_at;
  std::optional<std::string> superseded_at;  // a later version replaced it

  bool covers(int jalali_year) const { return from_year <= jalali_year && jalali_year <= to_year; }
  std::optional<Money> price_of(PriceItem item) const;
};

// The years in range and in order (valid_from_year, valid_to_year), at least one line,
// no item twice and every amount above zero and at most kMaxStepRials (lines), a note of
// at most 500 bytes; sorts the lines. InputError naming the first bad field.
void validate_price_list(PriceList& list);

// InputError(valid_from_year, price_periods_overlap) when `candidate`'s years meet those
// of another current list of its centre (a version of its own series is no other list).
void check_no_overlap(const PriceList& candidate, const std::vector<PriceList>& current);

// What one treatment is made of, as the price list prices it.
struct Treatment {
  CellSource source = CellSource::bone_marrow;
  bool expansion = false;
  Guidance guidance = Guidance::ultrasound;
};

// The treatment's lines, each priced by the list: consultation, tests, the harvest of its
// source, its processing, its injection. InputError(field, item_not_priced) naming the
// first the list does not price (the centre does not offer it).
std::vector<PriceLine> treatment_lines(const PriceList& list, const Treatment& t, std::string_view field = "treatment");

}  // namespace rp::cost
