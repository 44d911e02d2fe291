#include "service/worklist.hpp"
#include "service/centre_scope.hpp"

#include <algorithm>
#include <map>

#include "base/error.hpp"
#include "domain/product/din.hpp"
#include "domain/worklist_rules.hpp"
#include "service/audit_entry.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"
#include "store/audit_chain.hpp"

namespace rp::service {
namespace {

// One entry per pending test, the soonest due first, those without a day last.
std::vector<WorklistQcDue> qc_due_entries(const std::vector<store::WorklistQcPendingRow>& rows, const CivilDate& day) {
  std::vector<WorklistQcDue> out;
  for (const auto& r : rows) {
    const std::string din = product::parse_din(r.din).with_check();
    for (const auto& [test, name] : {std::pair{&r.sterility, "sterility"}, std::pair{&r.endotoxin, "endotoxin"},
                                     std::pair{&r.mycoplasma, "mycoplasma"}})
      if (test->result == product::QcResult::pending)
        out.push_back({r.who, din, r.state, name, test->due, test->due && *test->due < day});
  }
  std::stable_sort(out.begin(), out.end(), [](const WorklistQcDue& a, const WorklistQcDue& b) {
    if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
    return a.due && *a.due < *b.due;
  });
  return out;
}

const ProtocolItem* protocol_item(const std::string& protocol_id, const std::string& item_id) {
  return load_protocol(protocol_id)->find_item(item_id);
}

// Fills the protocol's words and flags into a hold's row.
WorklistEntry hold_entry(const store::WorklistOpenItemRow& row, const CivilDate& date, const Actor& actor) {
  WorklistEntry e{row.who, row.item,     {row.item.id, row.item.id}, timeline_state(row.item, date), false,
                  "hold",  "coordinator"};
  if (identifiers_shown(actor, PatientView::search_results).mobile) e.mobile = row.mobile;
  if (const ProtocolItem* p = protocol_item(row.who.protocol_id, row.item.id)) {
    e.title = p->title;
    e.responsible = responsible_role(*p);
    e.needs_prescriber_approval =
        std::find(p->flags.begin(), p->flags.end(), "needs_prescriber_approval") != p->flags.end();
  }
  return e;
}

std::string group_of(const ScheduledItem& item, const CivilDate& date) {
  if (item.status != ItemStatus::planned) return "closed";
  if (item.status == ItemStatus::planned && item.window_end < date) return "window_closed";
  if (item.start == date) return "today";
  return item.start < date ? "overdue" : "upcoming";
}

// The items a role is responsible for, of those `kept`, as the store's query names them:
// ",protocol/item,...", or "" for any role; "," alone keeps nothing (no item of any
// protocol is the role's).
template <typename Kept>
std::string items_of(const std::string& responsible, Kept kept) {
  if (responsible.empty()) return "";
  std::string out = ",";
  for (const auto& id : protocol_names())
    for (const auto& item : load_protocol(id)->items)
      if (kept(item) && responsible_role(item) == responsible) out += id + "/" + item.id + ",";
  return out;
}

// A count the store was asked to stop one past kCountedUpTo: the count shown, and whether
// more are there.
void cap_count(std::int64_t& total, bool& capped) {
  capped = total > kCountedUpTo;
  total = std::min<std::int64_t>(total, kCountedUpTo);
}

}  // namespace

void check_filter(const WorklistFilter& f) {
  if (!f.kind.empty()) parse_worklist_kind(f.kind, "kind");
  if (!f.responsible.empty()) parse_responsible_role(f.responsible, "responsible");
  if (f.patient.size() > 200) throw InputError("patient", "too_many_bytes"_err, {{"max", 200}});
  if (f.limit < 1 || f.limit > 1000) throw InputError("limit", "whole_number_range"_err, {{"min", 1}, {"max", 1000}});
  if (f.offset < 0 || f.offset > 1000000)
    throw InputError("offset", "whole_number_range"_err, {{"min", 0}, {"max", 1000000}});
  if (f.closed_offset < 0 || f.closed_offset > 1000000)
    throw InputError("closed_offset", "whole_number_range"_err, {{"min", 0}, {"max", 1000000}});
  if (f.holds_offset < 0 || f.holds_offset > 1000000)
    throw InputError("holds_offset", "whole_number_range"_err, {{"min", 0}, {"max", 1000000}});
}

store::WorklistItemsQuery holds_query(const std::string& centre, const CivilDate& date, const WorklistFilter& f) {
  return {
      centre,  date,           date.plus_days(kHoldLookaheadDays),
      "",      f.patient,      items_of(f.responsible, [](const ProtocolItem& item) { return item.kind == "hold"; }),
      f.limit, f.holds_offset, {}};
}

store::WorklistItemsQuery items_query(const std::string& centre, const CivilDate& date, const WorklistFilter& f) {
  store::WorklistItemsQuery q{centre,   date,   date.plus_days(kUpcomingDays), f.kind, f.patient, "", f.limit,
                              f.offset, f.after};
  q.items = items_of(f.responsible, [](const ProtocolItem& item) { return on_worklist(item.kind); });
  q.count_up_to = kCountedUpTo + 1;  // one more: whether there are more than are said
  return q;
}

WorklistEntry worklist_entry(const store::WorklistOpenItemRow& row, const CivilDate& date, const Actor& actor) {
  WorklistEntry e{
      row.who,  row.item, {row.item.id, row.item.id}, timeline_state(row.item, date), false, group_of(row.item, date),
      "surgeon"};
  if (const ProtocolItem* p = protocol_item(row.who.protocol_id, row.item.id)) {
    e.title = p->title;
    e.responsible = responsible_role(*p);
  }
  if (identifiers_shown(actor, PatientView::search_results).mobile) e.mobile = row.mobile;
  return e;
}

store::WorklistCursor cursor_after(const store::WorklistOpenItemRow& row, const CivilDate& date) {
  const std::string group = group_of(row.item, date);
  const int part = group == "today" ? 0 : group == "overdue" ? 1 : 2;
  return {part, row.item.window_end, row.item.start, row.who.episode_id, row.item.id};
}

Worklist worklist(store::Store& store, const Clock& clock, const Actor& actor, std::optional<CivilDate> date,
                  const GuessAlert& guesses, const WorklistFilter& filter) {
  require(actor, Permission::patient_read);
  if (actor.centre.empty()) throw InputError("centre", "worklist_needs_centre"_err);
  check_filter(filter);
  Worklist w;
  w.date = date.value_or(clock.today());
  w.filter = filter;
  store::WorklistItemsQuery query = items_query(actor.centre, w.date, filter);
  const store::WorklistItemsQuery holds_page = holds_query(actor.centre, w.date, filter);
  const bool holds_only = filter.kind == "hold";
  const bool with_holds = filter.kind.empty() || holds_only;
  std::vector<store::WorklistOpenItemRow> items, closed, holds;
  std::vector<store::WorklistProductRow> products;
  std::vector<store::WorklistQcPendingRow> qc_pending;
  const bool show_mobile = identifiers_shown(actor, PatientView::search_results).mobile;
  // One row more than the page: whether another page follows.
  ++query.limit;
  store.snapshot(record_scope(actor), [&](store::Transaction& tx) {
    if (!holds_only) {
      items = tx.worklist_open_items(query);
      w.items_total = tx.worklist_open_count(query);
      store::WorklistItemsQuery closed_query = query;
      closed_query.limit = filter.limit;
      closed_query.offset = filter.closed_offset;
      closed_query.after.reset();
      closed = tx.worklist_window_closed(closed_query);
      w.window_closed_total = tx.worklist_window_closed_count(closed_query);
    }
    if (with_holds) {
      holds = tx.worklist_holds(holds_page);
      w.holds_total = tx.worklist_holds_count(holds_page);
    }
    w.red_flags = tx.worklist_red_flags(actor.centre);
    products = tx.worklist_awaiting_release(actor.centre, kLabProductsShown);
    qc_pending = tx.worklist_qc_pending(actor.centre, kLabProductsShown);
    w.bedside_refusals = tx.worklist_bedside_refusals(
        actor.centre, Clock::fixed(clock.now_ms() - std::int64_t{kRefusalAlertDays} * 86400000).now_iso(), 50);
    w.code_guesses = tx.worklist_code_guesses(actor.centre, Clock::fixed(clock.now_ms() - guesses.window_ms).now_iso(),
                                              guesses.min_wrong);
    std::map<std::int64_t, std::optional<Patient>> patients;  // a patient read once, however many messages
    w.undelivered_total = tx.count_messages_for_a_person(actor.centre);
    for (auto& m : tx.messages_for_a_person(actor.centre, kUndeliveredMessagesShown)) {
      auto at = patients.find(m.patient_id);
      if (at == patients.end()) at = patients.emplace(m.patient_id, tx.find_patient(m.patient_id)).first;
      if (!at->second) continue;
      const Patient& p = *at->second;
      w.undelivered_messages.push_back({p.id, p.mrn, p.name_fa, p.name_latin, std::move(m)});
    }
    if (allows(actor.role, Permission::payment_record)) w.overdue_payments = overdue_plans(tx, actor.centre, w.date);
  });
  cap_count(w.items_total, w.items_total_capped);
  cap_count(w.window_closed_total, w.window_closed_total_capped);
  if (static_cast<int>(items.size()) > filter.limit) {
    items.resize(filter.limit);
    w.next = cursor_after(items.back(), w.date);
  }
  // The number to call from the flag's card, for the roles shown mobiles in lists.
  if (!show_mobile)
    for (auto& f : w.red_flags) f.mobile.clear();
  store::AuditEntry row = audit_entry(
      clock, actor, actor.centre, "worklist.read", "worklist", w.date.iso(),
      std::to_string(items.size()) + " items, " + std::to_string(closed.size()) + " with the window closed, " +
          std::to_string(holds.size()) + " holds, " + std::to_string(w.red_flags.size()) + " red flags, " +
          std::to_string(products.size()) + " products, " + std::to_string(qc_pending.size()) + " with QC pending, " +
          std::to_string(w.bedside_refusals.size()) + " refused bedside checks, " +
          std::to_string(w.code_guesses.size()) + " codes being guessed, " +
          std::to_string(w.undelivered_messages.size()) + " undelivered messages, " +
          std::to_string(w.overdue_payments.size()) + " overdue payment plans");
  // Every patient the list shows, by id, so the log answers who saw whom.
  std::vector<std::int64_t> shown;
  shown.reserve(items.size() + closed.size() + holds.size() + w.red_flags.size() + products.size() +
                w.bedside_refusals.size() + w.code_guesses.size() + w.undelivered_messages.size() +
                w.overdue_payments.size());
  for (const auto& i : items) shown.push_back(i.who.patient_id);
  for (const auto& i : closed) shown.push_back(i.who.patient_id);
  for (const auto& h : holds) shown.push_back(h.who.patient_id);
  for (const auto& f : w.red_flags) shown.push_back(f.who.patient_id);
  for (const auto& p : products) shown.push_back(p.who.patient_id);
  for (const auto& p : qc_pending) shown.push_back(p.who.patient_id);
  for (const auto& r : w.bedside_refusals) shown.push_back(r.who.patient_id);
  for (const auto& g : w.code_guesses) shown.push_back(g.patient_id);
  for (const auto& m : w.undelivered_messages) shown.push_back(m.patient_id);
  for (const auto& o : w.overdue_payments) shown.push_back(o.patient_id);
  row.shown = store::format_shown(std::move(shown));
  // The audit row comes after the read, in a write of its own, rather than around it: it
  // names the patients shown, known only once they are read, and a read inside the write
  // would hold every other writer back for as long as it reads. The answer is returned
  // only once this row is durable, so no worklist is ever sent without its row (a read
  // whose row fails to write fails with it, and what was read is dropped).
  store.write(record_scope(actor), [&](store::Transaction& tx) { tx.append_audit(row); });
  for (const auto& row : items) w.items.push_back(worklist_entry(row, w.date, actor));
  for (const auto& row : closed) w.window_closed.push_back(worklist_entry(row, w.date, actor));
  for (const auto& row : holds) w.holds.push_back(hold_entry(row, w.date, actor));
  for (const auto& p : products) {
    std::optional<int> days;
    if (p.harvest_date) days = static_cast<int>(w.date.days_since_epoch() - p.harvest_date->days_since_epoch());
    w.awaiting_release.push_back(
        {p.who, p.harvest_date, days, product::parse_din(p.din).with_check(), p.state, p.expires_at});
  }
  w.qc_due = qc_due_entries(qc_pending, w.date);
  return w;
}

}  // namespace rp::service
