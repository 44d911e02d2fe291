#pragma once
// The records an audit row vouches for, and how their content is hashed.
//
// A record is what a clinician thinks of as one thing, whatever tables hold it:
//   patient N                - the patients row.
//   episode N                - the episodes row with its course: state transitions,
//                              schedule items and eligibility assessments.
//   adverse_event N          - one adverse event or red flag (adverse_events row).
//   questionnaire_response N - one set of answers with its scores.
//   product N                - a cell product (products row) with its chain of custody
//                              (product_events) and the parts store/product_content.hpp lists.
// Responses and events are records of their own, not parts of their episode: an episode
// gathers answers for three years, and a write hashes only what it wrote, so the cost of
// a submission does not grow with the episode's history.
// Centres, accounts, sessions and tokens are not patient data and are not records here.
//
// The store notes every record a transaction changes (SQLite: temporary triggers on those
// tables) and, when the transaction appends an audit row, writes into the row the content
// hash of each of them after the change. `audit verify` recomputes every record's hash
// and compares it with the last row that carried it, so an edit made outside regenpath
// (a name changed in the database) shows.
//
// Content format v1: "v1 episode:7=<hex> patient:3=<hex>", records in order of kind, then
// id. The hash is BLAKE2b-256 over the record's rows in a fixed order with fixed
// columns, each value tagged with its SQLite type and length-prefixed. A migration that
// adds a column to a record's tables leaves v1 as it is (old rows still verify) and adds
// v2 with the column, written from then on.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rp::store {

inline constexpr const char* kRecordKinds[] = {"patient", "episode", "adverse_event", "questionnaire_response",
                                               "product"};

// The content hash written for a record a transaction deleted.
inline const std::string kAbsentRecordHash(64, '0');

struct RecordHash {
  std::string kind;  // one of kRecordKinds
  std::int64_t id = 0;
  std::string hash;  // hex
  bool operator==(const RecordHash&) const = default;
};

// The audit row's content field for these records (empty for none).
std::string format_content(std::vector<RecordHash> records);
// The records of a content field; nullopt when it is not a format this binary knows (a
// verifier then counts the records it names as not checked).
std::optional<std::vector<RecordHash>> parse_content(std::string_view content);

}  // namespace rp::store
