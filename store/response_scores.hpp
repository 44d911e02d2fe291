#pragma once
// A scoring result as the typed score rows of its response (0014_response_scores.sql).
#include <vector>

#include "domain/instruments/scores.hpp"
#include "store/submission_records.hpp"

namespace rp::store {

// Every score in the instrument's order: whole numbers and decimals as numbers, yes/no
// as 1/0, text (a date) as text, and a score the rule withheld (or one not finite, which
// scores_json also writes as null) as neither.
std::vector<ResponseScore> typed_scores(const instruments::Scores& scores);

}  // namespace rp::store
