#pragma once
// The de-identified export's pseudonyms (0016_pseudonyms.sql): kept so that two exports
// name a patient or an episode alike and shift a patient's dates by the same days.
#include <cstdint>
#include <string>

namespace rp::store {

struct PseudonymRow {
  std::string kind;  // patient | episode
  std::int64_t record_id = 0;
  std::string pseudonym;
  int shift_days = 0;  // patients: days added to each of their dates; episodes: 0
};

}  // namespace rp::store
