#include "domain/cost/price_list.hpp"

#include <algorithm>

#include "base/error.hpp"

namespace rp::cost {

std::string_view to_string(PriceItem i) {
  switch (i) {
    case PriceItem::consultation:
      return "consultation";
    case PriceItem::tests:
      return "tests";
    case PriceItem::harvest_bone_marrow:
      return "harvest_bone_marrow";
    case PriceItem::harvest_adipose:
      return "harvest_adipose";
    case PriceItem::processing:
      return "processing";
    case PriceItem::processing_expansion:
      return "processing_expansion";
    case PriceItem::injection_ultrasound:
      return "injection_ultrasound";
    case PriceItem::injection_fluoroscopy:
      return "injection_fluoroscopy";
  }
  return "consultation";
}

const std::vector<PriceItem>& all_price_items() {
  static const std::vector<PriceItem> items = {PriceItem::consultation,         PriceItem::tests,
                                               PriceItem::harvest_bone_marrow,  PriceItem::harvest_adipose,
                                               PriceItem::processing,           PriceItem::processing_expansion,
                                               PriceItem::injection_ultrasound, PriceItem::injection_fluoroscopy};
  return items;
}

PriceItem parse_price_item(std::string_view text, std::string_view field) {
  for (PriceItem i : all_price_items())
    if (text == to_string(i)) return i;
  std::string known;
  for (PriceItem i : all_price_items()) known += (known.empty() ? "" : ", ") + std::string(to_string(i));
  throw InputError(std::string(field), "unknown_price_item"_err, {{"known", known}});
}

std::optional<Money> PriceList::price_of(PriceItem item) const {
  for (const auto& l : lines)
    if (l.item == item) return l.amount;
  return std::nullopt;
}

void validate_price_list(PriceList& list) {
  const auto year_ok = [](int y) { return y >= kFirstPriceYear && y <= kLastPriceYear; };
  for (const auto& [field, year] :
       {std::pair{"valid_from_year", list.from_year}, std::pair{"valid_to_year", list.to_year}})
    if (!year_ok(year))
      throw InputError(field, "integer_range"_err,
                       {{"name", field}, {"min", kFirstPriceYear}, {"max", kLastPriceYear}});
  if (list.to_year < list.from_year) throw InputError("valid_to_year", "price_years_reversed"_err);
  if (list.lines.empty()) throw InputError("lines", "price_list_empty"_err);
  std::sort(list.lines.begin(), list.lines.end(),
            [](const PriceLine& a, const PriceLine& b) { return a.item < b.item; });
  for (std::size_t i = 0; i < list.lines.size(); ++i) {
    const std::string field = "lines." + std::string(to_string(list.lines[i].item));
    if (i > 0 && list.lines[i].item == list.lines[i - 1].item) throw InputError(field, "price_item_twice"_err);
    if (list.lines[i].amount <= Money()) throw InputError(field, "amount_not_positive"_err);
    if (list.lines[i].amount.in_rials() > kMaxStepRials)
      throw InputError(field, "amount_too_large"_err, {{"max", kMaxStepRials}});
  }
  if (list.note.size() > 500) throw InputError("note", "too_many_bytes"_err, {{"max", 500}});
}

void check_no_overlap(const PriceList& candidate, const std::vector<PriceList>& current) {
  for (const auto& other : current) {
    if (other.centre_id != candidate.centre_id || other.superseded_at) continue;
    if (candidate.series_id != 0 && other.series_id == candidate.series_id) continue;
    if (other.from_year <= candidate.to_year && candidate.from_year <= other.to_year)
      throw InputError("valid_from_year", "price_periods_overlap"_err,
                       {{"list", other.series_id}, {"from", other.from_year}, {"to", other.to_year}});
  }
}

std::vector<PriceLine> treatment_lines(const PriceList& list, const Treatment& t, std::string_view field) {
  const PriceItem harvest =
      t.source == CellSource::adipose ? PriceItem::harvest_adipose : PriceItem::harvest_bone_marrow;
  const PriceItem processing = t.expansion ? PriceItem::processing_expansion : PriceItem::processing;
  const PriceItem injection =
      t.guidance == Guidance::fluoroscopy ? PriceItem::injection_fluoroscopy : PriceItem::injection_ultrasound;
  std::vector<PriceLine> out;
  for (PriceItem item : {PriceItem::consultation, PriceItem::tests, harvest, processing, injection}) {
    const auto price = list.price_of(item);
    if (!price)
      throw InputError(std::string(field), "item_not_priced"_err,
                       {{"item", std::string(to_string(item))}, {"list", list.series_id}});
    out.push_back({item, *price});
  }
  return out;
}

}  // namespace rp::cost
