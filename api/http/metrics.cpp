#include "api/http/metrics.hpp"

#include <cstdio>

namespace rp::api::http {
namespace {

// A method label from a fixed set: a client can send any token as a method, and a series
// per invented method let unauthenticated requests grow /metrics without bound.
const std::string& method_label(const std::string& method) {
  static const std::array<std::string, 7> known{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  static const std::string other = "other";
  for (const auto& m : known)
    if (m == method) return m;
  return other;
}

// The server sets every status itself, so they are a short list already; this keeps the
// label to valid codes whatever a handler does.
int status_label(int status) { return status >= 100 && status <= 599 ? status : 0; }

}  // namespace

void Metrics::observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method_label(method), status_label(status)}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++bucket_counts_[i];
      break;
    }
  }
  ++count_;
  sum_ += seconds;
}

std::string Metrics::render(const store::GroupCommitStore* store) const {
  std::string out;
  char line[2048];  // the store block alone is up to ~1,150 bytes
  std::lock_guard lock(mutex_);
  out += "# HELP regenpath_http_requests_total HTTP requests by route template, method and status.\n";
  out += "# TYPE regenpath_http_requests_total counter\n";
  std::uint64_t errors = 0;
  for (const auto& [key, n] : requests_) {
    const auto& [route, method, status] = key;
    std::snprintf(line, sizeof line, "regenpath_http_requests_total{route=\"%s\",method=\"%s\",status=\"%d\"} %llu\n",
                  route.c_str(), method.c_str(), status, static_cast<unsigned long long>(n));
    out += line;
    if (status >= 400) errors += n;
  }
  out += "# HELP regenpath_http_errors_total Responses with status 400 or above.\n";
  out += "# TYPE regenpath_http_errors_total counter\n";
  out += "regenpath_http_errors_total " + std::to_string(errors) + "\n";
  out += "# HELP regenpath_http_request_duration_seconds Time from request parsed to response ready.\n";
  out += "# TYPE regenpath_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += bucket_counts_[i];
    std::snprintf(line, sizeof line, "regenpath_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", kBuckets[i],
                  static_cast<unsigned long long>(cumulative));
    out += line;
  }
  std::snprintf(line, sizeof line,
                "regenpath_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
                "regenpath_http_request_duration_seconds_sum %.6f\n"
                "regenpath_http_request_duration_seconds_count %llu\n",
                static_cast<unsigned long long>(count_), sum_, static_cast<unsigned long long>(count_));
  out += line;
  out += "# TYPE regenpath_http_open_connections gauge\n";
  out += "regenpath_http_open_connections " + std::to_string(connections_.load()) + "\n";
  if (store) {
    const auto s = store->stats();
    std::snprintf(line, sizeof line,
                  "# HELP regenpath_store_commits_total Group commits (one fsync each).\n"
                  "# TYPE regenpath_store_commits_total counter\n"
                  "regenpath_store_commits_total %llu\n"
                  "# TYPE regenpath_store_writes_total counter\n"
                  "regenpath_store_writes_total %llu\n"
                  "# TYPE regenpath_store_failed_writes_total counter\n"
                  "regenpath_store_failed_writes_total %llu\n"
                  "# HELP regenpath_store_commit_seconds_total Time spent running and committing batches.\n"
                  "# TYPE regenpath_store_commit_seconds_total counter\n"
                  "regenpath_store_commit_seconds_total %.6f\n"
                  "# TYPE regenpath_store_max_batch gauge\n"
                  "regenpath_store_max_batch %llu\n"
                  "# HELP regenpath_store_disk_full_writes_total Writes refused because the disk was full (507).\n"
                  "# TYPE regenpath_store_disk_full_writes_total counter\n"
                  "regenpath_store_disk_full_writes_total %llu\n",
                  static_cast<unsigned long long>(s.batches), static_cast<unsigned long long>(s.writes),
                  static_cast<unsigned long long>(s.failed_writes), static_cast<double>(s.commit_us_total) / 1e6,
                  static_cast<unsigned long long>(s.max_batch), static_cast<unsigned long long>(s.disk_full_writes));
    out += line;
    // 1 while the disk is full and writes answer 507; /healthz answers 503 meanwhile.
    out += "# TYPE regenpath_store_disk_full gauge\n";
    out += std::string("regenpath_store_disk_full ") + (store->storage_health().disk_full ? "1" : "0") + "\n";
  }
  return out;
}

}  // namespace rp::api::http
