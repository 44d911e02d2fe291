// The outcome report's derived rows on SQLite (store/outcome_rows.hpp, migration 0019):
// the read the report makes, and the refresh of the joints marked stale. The source rows
// of some joints are read with the whole-table read's filters, restricted to their
// episodes by an id list (json_each over a JSON array: one bound value for any count).
#include <sqlite3.h>

#include <algorithm>
#include <limits>

#include "store/outcome_rows.hpp"
#include "store/outcome_rows_beside.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace rp::store::sqlite {
namespace {

std::string id_list(const std::vector<std::int64_t>& ids) { return joined_ids(ids, '[', ']'); }

std::optional<std::string_view> opt_text(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<std::string_view>(c.getText());
}

std::vector<std::int64_t> ids_of(SQLite::Statement& q) {
  std::vector<std::int64_t> ids;
  while (q.executeStep()) ids.push_back(q.getColumn(0).getInt64());
  return ids;
}

// The lowest `marks` marks, by episode id.
std::vector<std::int64_t> lowest_marks(Connection& c, std::size_t marks) {
  auto& q = c.statement("SELECT episode_id FROM outcome_stale ORDER BY episode_id LIMIT ?");
  q.bind(1, static_cast<std::int64_t>(std::min<std::size_t>(marks, std::numeric_limits<std::int64_t>::max())));
  return ids_of(q);
}

class SqliteJointSource final : public JointSource {
 public:
  explicit SqliteJointSource(Connection& c) : c_(c) {}

  std::vector<Link> episodes_among(const std::vector<std::int64_t>& ids) override {
    auto& q =
        c_.statement("SELECT id, COALESCE(repeat_of, 0) FROM episodes WHERE id IN (SELECT value FROM json_each(?))");
    return links(q, ids);
  }

  std::vector<Link> repeats_of(const std::vector<std::int64_t>& ids) override {
    auto& q = c_.statement("SELECT id, repeat_of FROM episodes WHERE repeat_of IN (SELECT value FROM json_each(?))");
    return links(q, ids);
  }

  void read_facts(const std::vector<std::int64_t>& firsts, const std::vector<std::int64_t>& members,
                  JointFacts& facts) override {
    const std::string first_ids = id_list(firsts), member_ids = id_list(members);
    auto& e = c_.statement(
        "SELECT e.id, e.protocol_id, e.centre_id, p.consent_registry, p.birth_date, e.kl_grade, e.cell_source, "
        "e.injected_by FROM episodes e JOIN patients p ON p.id = e.patient_id "
        "WHERE e.id IN (SELECT value FROM json_each(?)) AND e.repeat_of IS NULL");
    e.bind(1, first_ids);
    while (e.executeStep()) {
      const SQLite::Column kl = e.getColumn(5);
      facts.first(e.getColumn(0).getInt64(), e.getColumn(1).getText(), e.getColumn(2).getText(),
                  e.getColumn(3).getInt() == 1, e.getColumn(4).getText(),
                  kl.isNull() ? std::nullopt : std::optional<int>(kl.getInt()), opt_text(e.getColumn(6)),
                  opt_text(e.getColumn(7)));
    }
    auto& t = c_.statement(
        "SELECT episode_id, to_state, on_date FROM episode_transitions WHERE episode_id IN "
        "(SELECT value FROM json_each(?)) AND to_state IN ('injected', 'converted_to_thr', 'withdrawn', "
        "'lost_to_follow_up')");
    t.bind(1, member_ids);
    while (t.executeStep())
      facts.transition(t.getColumn(0).getInt64(), t.getColumn(1).getText(), t.getColumn(2).getText());
    auto& s = c_.statement(
        "SELECT episode_id, item_id, status = 'done', done_on, window_end, status = 'missed' FROM schedule_items "
        "WHERE episode_id IN (SELECT value FROM json_each(?)) AND (status = 'done' OR kind = 'questionnaire')");
    s.bind(1, member_ids);
    while (s.executeStep())
      facts.schedule_item(s.getColumn(0).getInt64(), s.getColumn(1).getText(), s.getColumn(2).getInt() != 0,
                          opt_text(s.getColumn(3)), opt_text(s.getColumn(4)), s.getColumn(5).getInt() != 0);
    auto& r = c_.statement(
        "SELECT id, episode_id, item_id, instrument, submitted_at FROM questionnaire_responses "
        "WHERE episode_id IN (SELECT value FROM json_each(?)) "
        "AND instrument IN ('nrs', 'hoos', 'oxford-hip', 'patient-global', 'return-to-activity')");
    r.bind(1, member_ids);
    while (r.executeStep())
      facts.response(r.getColumn(0).getInt64(), r.getColumn(1).getInt64(), r.getColumn(2).getText(),
                     r.getColumn(3).getText(), r.getColumn(4).getText());
    auto& v = c_.statement(
        "SELECT s.response_id, s.name, s.value, s.text FROM response_scores s "
        "JOIN questionnaire_responses r ON r.id = s.response_id WHERE r.episode_id IN (SELECT value FROM json_each(?)) "
        "AND r.instrument IN ('nrs', 'hoos', 'oxford-hip', 'patient-global', 'return-to-activity') "
        "AND s.name IN ('pain', 'adl', 'total', 'global', 'returned', 'date')");
    v.bind(1, first_ids);
    while (v.executeStep()) {
      const SQLite::Column value = v.getColumn(2);
      facts.score(v.getColumn(0).getInt64(), v.getColumn(1).getText(),
                  value.isNull() ? std::nullopt : std::optional<double>(value.getDouble()), opt_text(v.getColumn(3)));
    }
    auto& a = c_.statement(
        "SELECT id, episode_id, kind = 'red_flag', COALESCE(ctcae_grade, 0), serious, "
        "ctcae_grade IS NOT NULL OR serious_reasons <> '', category FROM adverse_events "
        "WHERE episode_id IN (SELECT value FROM json_each(?)) "
        "AND (kind = 'adverse_event' OR (kind = 'red_flag' AND triage IS NULL))");
    a.bind(1, member_ids);
    while (a.executeStep())
      facts.adverse_event(a.getColumn(0).getInt64(), a.getColumn(1).getInt64(), a.getColumn(2).getInt() != 0,
                          a.getColumn(3).getInt(), a.getColumn(4).getInt() != 0, a.getColumn(5).getInt() != 0,
                          a.getColumn(6).getText());
  }

