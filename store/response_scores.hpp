#pragma once
// A scoring result as the typed score rows of its response (0014_response_scores.sql).
#include <string>
#include <vector>

#include "domain/instruments/scores.hpp"
#include "store/submission_records.hpp"

namespace rp::store {

// Every score in the instrument's order: whole numbers and decimals as numbers, yes/no
// as 1/0, text (a date) as text, and a score the rule withheld (or one not finite, which
// scores_json also writes as null) as neither.
std::vector<ResponseScore> typed_scores(const instruments::Scores& scores);
// The same rows read back from a response's scores_json column (store/json_columns.hpp),
// in its order, for a reader that has only the record: numbers and yes/no as values, text
// as text, null as neither. Throws InputError("scores_json") on text that is not one.
std::vector<ResponseScore> typed_scores_of_json(const std::string& scores_json);

}  // namespace rp::store
