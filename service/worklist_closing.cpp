#include "service/worklist_closing.hpp"
#include "service/centre_scope.hpp"

#include "base/error.hpp"
#include "base/text.hpp"
#include "service/audit_entry.hpp"
#include "service/episode_access.hpp"
#include "service/pathway.hpp"
#include "store/audit_chain.hpp"

namespace rp::service {
namespace {

constexpr std::size_t kMaxNote = 500;

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

void check_note(const std::string& text, const char* field, bool required) {
  check_typed_text(text, field);
  if (text.size() > kMaxNote) throw InputError(field, "too_many_bytes"_err, {{"max", 500}});
  if (required && blank(text)) throw InputError(field, "required"_err);
}

void check_closing(const MissedClosing& c) {
  check_note(c.note, "note", false);
  if (c.reason == MissedReason::other && blank(c.note)) throw InputError("note", "other_reason_required"_err);
}

store::ScheduleClosureRow decision(const Clock& clock, const Actor& actor, std::int64_t episode_id,
                                   const std::string& item_id, const char* action, std::string reason,
                                   std::string note) {
  store::ScheduleClosureRow r;
  r.episode_id = episode_id;
  r.item_id = item_id;
  r.action = action;
  r.reason = std::move(reason);
  r.note = std::move(note);
  r.actor = actor.user;
  r.role = to_string(actor.role);
  r.at = clock.now_iso();
  return r;
}

// Marks one item missed with its decision and audit row; the caller checked it may.
// The audit detail names the item and the reason word, never the note (free text may
// name people).
store::ScheduleClosureRow close_one(store::Transaction& tx, const Clock& clock, const Actor& actor,
                                    const std::string& centre, std::int64_t episode_id, ScheduledItem& item,
                                    const MissedClosing& closing, const std::string& how) {
  item.status = ItemStatus::missed;
  item.done_on.reset();
  tx.update_schedule_item_status(episode_id, item);
  auto row =
      decision(clock, actor, episode_id, item.id, "closed", std::string(to_string(closing.reason)), closing.note);
  row.id = tx.insert_schedule_closure(row);
  tx.append_audit(audit_entry(clock, actor, centre, "schedule.close_missed", "episode", std::to_string(episode_id),
                              item.id + " missed: " + std::string(to_string(closing.reason)) + how));
  return row;
}

ClosedItem closed_item(const Episode& e, const Patient& p, const ScheduledItem& item, store::ScheduleClosureRow closure,
                       const CivilDate& today, const Actor& actor) {
  store::WorklistOpenItemRow row;
  row.who = {p.id, p.mrn, p.name_fa, p.name_latin, e.id, e.side, e.state, e.protocol_id};
  row.mobile = p.mobile;
  row.item = item;
  return {worklist_entry(row, today, actor), std::move(closure)};
}

template <typename Change>
ClosedItem change_one(store::Store& store, const Clock& clock, const Actor& actor, std::int64_t episode_id,
                      const std::string& item_id, Change change) {
  require(actor, Permission::worklist_close);
  if (item_id.empty() || item_id.size() > 64)
    throw NotFoundError("item", "episode_item_not_found"_err,
                        {{"episode", std::to_string(episode_id)}, {"item", item_id.substr(0, 64)}});
  ClosedItem out;
  store.write(record_scope(actor), [&](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    auto item = tx.schedule_item(episode_id, item_id);
    if (!item)
      throw NotFoundError("item", "episode_item_not_found"_err,
                          {{"episode", std::to_string(episode_id)}, {"item", item_id}});
    store::ScheduleClosureRow row = change(tx, e, *item);
    out = closed_item(e, *tx.find_patient(e.patient_id), *item, std::move(row), clock.today(), actor);
  });
  return out;
}

}  // namespace

ClosedItem close_missed(store::Store& store, const Clock& clock, const Actor& actor, std::int64_t episode_id,
                        const std::string& item_id, const MissedClosing& closing) {
  require(actor, Permission::worklist_close);
  check_closing(closing);
  return change_one(store, clock, actor, episode_id, item_id,
                    [&](store::Transaction& tx, const Episode& e, ScheduledItem& item) {
                      check_closable(item, clock.today());
                      return close_one(tx, clock, actor, e.centre_id, e.id, item, closing, "");
                    });
}

std::vector<ClosedItem> close_missed_before(store::Store& store, const Clock& clock, const Actor& actor,
                                            const CivilDate& before, const WorklistFilter& filter,
                                            const MissedClosing& closing) {
  require(actor, Permission::worklist_close);
  if (actor.centre.empty()) throw InputError("centre", "worklist_needs_centre"_err);
  check_closing(closing);
  check_filter(filter);
  const CivilDate today = clock.today();
  if (today < before) throw InputError("before", "missed_after_today"_err, {{"today", today.iso()}});
  store::WorklistItemsQuery query = items_query(actor.centre, before, filter);
  query.limit = 1000000;
  query.offset = 0;
  std::vector<ClosedItem> out;
  const std::string how = " (with every item whose window closed before " + before.iso() + ")";
  store.write(record_scope(actor), [&](store::Transaction& tx) {
    for (auto& row : tx.worklist_window_closed(query)) {
      check_closable(row.item, today);
      auto closure = close_one(tx, clock, actor, actor.centre, row.who.episode_id, row.item, closing, how);
      out.push_back({worklist_entry(row, today, actor), std::move(closure)});
    }
  });
  return out;
}

ClosedItem reopen_item(store::Store& store, const Clock& clock, const Actor& actor, std::int64_t episode_id,
                       const std::string& item_id, const std::string& reason) {
  require(actor, Permission::worklist_close);
  check_note(reason, "reason", true);
  return change_one(
      store, clock, actor, episode_id, item_id, [&](store::Transaction& tx, const Episode& e, ScheduledItem& item) {
        if (item.status != ItemStatus::missed)
          throw ConflictError("item", "only_missed_reopened"_err, {{"status", std::string(to_string(item.status))}});
        item.status = ItemStatus::planned;
        item.done_on.reset();
        tx.update_schedule_item_status(e.id, item);
        auto row = decision(clock, actor, e.id, item.id, "reopened", "", reason);
        row.id = tx.insert_schedule_closure(row);
        tx.append_audit(audit_entry(clock, actor, e.centre_id, "schedule.reopen", "episode", std::to_string(e.id),
                                    item.id + " planned again"));
        return row;
      });
}

std::vector<ClosedItem> closed_items(store::Store& store, const Clock& clock, const Actor& actor,
                                     const WorklistFilter& filter) {
  require(actor, Permission::patient_read);
  if (actor.centre.empty()) throw InputError("centre", "worklist_needs_centre"_err);
  check_filter(filter);
  const CivilDate today = clock.today();
  const store::WorklistItemsQuery query = items_query(actor.centre, today, filter);
  std::vector<store::WorklistClosedRow> rows;
  store.snapshot(record_scope(actor), [&](store::Transaction& tx) { rows = tx.worklist_closed_missed(query); });
  store::AuditEntry row = audit_entry(clock, actor, actor.centre, "worklist.closed.read", "worklist", today.iso(),
                                      std::to_string(rows.size()) + " items closed as missed");
  std::vector<std::int64_t> shown;
  shown.reserve(rows.size());
  for (const auto& r : rows) shown.push_back(r.who.patient_id);
  row.shown = store::format_shown(std::move(shown));
  // As the worklist's own row (service/worklist.cpp): read off the writer, then the row
  // naming the patients shown in a short write of its own; nothing is answered without it.
  store.write(record_scope(actor), [&](store::Transaction& tx) { tx.append_audit(row); });
  std::vector<ClosedItem> out;
  for (auto& r : rows) {
    out.push_back({worklist_entry({r.who, r.mobile, r.item}, today, actor), std::move(r.closure)});
  }
  return out;
}

}  // namespace rp::service
