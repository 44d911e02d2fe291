#include "api/contract/worklist.hpp"

#include "api/contract/optional_text.hpp"
#include "base/jalali.hpp"
#include "domain/product/din.hpp"
#include "service/worklist_cursor.hpp"

namespace rp::api::contract {
namespace {

WorklistWho who_out(const store::WorklistPatient& w, std::optional<std::string> mobile) {
  return {{w.patient_id, w.mrn, w.name_fa, w.name_latin}, w.episode_id, w.side, w.state, std::move(mobile)};
}

std::vector<WorklistEntryOut> entries_out(const std::vector<service::WorklistEntry>& entries) {
  std::vector<WorklistEntryOut> out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(worklist_entry_out(e));
  return out;
}

WorklistRedFlagOut red_flag_out(const store::WorklistRedFlagRow& f) {
  WorklistRedFlagOut out;
  static_cast<WorklistWho&>(out) = who_out(f.who, unless_empty(f.mobile));
  const store::AdverseEventRow& e = f.event;
  out.red_flag = {
      e.id,          e.category, e.severity,        e.description,     e.onset_date,        e.reported_by,
      e.reported_at, e.status,   e.acknowledged_by, e.acknowledged_at, e.acknowledged_role, unless_empty(e.ack_action),
      e.ack_note};
  return out;
}

WorklistProductOut product_out(const service::WorklistProduct& p) {
  WorklistProductOut out;
  static_cast<WorklistWho&>(out) = who_out(p.who, std::nullopt);
  if (p.harvest_date) out.harvest_date = p.harvest_date->iso();
  out.days_since_harvest = p.days_since_harvest;
  out.din = p.din;
  out.product_state = p.state;
  out.expires_at = unless_empty(p.expires_at);
  return out;
}

WorklistQcDueOut qc_due_out(const service::WorklistQcDue& q) {
  WorklistQcDueOut out;
  static_cast<WorklistWho&>(out) = who_out(q.who, std::nullopt);
  out.din = q.din;
  out.product_state = q.state;
  out.test = q.test;
  if (q.due) {
    out.due = q.due->iso();
    out.due_jalali = to_jalali(*q.due).iso();
  }
  out.overdue = q.overdue;
  return out;
}

WorklistRefusalOut refusal_out(const store::WorklistRefusalRow& r) {
  WorklistRefusalOut out;
  static_cast<WorklistWho&>(out) = who_out(r.who, std::nullopt);
  out.din = product::parse_din(r.din).with_check();
  out.at = r.at;
  out.actor = r.actor;
  out.location = r.location;
  out.scanned = r.scanned;
  out.verdict = r.verdict;
  return out;
}

}  // namespace

WorklistEntryOut worklist_entry_out(const service::WorklistEntry& e) {
  WorklistEntryOut out;
  static_cast<WorklistWho&>(out) = who_out(e.who, e.mobile);
  out.item = {e.item.id,
              e.item.kind,
              {e.title.en, e.title.fa},
              e.item.start.iso(),
              to_jalali(e.item.start).iso(),
              e.item.end.iso(),
              e.item.window_start.iso(),
              e.item.window_end.iso(),
              e.status,
              e.group,
              e.responsible,
              e.needs_prescriber_approval};
  return out;
}

ClosedItemOut closed_item_out(const service::ClosedItem& c) {
  ClosedItemOut out;
  static_cast<WorklistEntryOut&>(out) = worklist_entry_out(c.entry);
  const auto& k = c.closure;
  out.closure = {k.id, k.action, k.reason, k.note, k.actor, k.role, k.at};
  return out;
}

std::vector<ClosedItemOut> closed_items_out(const std::vector<service::ClosedItem>& items) {
  std::vector<ClosedItemOut> out;
  out.reserve(items.size());
  for (const auto& c : items) out.push_back(closed_item_out(c));
  return out;
}

WorklistOut worklist_out(const service::Worklist& w) {
  WorklistOut out;
  out.date = w.date.iso();
  out.date_jalali = to_jalali(w.date).iso();
  const auto& f = w.filter;
  out.filter = {f.kind, f.patient, f.responsible, f.limit, f.offset, f.closed_offset, f.holds_offset};
  out.items = entries_out(w.items);
  out.items_total = w.items_total;
  out.items_total_capped = w.items_total_capped;
  if (w.next) out.next = service::encode_cursor(*w.next);
  out.window_closed = entries_out(w.window_closed);
  out.window_closed_total = w.window_closed_total;
  out.window_closed_total_capped = w.window_closed_total_capped;
  out.holds = entries_out(w.holds);
  out.holds_total = w.holds_total;
  for (const auto& f : w.red_flags) out.red_flags.push_back(red_flag_out(f));
  for (const auto& p : w.awaiting_release) out.awaiting_release.push_back(product_out(p));
  for (const auto& q : w.qc_due) out.qc_due.push_back(qc_due_out(q));
  for (const auto& r : w.bedside_refusals) out.bedside_refusals.push_back(refusal_out(r));
  for (const auto& g : w.code_guesses)
    out.code_guesses.push_back({{g.patient_id, g.mrn, g.name_fa, g.name_latin}, g.wrong_codes, g.last_wrong_at});
  out.undelivered_total = w.undelivered_total;
  for (const auto& u : w.undelivered_messages) {
    const auto& m = u.message;
    out.undelivered_messages.push_back({{u.patient_id, u.mrn, u.name_fa, u.name_latin},
                                        m.id,
                                        m.episode_id,
                                        m.template_id,
                                        m.item_id,
                                        m.channel,
                                        std::string(to_string(m.state)),
                                        m.due_at,
                                        m.attempts,
                                        m.last_detail});
  }
  for (const auto& o : w.overdue_payments)
    out.overdue_payments.push_back({{o.patient_id, o.mrn, o.name_fa, o.name_latin},
                                    o.plan.episode_id,
                                    o.standing.overdue.in_rials(),
                                    o.standing.balance.in_rials(),
                                    o.standing.overdue_since ? o.standing.overdue_since->iso() : ""});
  return out;
}

service::MissedClosing to_closing(const MissedClosingIn& in) {
  service::MissedClosing c;
  c.reason = in.reason;
  c.note = in.note.value_or("");
  return c;
}

}  // namespace rp::api::contract
