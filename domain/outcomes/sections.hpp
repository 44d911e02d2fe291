#pragma once
// What the outcome report's parts share: the registry with the facts derived once per
// episode, and one accumulator per scope (overall, then each centre). Every statistic is a
// pass over plain arrays, so the whole report on a million episodes is a handful of linear
// passes and one sort. Internal to domain/outcomes/.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "domain/outcomes/report.hpp"

namespace rp::outcomes::detail {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();

// What one patient contributes to a proportion.
enum class Status { success, failure, missing, not_due };

struct Count {
  std::int64_t n = 0, successes = 0, missing = 0;
  void add(Status s) {
    if (s == Status::success) ++successes;
    if (s == Status::success || s == Status::failure) ++n;
    if (s == Status::missing) ++missing;
  }
};

// A proportion with its 95 % interval: Clopper–Pearson when `exact`, else Wilson; NaN
// without a denominator.
stats::Interval proportion(std::int64_t k, std::int64_t n, bool exact);

// Per-episode facts derived once: follow-up for survival, and the day of conversion.
struct Registry {
  const Columns& cols;
  const OutcomeInputs& in;
  std::int32_t as_of = 0;
  int n_centres = 0;
  std::vector<double> time;  // days from injection to conversion or last follow-up
  std::vector<int> event;    // 1 = converted to hip replacement
  std::vector<int> centre;
  std::vector<std::int32_t> converted_after;  // days from injection to conversion, kNever without

  std::size_t size() const { return time.size(); }
  int scopes() const { return n_centres + 1; }  // 0 = overall, 1 + c = centre c

  // Status of a due-ness check: the window of `tp` has closed for row i.
  bool due(std::size_t i, int tp) const {
    const std::int32_t end = cols.proms.window_end_day[static_cast<std::size_t>(tp)][i];
    const std::int32_t d = end != kNoDay ? end : cols.episodes.injection_day[i] + in.time_points[tp].day;
    return d < as_of;
  }
  double value(PromMeasure m, int tp, std::size_t i) const { return cols.proms.at(m, tp, i); }

  template <typename StatusOf>
  std::vector<Count> count(StatusOf status_of) const {
    std::vector<Count> out(static_cast<std::size_t>(scopes()));
    for (std::size_t i = 0; i < size(); ++i) {
      const Status s = status_of(i);
      out[0].add(s);
      out[static_cast<std::size_t>(centre[i]) + 1].add(s);
    }
    return out;
  }
};

Registry derive(const Columns& cols, const OutcomeInputs& in);
// The index of a claim's time point among the inputs'; InputError naming the claim if none.
int time_point_index(const OutcomeInputs& in, const std::string& item_id, const std::string& claim_id);

// The sections. Each writes its own members of every scope, so some run beside others.
// Trajectories of measures [from, to).
void trajectories(const Registry& r, std::vector<ScopeReport>& scopes, int from, int to);
void responders(const Registry& r, std::vector<ScopeReport>& scopes);
// Row i's status under one responder definition at time point tp (as responders() counts
// it; claims_audit.cpp).
Status responder_status(const Registry& r, ResponderDefinition def, int tp, std::size_t i);
void completeness(const Registry& r, std::vector<ScopeReport>& scopes);
// Returns, per row, whether the joint had a serious adverse event.
std::vector<std::uint8_t> adverse_events(const Registry& r, std::vector<ScopeReport>& scopes);
void repeats(const Registry& r, std::vector<ScopeReport>& scopes);
// One claim in every scope (the responder and safety sections already filled).
std::vector<ClaimResult> evaluate_claim(const Registry& r, const Claim& claim, const std::vector<ScopeReport>& scopes,
                                        const std::vector<stats::KaplanMeier>& curves,
                                        const std::vector<std::uint8_t>& serious);

}  // namespace rp::outcomes::detail
