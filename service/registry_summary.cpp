// The registry's de-identified counts per centre: no ids, no names, no dates of birth;
// only consenting patients (the store's counts), small cells suppressed for registry readers.
#include "service/registry_summary.hpp"

#include <algorithm>

#include "service/audit_entry.hpp"
#include "service/submissions.hpp"

namespace rp::service {
namespace {

bool is_small(const CountCell& c) { return c.patients > 0 && c.patients < kSmallCellPatients; }

// A centre's own staff read their own centre's counts as they are (they see the records
// themselves); the analyst, and anyone reading another centre, reads them suppressed.
bool reads_unsuppressed(const Actor& actor, const std::string& centre_id) {
  return actor.role != Role::analyst && !actor.all_centres && actor.centre == centre_id;
}

template <class Rows>
void add_rows(const Actor& actor, const Rows& rows, CountsByCentre& out, bool& suppressed) {
  std::map<std::string, std::vector<CountCell>> by_centre;
  for (const auto& c : rows)
    if (actor.sees_aggregates_of(c.centre_id)) by_centre[c.centre_id].push_back({c.key, c.count, c.patients});
  for (const auto& [centre, row] : by_centre) {
    if (reads_unsuppressed(actor, centre)) {
      for (const auto& cell : row) out[centre][cell.key] = cell.count;
      continue;
    }
    out[centre] = suppress_small_cells(row);
    suppressed = suppressed || std::any_of(out[centre].begin(), out[centre].end(),
                                           [](const auto& kv) { return !kv.second.has_value(); });
  }
}

}  // namespace

std::map<std::string, std::optional<std::int64_t>> suppress_small_cells(const std::vector<CountCell>& row) {
  std::map<std::string, std::optional<std::int64_t>> out;
  int hidden = 0;
  for (const auto& cell : row) {
    if (is_small(cell)) {
      out[cell.key] = std::nullopt;
      ++hidden;
    } else {
      out[cell.key] = cell.count;
    }
  }
  // One hidden cell beside a known total is no secret: hide the smallest shown one too.
  if (hidden == 1) {
    const CountCell* smallest = nullptr;
    for (const auto& cell : row)
      if (!is_small(cell) && (!smallest || cell.count < smallest->count)) smallest = &cell;
    if (smallest) out[smallest->key] = std::nullopt;
  }
  return out;
}

RegistrySummary Submissions::registry_summary(const Actor& actor, HeavyReads* heavy) {
  require(actor, Permission::registry_read);
  // The audit row first, durable before the counts are read (as the outcome report's):
  // the counts are then read in a snapshot that holds up no write.
  store_.write([&](store::Transaction& tx) {
    tx.append_audit(audit_entry(clock_, actor, actor.centre, "registry.summary", "registry", ""));
  });
  const HeavyReads::Slot slot = HeavyReads::enter(heavy);
  return slot.run([&] {
    RegistrySummary out;
    store_.snapshot([&](store::Transaction& tx) {
      add_rows(actor, tx.episode_state_counts(), out.episodes_by_state, out.suppressed);
      add_rows(actor, tx.adverse_event_counts(), out.adverse_events, out.suppressed);
      HeavyReads::inside_read(heavy);
    });
    return out;
  });
}

}  // namespace rp::service
