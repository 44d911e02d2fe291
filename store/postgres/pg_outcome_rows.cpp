// The outcome report's derived rows on PostgreSQL (store/outcome_rows.hpp, migration
// 0019): the read the report makes, and the refresh of the joints marked stale. The
// source rows of some joints are read with the whole-table read's filters, restricted to
// their episodes by a joined id array (the planner sizes it: an index probe per id for a
// few, a hash join for millions).
#include <endian.h>

#include <algorithm>
#include <cstring>
#include <limits>

#include "store/outcome_rows.hpp"
#include "store/outcome_rows_beside.hpp"
#include "store/postgres/pg_store.hpp"

namespace rp::store::postgres {
namespace {

std::string id_array(const std::vector<std::int64_t>& ids) { return joined_ids(ids, '{', '}'); }

void quoted_element(std::string& a, std::string_view text) {
  a += '"';
  for (char ch : text) {
    if (ch == '"' || ch == '\\') a += '\\';
    a += ch;
  }
  a += '"';
}

std::optional<std::string_view> opt_view(const Result& r, int i, int col) {
  return r.null(i, col) ? std::nullopt : std::optional<std::string_view>(r.view(i, col));
}

class PgJointSource final : public JointSource {
 public:
  explicit PgJointSource(Connection& c) : c_(c) {}

  std::vector<Link> episodes_among(const std::vector<std::int64_t>& ids) override {
    return links(c_.exec("SELECT id, COALESCE(repeat_of, 0) FROM episodes WHERE id IN (SELECT unnest($1::bigint[]))",
                         Params().text(id_array(ids))));
  }

  std::vector<Link> repeats_of(const std::vector<std::int64_t>& ids) override {
    return links(c_.exec("SELECT id, repeat_of FROM episodes WHERE repeat_of IN (SELECT unnest($1::bigint[]))",
                         Params().text(id_array(ids))));
  }

  void read_facts(const std::vector<std::int64_t>& firsts, const std::vector<std::int64_t>& members,
                  JointFacts& facts) override {
    const std::string first_ids = id_array(firsts), member_ids = id_array(members);
    auto e = c_.exec(
        "SELECT e.id, e.protocol_id, e.centre_id, p.consent_registry, p.birth_date, e.kl_grade, e.cell_source, "
        "e.injected_by FROM episodes e JOIN patients p ON p.id = e.patient_id "
        "WHERE e.id IN (SELECT unnest($1::bigint[])) AND e.repeat_of IS NULL",
        Params().text(first_ids));
    for (int i = 0; i < e.rows(); ++i)
      facts.first(e.int64(i, 0), e.view(i, 1), e.view(i, 2), e.int64(i, 3) == 1, e.view(i, 4), e.opt_int(i, 5),
                  opt_view(e, i, 6), opt_view(e, i, 7));
    auto t = c_.exec(
        "SELECT episode_id, to_state, on_date FROM episode_transitions WHERE episode_id IN "
        "(SELECT unnest($1::bigint[])) AND to_state IN ('injected', 'converted_to_thr', 'withdrawn', "
        "'lost_to_follow_up')",
        Params().text(member_ids));
    for (int i = 0; i < t.rows(); ++i) facts.transition(t.int64(i, 0), t.view(i, 1), t.view(i, 2));
    auto s = c_.exec(
        "SELECT episode_id, item_id, status = 'done', done_on, window_end, status = 'missed' FROM schedule_items "
        "WHERE episode_id IN (SELECT unnest($1::bigint[])) AND (status = 'done' OR kind = 'questionnaire')",
        Params().text(member_ids));
    for (int i = 0; i < s.rows(); ++i)
      facts.schedule_item(s.int64(i, 0), s.view(i, 1), s.view(i, 2) == "t", opt_view(s, i, 3), opt_view(s, i, 4),
                          s.view(i, 5) == "t");
    auto r = c_.exec(
        "SELECT id, episode_id, item_id, instrument, submitted_at FROM questionnaire_responses "
        "WHERE episode_id IN (SELECT unnest($1::bigint[])) "
        "AND instrument IN ('nrs', 'hoos', 'oxford-hip', 'patient-global', 'return-to-activity')",
        Params().text(member_ids));
    for (int i = 0; i < r.rows(); ++i)
      facts.response(r.int64(i, 0), r.int64(i, 1), r.view(i, 2), r.view(i, 3), r.view(i, 4));
    auto v = c_.exec(
        "SELECT s.response_id, s.name, s.value, s.text FROM response_scores s "
        "JOIN questionnaire_responses r ON r.id = s.response_id WHERE r.episode_id IN (SELECT unnest($1::bigint[])) "
        "AND r.instrument IN ('nrs', 'hoos', 'oxford-hip', 'patient-global', 'return-to-activity') "
        "AND s.name IN ('pain', 'adl', 'total', 'global', 'returned', 'date')",
        Params().text(first_ids));
    for (int i = 0; i < v.rows(); ++i)
      facts.score(v.int64(i, 0), v.view(i, 1), v.null(i, 2) ? std::nullopt : std::optional<double>(v.number(i, 2)),
                  opt_view(v, i, 3));
    auto a = c_.exec(
        "SELECT id, episode_id, kind = 'red_flag', COALESCE(ctcae_grade, 0), serious, "
        "ctcae_grade IS NOT NULL OR serious_reasons <> '', category FROM adverse_events "
        "WHERE episode_id IN (SELECT unnest($1::bigint[])) "
        "AND (kind = 'adverse_event' OR (kind = 'red_flag' AND triage IS NULL))",
        Params().text(member_ids));
    for (int i = 0; i < a.rows(); ++i)
      facts.adverse_event(a.int64(i, 0), a.int64(i, 1), a.view(i, 2) == "t", a.int32(i, 3), a.int64(i, 4) != 0,
                          a.view(i, 5) == "t", a.view(i, 6));
  }

