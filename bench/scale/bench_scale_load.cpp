// The scale bench's load (bench/scale/run.sh drives it):
//
//   bench_scale_load run --port P --staff USER:PASSWORD [--staff ...] --analyst USER:PASSWORD
//                        [--seconds D] [--clients K] [--rate R] [--report-every S] [--server-pid PID]
//                        [--label L] [--out FILE]
//       runs the mixed day (mixed_day.hpp) against the server on 127.0.0.1:P and prints
//       p50/p99 per kind of request, requests/s, the server's CPU per request and RSS;
//       --rate paces the clients to R requests/s in all (default: as fast as answered);
//       --out keeps the figures as JSON.
//   bench_scale_load compare --demo FILE --scale FILE [--patients N]
//       prints both runs' figures side by side with the goals of issue 16.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench/scale/mixed_day.hpp"

namespace {

using rp::bench::scale::DayFigures;
using rp::bench::scale::KindFigures;

rp::bench::scale::Credential credential(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) throw std::runtime_error("expected USER:PASSWORD, got " + text);
  return {text.substr(0, colon), text.substr(colon + 1)};
}

const char* const kKinds[] = {"search",     "timeline",       "worklist",
                              "submission", "outcome_report", "timeline_during_report"};

void print_day(const std::string& label, const DayFigures& d) {
  std::printf(
      "%s: %lld requests in %.1f s (%.0f/s, %s); server CPU %.2f ms per request; RSS peak %.0f MB, now %.0f MB\n",
      label.c_str(), static_cast<long long>(d.requests), d.seconds, static_cast<double>(d.requests) / d.seconds,
      d.rate > 0 ? ("paced at " + std::to_string(static_cast<int>(d.rate)) + "/s").c_str() : "as fast as answered",
      d.server_cpu_ms_per_request, d.server_vm_hwm_mb, d.server_vm_rss_mb);
  std::printf("  %-24s %8s %8s %10s %10s %10s %8s\n", "kind", "requests", "per s", "p50 ms", "p99 ms", "max ms",
              "failed");
  for (const char* kind : kKinds) {
    const auto it = d.kinds.find(kind);
    if (it == d.kinds.end()) continue;
    const KindFigures& k = it->second;
    std::printf("  %-24s %8lld %8.1f %10.2f %10.2f %10.2f %8lld\n", kind, static_cast<long long>(k.requests),
                k.per_second, k.p50, k.p99, k.max, static_cast<long long>(k.failed));
  }
}

DayFigures read_figures(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  return DayFigures::from_json(nlohmann::json::parse(in));
}

KindFigures kind(const DayFigures& d, const char* k) {
  const auto it = d.kinds.find(k);
  return it == d.kinds.end() ? KindFigures{} : it->second;
}

// One line: the figure on the demo database, on the generated one, their ratio, the goal
// and whether the generated database meets it.
void line(const char* what, double demo, double scale, const std::string& goal, bool met, const char* unit) {
  std::printf("%-40s %11.2f %11.2f %8.2fx   %-30s %s\n", (std::string(what) + " (" + unit + ")").c_str(), demo, scale,
              demo > 0 ? scale / demo : 0.0, goal.c_str(), met ? "met" : "NOT MET");
}

void compare(const DayFigures& demo, const DayFigures& scale, const std::string& patients) {
  std::printf("\nmixed day, the demo database beside the generated one (%s patients), same run\n", patients.c_str());
  std::printf("%-40s %11s %11s %9s   %-30s %s\n", "figure", "demo", "generated", "ratio", "goal (2 cores, 1M patients)",
              "");
  for (const char* k : {"search", "timeline"})
    line((std::string(k) + " p99").c_str(), kind(demo, k).p99, kind(scale, k).p99, "<= 10 ms", kind(scale, k).p99 <= 10,
         "ms");
  line("worklist p99", kind(demo, "worklist").p99, kind(scale, "worklist").p99, "<= 50 ms",
       kind(scale, "worklist").p99 <= 50, "ms");
  const auto report = kind(scale, "outcome_report");
  line("outcome report (slowest)", kind(demo, "outcome_report").max, report.max, "<= 2000 ms",
       report.requests > 0 && report.max <= 2000, "ms");
  const auto during = kind(scale, "timeline_during_report");
  line("timeline p99 while a report runs", kind(demo, "timeline_during_report").p99, during.p99, "<= 20 ms",
       during.requests > 0 && during.p99 <= 20, "ms");
  const double demo_rate = kind(demo, "submission").per_second, rate = kind(scale, "submission").per_second;
  line("questionnaire submissions", demo_rate, rate, "within 20 % of the demo's", rate >= 0.8 * demo_rate, "per s");
  line("server RSS peak", demo.server_vm_hwm_mb, scale.server_vm_hwm_mb, "<= 500 MB", scale.server_vm_hwm_mb <= 500,
       "MB");
  std::printf(
      "%-40s %11.2f %11.2f %8.2fx\n", "server CPU per request (ms)", demo.server_cpu_ms_per_request,
      scale.server_cpu_ms_per_request,
      demo.server_cpu_ms_per_request > 0 ? scale.server_cpu_ms_per_request / demo.server_cpu_ms_per_request : 0.0);
  std::printf("(server CPU and RSS are regenpath's own process: on PostgreSQL the database's work is not in them)\n");
  std::printf("%-40s %11.0f %11.0f %8.2fx\n", "requests per second", demo.requests / demo.seconds,
              scale.requests / scale.seconds, (scale.requests / scale.seconds) / (demo.requests / demo.seconds));
}

int usage() {
  std::cerr << "usage: bench_scale_load run --port P --staff USER:PASSWORD [--staff ...] --analyst USER:PASSWORD\n"
               "                            [--seconds D] [--clients K] [--rate R] [--report-every S]\n"
               "                            [--server-pid PID]\n"
               "                            [--label L] [--out FILE]\n"
               "       bench_scale_load compare --demo FILE --scale FILE [--patients N]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  rp::bench::scale::DayOptions o;
  std::string label = "mixed day", out, demo_file, scale_file, patients = "?";
  try {
    for (int a = 2; a < argc; a += 2) {
      if (a + 1 >= argc) return usage();
      const std::string arg = argv[a], value = argv[a + 1];
      if (arg == "--port")
        o.port = static_cast<unsigned short>(std::stoi(value));
      else if (arg == "--staff")
        o.staff.push_back(credential(value));
      else if (arg == "--analyst")
        o.analyst = credential(value);
      else if (arg == "--seconds")
        o.seconds = std::stod(value);
      else if (arg == "--report-every")
        o.report_every = std::stod(value);
      else if (arg == "--clients")
        o.clients = std::stoi(value);
      else if (arg == "--rate")
        o.rate = std::stod(value);
      else if (arg == "--server-pid")
        o.server_pid = std::stoi(value);
      else if (arg == "--label")
        label = value;
      else if (arg == "--out")
        out = value;
      else if (arg == "--demo")
        demo_file = value;
      else if (arg == "--scale")
        scale_file = value;
      else if (arg == "--patients")
        patients = value;
      else
        return usage();
    }
    if (mode == "run" && !o.staff.empty() && !o.analyst.username.empty()) {
      const DayFigures d = rp::bench::scale::run_mixed_day(o);
      print_day(label, d);
      if (!out.empty()) std::ofstream(out) << d.to_json().dump(2) << '\n';
      return 0;
    }
    if (mode == "compare" && !demo_file.empty() && !scale_file.empty()) {
      compare(read_figures(demo_file), read_figures(scale_file), patients);
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_scale_load: " << e.what() << "\n";
    return 1;
  }
  return usage();
}
