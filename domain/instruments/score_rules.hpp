#pragma once
// What a submission must hold to be stored: a questionnaire from which the instrument's
// missing-item rule computes no score at all is refused, saying the rule, rather than
// kept as a scoreless answer nobody notices (an outcome would silently miss a patient).
// Where some scores are computed and others are not (a HOOS without its sport items), the
// answer is kept and the scores the rule withheld are named (unscored).
#include <string_view>
#include <vector>

#include "domain/instruments/answers.hpp"
#include "domain/instruments/scores.hpp"

namespace rp::instruments {

// Throws InputError("answers", the instrument's rule and the items missing) when every
// score is null.
void require_a_score(const Scores& scores, const Answers& answers);

// The scores the missing-item rule left null, in the instrument's order.
std::vector<std::string_view> unscored(const Scores& scores);

}  // namespace rp::instruments