 private:
  static std::vector<Link> links(SQLite::Statement& q, const std::vector<std::int64_t>& ids) {
    q.bind(1, id_list(ids));
    std::vector<Link> out;
    while (q.executeStep()) out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64()});
    return out;
  }
  Connection& c_;
};

void store_rows(Connection& c, const std::vector<std::int64_t>& firsts, const std::vector<JointRow>& rows) {
  auto& d = c.statement("DELETE FROM outcome_joints WHERE episode_id IN (SELECT value FROM json_each(?))");
  d.bind(1, id_list(firsts));
  d.exec();
  auto& q = c.statement(
      "INSERT INTO outcome_joints (episode_id, protocol_id, centre_id, consent_registry, facts) "
      "VALUES (?, ?, ?, ?, ?)");
  for (const JointRow& r : rows) {
    q.bind(1, r.episode);
    q.bind(2, r.protocol);
    q.bind(3, r.centre);
    q.bind(4, r.consent_registry ? 1 : 0);
    q.bind(5, r.facts.data(), static_cast<int>(r.facts.size()));
    q.exec();
    q.reset();
  }
}

}  // namespace

OutcomeColumns SqliteTransaction::outcome_columns(const std::string& protocol_id,
                                                  const std::vector<std::string>& time_points,
                                                  const ConsentScope& consent) {
  OutcomeColumns out;
  auto& centres = c_.statement("SELECT id FROM centres ORDER BY id");
  while (centres.executeStep()) out.centre_ids.push_back(centres.getColumn(0).getString());
  SqliteJointSource source(c_);
  std::vector<std::int64_t> stale =
      first_episodes_of(source, ids_of(c_.statement("SELECT episode_id FROM outcome_stale")));
  std::vector<JointRow> fresh = joint_rows(source, stale);
  OutcomeRowsMerge merge(out, time_points, std::move(stale), std::move(fresh), protocol_id, consent);
  // Sized by the largest stored id (a look at the key's last page, not a count of rows):
  // at least the rows to come, so that a million append in place and are never copied to
  // a larger array; the room left over is never touched, so it takes no memory. Capped,
  // as ids may run far ahead of the rows (the columns grow past a hint).
  auto& largest = c_.statement("SELECT MAX(episode_id) FROM outcome_joints");
  const std::int64_t last_id =
      largest.executeStep() && !largest.getColumn(0).isNull() ? largest.getColumn(0).getInt64() : 0;
  largest.tryReset();  // done with: no cursor left open on the snapshot
  merge.reserve(static_cast<std::size_t>(std::clamp<std::int64_t>(last_id, 0, std::int64_t{1} << 24)));
  auto& q = c_.statement(
      "SELECT episode_id, centre_id, facts FROM outcome_joints "
      "WHERE protocol_id = ? AND (? = 1 OR consent_registry = 1 OR centre_id = ?) ORDER BY episode_id");
  q.bind(1, protocol_id);
  q.bind(2, consent.every_patient ? 1 : 0);
  q.bind(3, consent.own_centre);
  // Each row merged on a thread of its own (store/outcome_rows_beside.hpp) while SQLite
  // reads the next.
  OutcomeRowsBeside beside(merge);
  while (q.executeStep()) {
    const SQLite::Column facts = q.getColumn(2);
    beside.stored(
        q.getColumn(0).getInt64(), q.getColumn(1).getText(),
        std::string_view(static_cast<const char*>(facts.getBlob()), static_cast<std::size_t>(facts.getBytes())));
  }
  beside.finish();
  merge.finish();
  return out;
}

std::size_t SqliteTransaction::refresh_outcome_rows_up_to(std::size_t marks) {
  const auto marked = lowest_marks(c_, marks);
  if (marked.empty()) return 0;
  // Derived from records whose own changes moved the data generation already.
  const auto changes_before = sqlite3_total_changes64(c_.db().getHandle());
  SqliteJointSource source(c_);
  const std::size_t joints =
      recompute_joints(source, marked, [&](const std::vector<std::int64_t>& firsts, const std::vector<JointRow>& rows) {
        store_rows(c_, firsts, rows);
      });
  // The marks read above (no other connection writes while this one does).
  auto& done = c_.statement("DELETE FROM outcome_stale WHERE episode_id IN (SELECT value FROM json_each(?))");
  done.bind(1, joined_ids(marked, '[', ']'));
  done.exec();
  c_.derived_rows_written += sqlite3_total_changes64(c_.db().getHandle()) - changes_before;
  return joints;
}

std::size_t SqliteTransaction::read_marked_joints(std::size_t marks) {
  const auto marked = lowest_marks(c_, marks);
  if (marked.empty()) return 0;
  SqliteJointSource source(c_);
  joint_rows(source, first_episodes_of(source, marked));
  return marked.size();
}

}  // namespace rp::store::sqlite
