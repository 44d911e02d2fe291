#pragma once
// The scale bench's mixed day: K staff clients, each signed in at its centre, for D
// seconds run patient searches (by national id, mobile, record number and name
// fragments in either script), timelines of random patients, worklist pages and
// questionnaire submissions, while an analyst asks for the outcome report once a minute.
// Each request's latency is kept by kind; timelines read while a report runs are kept
// apart too. The server's CPU and memory come from /proc.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rp::bench::scale {

struct Credential {
  std::string username, password;
};

struct DayOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::vector<Credential> staff;  // clients take them in turn
  Credential analyst;
  int clients = 8;
  double seconds = 60;
  double report_every = 60;  // seconds; the first at a tenth of that; 0: no report
  int server_pid = 0;        // 0: no server figures
  // Requests per second over all the clients, each client keeping its own even pace (a
  // late request is not made up for); 0: each asks again as soon as it is answered, which
  // keeps both cores busy and measures throughput, the latencies then mostly queueing.
  double rate = 0;
};

// One kind's latencies, in milliseconds.
struct KindFigures {
  std::int64_t requests = 0, failed = 0;  // failed: not 2xx
  double p50 = 0, p99 = 0, max = 0;
  double per_second = 0;
};

struct DayFigures {
  std::map<std::string, KindFigures>
      kinds;  // search, timeline, worklist, submission, outcome_report, timeline_during_report
  double seconds = 0;
  double rate = 0;  // as asked (DayOptions::rate)
  std::int64_t requests = 0;
  double server_cpu_ms_per_request = 0;  // (utime + stime) delta over all requests
  double server_vm_hwm_mb = 0, server_vm_rss_mb = 0;
  nlohmann::json to_json() const;
  static DayFigures from_json(const nlohmann::json& j);
};

DayFigures run_mixed_day(const DayOptions& o);

}  // namespace rp::bench::scale
