#pragma once
// Prometheus text metrics: requests by route template, method and status, a latency
// histogram, errors, and the store's group-commit timings. Routes are labelled by
// template (/api/v1/patients/{patient_id}), never by the raw path, so no id reaches
// the metrics. Every label has a bounded set of values, whatever clients send: paths
// no route matches are "unmatched" (the web app's files "static"), methods outside the
// standard ones "other", so the number of series is fixed by the route table.
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "store/group_commit.hpp"

namespace rp::api::http {

class Metrics {
 public:
  void observe(const std::string& route, const std::string& method, int status, double seconds);
  void connection_opened() { ++connections_; }
  void connection_closed() { --connections_; }
  // `store` may be null (no group commit in front of the store).
  std::string render(const store::GroupCommitStore* store) const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
  std::atomic<std::int64_t> connections_{0};
};

}  // namespace rp::api::http
