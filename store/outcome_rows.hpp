#pragma once
// The outcome report's derived rows (migration 0019_outcome_rows.sql): one per treated
// joint, holding everything the report reads of it, so that a report reads as many rows
// as there are joints rather than every schedule item, answer and score ever written.
//
// The adapters keep the SQL; this file keeps the rules, once for both engines:
// - JointFacts turns the source tables' rows of some joints (the whole-table read's
//   columns, restricted to those joints' episodes) into JointRows;
// - first_episodes_of and joint_rows follow repeat_of between a joint's episodes;
// - OutcomeRowsMerge builds the report's columns from the stored rows and, for joints
//   marked stale since they were stored, from rows computed afresh, so a read is exact
//   whether or not a refresh ran before it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/outcome_columns.hpp"

namespace rp::store {

// Days since 1970-01-01 of an ISO date's first ten characters, or kNoDay for text that
// is not a date.
std::int32_t outcome_day_of(std::string_view iso);

// One row of outcome_joints.
struct JointRow {
  std::int64_t episode = 0;  // the joint's first episode
  std::string protocol, centre;
  bool consent_registry = false;
  std::string facts;  // the rest, in the encoding OutcomeRowsMerge reads
};

// Collects the source rows of some joints and makes their JointRows.
class JointFacts {
 public:
  // `firsts`: the joints' first episodes; `repeats`: (episode, first episode) of each repeat.
  JointFacts(const std::vector<std::int64_t>& firsts,
             const std::vector<std::pair<std::int64_t, std::int64_t>>& repeats);
  ~JointFacts();
  JointFacts(const JointFacts&) = delete;
  JointFacts& operator=(const JointFacts&) = delete;

  // A first episode with its patient's birth date and registry consent.
  void first(std::int64_t episode, std::string_view protocol, std::string_view centre, bool consent_registry,
             std::string_view birth_date, std::optional<int> kl_grade, std::optional<std::string_view> cell_source,
             std::optional<std::string_view> injected_by);
  // Rows of episode_transitions to injected, converted_to_thr, withdrawn, lost_to_follow_up.
  void transition(std::int64_t episode, std::string_view to_state, std::string_view on_date);
  // Rows of schedule_items done, or questionnaires.
  void schedule_item(std::int64_t episode, std::string_view item_id, bool done, std::optional<std::string_view> done_on,
                     std::optional<std::string_view> window_end, bool missed);
  // Rows of questionnaire_responses of the instruments the report reads, and their scores.
  void response(std::int64_t id, std::int64_t episode, std::string_view item_id, std::string_view instrument,
                std::string_view submitted_at);
  void score(std::int64_t response, std::string_view name, std::optional<double> value,
             std::optional<std::string_view> text);
  // Rows of adverse_events: staff-recorded events, and red flags not triaged yet.
  void adverse_event(std::int64_t id, std::int64_t episode, bool red_flag, int ctcae_grade, bool serious, bool assessed,
                     std::string_view category);

  // The treated joints' rows, in first-episode order (a joint never injected has none).
  std::vector<JointRow> rows();

 private:
  struct Joint;
  struct Answer;
  Joint* joint_of(std::int64_t episode, bool* first);
  std::vector<Joint> joints_;
  std::unordered_map<std::int64_t, std::pair<std::size_t, bool>> member_;  // episode -> (joint, first)
  std::vector<Answer> answers_;
  std::unordered_map<std::int64_t, std::size_t> answer_of_;  // response id -> answers_
};

// An adapter's reads for the derived rows, each restricted to the episode ids given.
class JointSource {
 public:
  virtual ~JointSource() = default;
  struct Link {
    std::int64_t id, repeat_of;  // repeat_of 0: a first episode
  };
  // Which of `ids` are episodes, and what each repeats.
  virtual std::vector<Link> episodes_among(const std::vector<std::int64_t>& ids) = 0;
  // The episodes that repeat one of `ids`.
  virtual std::vector<Link> repeats_of(const std::vector<std::int64_t>& ids) = 0;
  // Every source row of `facts`' joints: `firsts` their first episodes, `members` those
  // and their repeats.
  virtual void read_facts(const std::vector<std::int64_t>& firsts, const std::vector<std::int64_t>& members,
                          JointFacts& facts) = 0;
};

// The first episodes of the joints `episodes` belong to, sorted. An id that is no longer
// an episode stands for itself (its stored row, if any, is then removed).
std::vector<std::int64_t> first_episodes_of(JointSource& source, std::vector<std::int64_t> episodes);

// The rows of the joints whose first episodes are `firsts` (sorted), computed from the
// source tables.
std::vector<JointRow> joint_rows(JointSource& source, const std::vector<std::int64_t>& firsts);

// Recomputes the joints of the episodes `marked` (any of their episodes), round by round
// to bound the memory of a full fill: `store` gets each round's first episodes and their
// rows, to store in place of the old ones. Returns the joints recomputed.
std::size_t recompute_joints(
    JointSource& source, const std::vector<std::int64_t>& marked,
    const std::function<void(const std::vector<std::int64_t>& firsts, const std::vector<JointRow>& rows)>& store);

// Ids as a list between `open` and `close` ("{1,2}" for a PostgreSQL array, "[1,2]" for
// SQLite's json_each): one bound value for any count.
std::string joined_ids(const std::vector<std::int64_t>& ids, char open, char close);

// Whether a joint counts in a report of `protocol` read under `consent`.
bool joint_counts(const JointRow& row, const std::string& protocol, const ConsentScope& consent);

// Builds the report's columns in first-episode order from stored rows (given in that
// order, already filtered by protocol and consent) and fresh ones for the stale joints.
class OutcomeRowsMerge {
 public:
  // `out.centre_ids` is filled before. `stale`: first episodes whose stored rows are out
  // of date (skipped), `fresh`: their rows now (filtered here).
  OutcomeRowsMerge(OutcomeColumns& out, const std::vector<std::string>& time_points, std::vector<std::int64_t> stale,
                   std::vector<JointRow> fresh, const std::string& protocol, const ConsentScope& consent);
  ~OutcomeRowsMerge();
  // Sizes the columns for about `rows` joints, so that a million rows append in place.
  void reserve(std::size_t rows);
  void stored(std::int64_t episode, std::string_view centre, std::string_view facts);
  // Adds the fresh rows left and settles the operator and adverse-event columns.
  void finish();

 private:
  struct Event;
  void fresh_before(std::int64_t episode);
  void add(std::string_view centre, std::string_view facts);
  OutcomeColumns& out_;
  const std::vector<std::string>& time_points_;
  std::vector<std::int64_t> stale_;
  std::vector<JointRow> fresh_;
  std::size_t next_fresh_ = 0;
  const std::string& protocol_;
  const ConsentScope& consent_;
  // Looked up by the blob's text without making a string of it (a million rows, one each).
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using TextIndex = std::unordered_map<std::string, std::int32_t, TextHash, std::equal_to<>>;
  TextIndex operators_;               // name -> provisional index
  TextIndex centres_;                 // out_.centre_ids -> index
  std::vector<int> item_time_point_;  // the last row's i-th item's time point: the next row's guess
  std::vector<Event> events_;
  std::size_t prom_rows_ = 0;  // rows the score columns have: a block past the rows added
};

}  // namespace rp::store
