#include "service/price_lists.hpp"

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {

void require_centre(const Actor& actor, const std::string& centre) {
  if (!actor.sees_centre(centre))
    throw NotFoundError("centre", "centre_not_found"_err, {{"centre", centre.substr(0, 64)}});
}

std::string summary(const cost::PriceList& l) {
  std::string out = "list " + std::to_string(l.series_id) + " version " + std::to_string(l.version) + ", " +
                    std::to_string(l.from_year) + "-" + std::to_string(l.to_year) + ":";
  for (const auto& line : l.lines)
    out += " " + std::string(cost::to_string(line.item)) + "=" + std::to_string(line.amount.in_rials());
  if (!l.note.empty()) out += "; " + l.note;
  return out;
}

}  // namespace

std::vector<cost::PriceList> PriceLists::of_centre(const Actor& actor, const std::string& centre,
                                                   bool with_superseded) {
  require(actor, Permission::centre_read);
  require_centre(actor, centre);
  std::vector<cost::PriceList> out;
  store_.read(record_scope(actor), [&](store::Transaction& tx) { out = tx.price_lists_of(centre, with_superseded); });
  return out;
}

cost::PriceList PriceLists::find(const Actor& actor, std::int64_t id) {
  require(actor, Permission::centre_read);
  std::optional<cost::PriceList> found;
  store_.read(record_scope(actor), [&](store::Transaction& tx) { found = tx.find_price_list(id); });
  if (!found || !actor.sees_centre(found->centre_id))
    throw NotFoundError("price_list", "price_list_not_found"_err, {{"id", id}});
  return *found;
}

cost::PriceList PriceLists::save(const Actor& actor, cost::PriceList draft, std::int64_t replaces) {
  require(actor, Permission::centre_edit);
  require_centre(actor, draft.centre_id);
  cost::validate_price_list(draft);
  draft.created_by = actor.user;
  draft.created_at = clock_.now_iso();
  draft.superseded_at.reset();
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    if (!tx.find_centre(draft.centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", draft.centre_id.substr(0, 64)}});
    draft.series_id = 0;
    draft.version = 1;
    if (replaces != 0) {
      const auto before = tx.find_price_list(replaces);
      if (!before || before->centre_id != draft.centre_id)
        throw NotFoundError("replaces", "price_list_not_found"_err, {{"id", replaces}});
      if (before->superseded_at) throw ConflictError("replaces", "price_list_superseded"_err, {{"id", replaces}});
      draft.series_id = before->series_id;
      draft.version = before->version + 1;
    }
    cost::check_no_overlap(draft, tx.price_lists_of(draft.centre_id, false));
    if (replaces != 0) tx.supersede_price_list(replaces, draft.created_at);
    draft.id = tx.insert_price_list(draft);
    if (draft.series_id == 0) draft.series_id = draft.id;
    tx.append_audit(audit_entry(clock_, actor, draft.centre_id, "price_list.save", "price_list",
                                std::to_string(draft.id), summary(draft)));
  });
  return draft;
}

PricedEstimate PriceLists::estimate(const Actor& actor, const EstimateRequest& request) {
  require(actor, Permission::centre_read);
  require_centre(actor, request.centre);
  return priced(actor, request);
}

PricedEstimate PriceLists::own_estimate(const Actor& patient, EstimateRequest request) {
  require(patient, Permission::portal_own);
  request.centre = patient.centre;
  return priced(patient, request);
}

PricedEstimate PriceLists::priced(const Actor& actor, const EstimateRequest& request) {
  const auto& rules = insurance_rules();
  std::vector<cost::Cover> cover;
  for (std::size_t i = 0; i < request.insurers.size(); ++i) {
    const std::string field = "insurers[" + std::to_string(i) + "]";
    const auto& by = request.insurers[i];
    if (by.months_insured < 0 || by.months_insured > 1200)
      throw InputError(field + ".months_insured", "integer_range"_err,
                       {{"name", field + ".months_insured"}, {"min", 0}, {"max", 1200}});
    cover.push_back({&rules.find(by.insurer, field + ".insurer"), by.months_insured});
  }
  PricedEstimate out;
  bool found = false;
  std::vector<cost::PriceList> lists;
  store_.read(record_scope(actor), [&](store::Transaction& tx) {
    lists = tx.price_lists_of(request.centre, false);
    out.centre = tx.find_centre(request.centre).value_or(Centre{});
  });
  for (const auto& l : lists) {
    if (!l.covers(request.year)) continue;
    out.list = l;
    found = true;
  }
  if (!found) throw NotFoundError("year", "no_price_list_for_year"_err, {{"year", request.year}});
  out.estimate = cost::estimate(cost::treatment_lines(out.list, request.treatment), cover);
  return out;
}

}  // namespace rp::service