 private:
  static std::vector<Link> links(const Result& r) {
    std::vector<Link> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.int64(i, 0), r.int64(i, 1)});
    return out;
  }
  Connection& c_;
};

std::vector<std::int64_t> ids_of(const Result& r) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < r.rows(); ++i) ids.push_back(r.int64(i, 0));
  return ids;
}

// Stores `rows` in place of the stored rows of the joints `firsts` (one statement each).
void store_rows(Connection& c, const std::vector<std::int64_t>& firsts, const std::vector<JointRow>& rows) {
  c.exec("DELETE FROM outcome_joints WHERE episode_id IN (SELECT unnest($1::bigint[]))",
         Params().text(id_array(firsts)));
  if (rows.empty()) return;
  std::string ids = "{", protocols = "{", centres = "{", consents = "{", facts = "{";
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const JointRow& r = rows[i];
    if (i) {
      ids += ',';
      protocols += ',';
      centres += ',';
      consents += ',';
      facts += ',';
    }
    ids += std::to_string(r.episode);
    quoted_element(protocols, r.protocol);
    quoted_element(centres, r.centre);
    consents += r.consent_registry ? '1' : '0';
    facts += "\"\\\\x";
    for (unsigned char b : r.facts) {
      facts += kHex[b >> 4];
      facts += kHex[b & 15];
    }
    facts += '"';
  }
  c.exec(
      "INSERT INTO outcome_joints (episode_id, protocol_id, centre_id, consent_registry, facts) "
      "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::bytea[])",
      Params().text(ids + "}").text(protocols + "}").text(centres + "}").text(consents + "}").text(facts + "}"));
}

std::int64_t big_endian_int64(std::string_view bytes) {
  std::uint64_t v = 0;
  std::memcpy(&v, bytes.data(), std::min(bytes.size(), sizeof v));
  return static_cast<std::int64_t>(be64toh(v));
}

}  // namespace

OutcomeColumns PgTransaction::outcome_columns(const std::string& protocol_id,
                                              const std::vector<std::string>& time_points,
                                              const ConsentScope& consent) {
  OutcomeColumns out;
  auto centres = c_.exec("SELECT id FROM centres ORDER BY id");
  for (int i = 0; i < centres.rows(); ++i) out.centre_ids.push_back(centres.text(i, 0));
  PgJointSource source(c_);
  std::vector<std::int64_t> stale = first_episodes_of(source, ids_of(c_.exec("SELECT episode_id FROM outcome_stale")));
  std::vector<JointRow> fresh = joint_rows(source, stale);
  OutcomeRowsMerge merge(out, time_points, std::move(stale), std::move(fresh), protocol_id, consent);
  // Sized by the planner's count of stored rows (a hint: the columns grow past it).
  const auto estimate =
      c_.exec("SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = 'outcome_joints'::regclass");
  merge.reserve(static_cast<std::size_t>(estimate.rows() ? estimate.int64(0, 0) : 0));
  // A binary COPY: the blobs as they are stored, no hex on either side, each row merged
  // on a thread of its own (store/outcome_rows_beside.hpp) while the next arrive.
  std::string copy =
      "COPY (SELECT episode_id, centre_id, facts FROM outcome_joints WHERE protocol_id = " + c_.literal(protocol_id);
  if (!consent.every_patient)
    copy += " AND (consent_registry = 1 OR centre_id = " + c_.literal(consent.own_centre) + ")";
  copy += " ORDER BY episode_id) TO STDOUT (FORMAT binary)";
  OutcomeRowsBeside beside(merge);
  c_.copy_out(copy, [&](CopyFields f) {
    if (f.size() != 3 || !f[0] || !f[1] || !f[2]) throw PgError("outcome_joints: a row without its columns", "");
    beside.stored(big_endian_int64(*f[0]), *f[1], *f[2]);
  });
  beside.finish();
  merge.finish();
  return out;
}

std::size_t PgTransaction::refresh_outcome_rows_up_to(std::size_t marks) {
  // The marks go first: a write that commits after this statement marks its joint again
  // (its insert waits on the deleted mark's lock), so no change is left unmarked.
  const auto marked = ids_of(
      c_.exec("DELETE FROM outcome_stale WHERE episode_id IN (SELECT episode_id FROM outcome_stale ORDER BY episode_id "
              "LIMIT $1) RETURNING episode_id",
              Params().integer(
                  static_cast<std::int64_t>(std::min<std::size_t>(marks, std::numeric_limits<std::int64_t>::max())))));
  if (marked.empty()) return 0;
  PgJointSource source(c_);
  const std::size_t joints =
      recompute_joints(source, marked, [&](const std::vector<std::int64_t>& firsts, const std::vector<JointRow>& rows) {
        store_rows(c_, firsts, rows);
      });
  return joints;
}

std::size_t PgTransaction::read_marked_joints(std::size_t marks) {
  const auto marked = ids_of(c_.exec("SELECT episode_id FROM outcome_stale ORDER BY episode_id LIMIT $1",
                                     Params().integer(static_cast<std::int64_t>(
                                         std::min<std::size_t>(marks, std::numeric_limits<std::int64_t>::max())))));
  if (marked.empty()) return 0;
  PgJointSource source(c_);
  joint_rows(source, first_episodes_of(source, marked));
  return marked.size();
}

}  // namespace rp::store::postgres
