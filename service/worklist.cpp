#include "service/worklist.hpp"

#include <algorithm>
#include <map>

#include "base/error.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"
#include "store/audit_chain.hpp"

namespace rp::service {
namespace {

// Fills the protocol's words and flags into the item rows; protocols are parsed once
// per process, and looked up once per read here.
WorklistEntry entry(const store::WorklistItemRow& row, const CivilDate& date,
                    std::map<std::string, std::shared_ptr<const Protocol>>& protocols) {
  auto& protocol = protocols[row.who.protocol_id];
  if (!protocol) protocol = load_protocol(row.who.protocol_id);
  WorklistEntry e{row.who, row.item, {row.item.id, row.item.id}, timeline_state(row.item, date), false};
  if (const ProtocolItem* p = protocol->find_item(row.item.id)) {
    e.title = p->title;
    e.needs_prescriber_approval =
        std::find(p->flags.begin(), p->flags.end(), "needs_prescriber_approval") != p->flags.end();
  }
  return e;
}

}  // namespace

Worklist worklist(store::Store& store, const Clock& clock, const Actor& actor, std::optional<CivilDate> date,
                  const GuessAlert& guesses) {
  require(actor, Permission::patient_read);
  if (actor.centre.empty()) throw InputError("centre", "the worklist is per centre; this account has none");
  Worklist w;
  w.date = date.value_or(clock.today());
  const store::WorklistQuery query{actor.centre, w.date, w.date.plus_days(kHoldLookaheadDays)};
  std::vector<store::WorklistItemRow> items;
  std::vector<store::WorklistProductRow> products;
  store.write([&](store::Transaction& tx) {
    items = tx.worklist_items(query);
    w.red_flags = tx.worklist_red_flags(actor.centre);
    // The number to call from the flag's card, for the roles shown mobiles in lists.
    if (!identifiers_shown(actor, PatientView::search_results).mobile)
      for (auto& f : w.red_flags) f.mobile.clear();
    products = tx.worklist_awaiting_release(actor.centre);
    w.code_guesses = tx.worklist_code_guesses(actor.centre, Clock::fixed(clock.now_ms() - guesses.window_ms).now_iso(),
                                              guesses.min_wrong);
    store::AuditEntry row = audit_entry(clock, actor, actor.centre, "worklist.read", "worklist", w.date.iso(),
                                        std::to_string(items.size()) + " items, " + std::to_string(w.red_flags.size()) +
                                            " red flags, " + std::to_string(products.size()) + " products, " +
                                            std::to_string(w.code_guesses.size()) + " codes being guessed");
    // Every patient the list shows, by id, so the log answers who saw whom.
    std::vector<std::int64_t> shown;
    shown.reserve(items.size() + w.red_flags.size() + products.size() + w.code_guesses.size());
    for (const auto& i : items) shown.push_back(i.who.patient_id);
    for (const auto& f : w.red_flags) shown.push_back(f.who.patient_id);
    for (const auto& p : products) shown.push_back(p.who.patient_id);
    for (const auto& g : w.code_guesses) shown.push_back(g.patient_id);
    row.shown = store::format_shown(std::move(shown));
    tx.append_audit(row);
  });
  std::map<std::string, std::shared_ptr<const Protocol>> protocols;
  for (const auto& row : items) {
    WorklistEntry e = entry(row, w.date, protocols);
    auto& section = row.item.kind == "hold" ? w.holds : row.item.kind == "questionnaire" ? w.questionnaires : w.visits;
    section.push_back(std::move(e));
  }
  for (const auto& p : products) {
    std::optional<int> days;
    if (p.harvest_date) days = static_cast<int>(w.date.days_since_epoch() - p.harvest_date->days_since_epoch());
    w.awaiting_release.push_back({p.who, p.harvest_date, days});
  }
  return w;
}

}  // namespace rp::service
