#include "api/contract/costs.hpp"

#include <algorithm>

#include "base/jalali.hpp"

namespace rp::api::contract {

PriceListOut price_list_out(const cost::PriceList& l) {
  PriceListOut out;
  out.id = l.id;
  out.series_id = l.series_id;
  out.version = l.version;
  out.valid_from_year = l.from_year;
  out.valid_to_year = l.to_year;
  out.centre = l.centre_id;
  out.note = l.note;
  out.created_by = l.created_by;
  out.created_at = l.created_at;
  out.superseded_at = l.superseded_at;
  for (const auto& line : l.lines) out.lines.push_back({line.item, line.amount.in_rials()});
  return out;
}

cost::PriceList to_price_list(const PriceListIn& in, const std::string& centre) {
  cost::PriceList l;
  l.centre_id = centre;
  // Out of int's range is out of the years' range: the domain names the field.
  const auto year = [](std::int64_t y) { return static_cast<int>(std::clamp<std::int64_t>(y, -1, 100000)); };
  l.from_year = year(in.valid_from_year);
  l.to_year = year(in.valid_to_year);
  l.note = in.note.value_or("");
  for (std::size_t i = 0; i < in.lines.size(); ++i) {
    const auto& line = in.lines[i];
    if (line.amount_rials <= 0 || line.amount_rials > Money::kMaxRials)
      throw InputError("lines[" + std::to_string(i) + "].amount_rials", "integer_range"_err,
                       {{"name", "amount_rials"}, {"min", 1}, {"max", Money::kMaxRials}});
    l.lines.push_back({line.item, Money::rials(line.amount_rials)});
  }
  return l;
}

InsurerOut insurer_out(const cost::Insurer& i) {
  InsurerOut out;
  out.id = i.id;
  out.kind = i.kind == cost::InsurerKind::basic ? "basic" : "supplementary";
  out.name_en = i.name.en;
  out.name_fa = i.name.fa;
  out.share_percent = i.share_percent;
  out.ceiling_rials = i.ceiling.in_rials();
  out.waiting_months = i.waiting_months;
  out.covers = i.covers;
  out.conditions_en = i.conditions.en;
  out.conditions_fa = i.conditions.fa;
  return out;
}

service::EstimateRequest to_estimate_request(const EstimateIn& in, const std::string& centre) {
  service::EstimateRequest r;
  r.centre = centre;
  r.year = static_cast<int>(std::clamp<std::int64_t>(in.year, -1, 100000));
  r.treatment = {in.cell_source, in.expansion, in.guidance};
  for (const auto& by : in.insurers)
    r.insurers.push_back({by.insurer, static_cast<int>(std::clamp<std::int64_t>(by.months_insured, -1, 100000))});
  return r;
}

EstimateOut estimate_out(const service::PricedEstimate& e, const cost::InsuranceRules& rules,
                         const std::optional<cost::InstalmentPlan>& plan) {
  EstimateOut out;
  out.price_list_id = e.list.id;
  out.price_list_series = e.list.series_id;
  out.price_list_version = e.list.version;
  for (const auto& line : e.estimate.lines) out.lines.push_back({line.item, line.amount.in_rials()});
  out.total_rials = e.estimate.total.in_rials();
  for (const auto& p : e.estimate.payers) {
    const auto& insurer = rules.find(p.insurer);
    out.payers.push_back({p.insurer, insurer.name.en, insurer.name.fa, p.why, p.amount.in_rials()});
  }
  out.patient_rials = e.estimate.patient.in_rials();
  if (plan) {
    InstalmentPlanOut p;
    p.down_rials = plan->down.in_rials();
    p.financed_rials = plan->financed.in_rials();
    for (const auto& i : plan->instalments) {
      std::string jalali = to_jalali(i.due).iso();  // YYYY/MM/DD, as the command line writes it
      std::replace(jalali.begin(), jalali.end(), '-', '/');
      p.instalments.push_back({i.n, i.amount.in_rials(), i.due.iso(), jalali});
    }
    out.instalments = p;
  }
  return out;
}

}  // namespace rp::api::contract
