#include "bench/scale/mixed_day.hpp"

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cmath>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "bench/scale/load_client.hpp"

namespace rp::bench::scale {
namespace {

using Clock = std::chrono::steady_clock;

// The day's clock starts once every client has signed in and read its sample: the
// barrier's completion, run before any waiting thread goes on.
struct StartClock {
  Clock::time_point* start;
  void operator()() noexcept { *start = Clock::now(); }
};
using Ready = std::barrier<StartClock>;

// Waits at the barrier once; a client that failed before it leaves it instead, so the
// others do not wait for it.
struct Arrival {
  Ready& ready;
  bool arrived = false;
  void wait() {
    arrived = true;
    ready.arrive_and_wait();
  }
  ~Arrival() {
    if (!arrived) ready.arrive_and_drop();
  }
};

// What one client knows of its centre before the day starts, read through the API as a
// clinician's screens would: patients of the centre, their episodes, those in follow-up.
struct CentreSample {
  std::vector<std::string> searches;  // query texts: identifiers and name fragments
  std::vector<std::int64_t> episodes, follow_up;
};

std::string word(const std::string& name, std::size_t n) {
  std::istringstream in(name);
  std::string w;
  for (std::size_t i = 0; i <= n && in >> w;) ++i;
  return w;
}

void sample_patients(LoadClient& c, const std::string& target, CentreSample& s, std::vector<std::int64_t>* into,
                     std::mt19937& rng) {
  const Answer list = c.get(target, false);
  if (list.status != 200) throw std::runtime_error("listing patients answered " + std::to_string(list.status));
  auto patients = nlohmann::json::parse(list.body);
  std::shuffle(patients.begin(), patients.end(), rng);
  int opened = 0;
  for (const auto& p : patients) {
    for (const char* id : {"national_id", "mobile", "mrn"})
      if (p.contains(id)) s.searches.push_back(p[id].get<std::string>());
    const std::string family_fa = word(p.value("name_fa", ""), 1);
    if (!family_fa.empty()) s.searches.push_back(family_fa);
    const std::string family_latin = word(p.value("name_latin", ""), 1);
    if (family_latin.size() >= 4) s.searches.push_back(family_latin.substr(0, 4));
    if (opened++ >= 40) continue;
    const Answer record = c.get("/api/v1/patients/" + std::to_string(p["id"].get<std::int64_t>()), false);
    if (record.status != 200) continue;
    for (const auto& e : nlohmann::json::parse(record.body).value("episodes", nlohmann::json::array())) {
      s.episodes.push_back(e["id"].get<std::int64_t>());
      // Submissions answer the hip protocol's two-week time point of a hip in follow-up.
      if (into && e.value("state", "") == "follow_up" && e.value("protocol", "") == "hip-msc-v1")
        into->push_back(e["id"].get<std::int64_t>());
    }
  }
}

CentreSample sample_centre(LoadClient& c, std::mt19937& rng) {
  CentreSample s;
  sample_patients(c, "/api/v1/patients?limit=200", s, nullptr, rng);
  sample_patients(c, "/api/v1/patients?state=follow_up&limit=200", s, &s.follow_up, rng);
  if (s.episodes.empty() || s.follow_up.empty() || s.searches.empty())
    throw std::runtime_error("the centre has no patients in follow-up to run the day on");
  return s;
}

// Latencies by kind, one set per client, merged at the end.
struct Kept {
  std::map<std::string, std::vector<double>> ms;
  std::map<std::string, std::int64_t> failed;
  void add(const std::string& kind, const Answer& a) {
    ms[kind].push_back(a.ms);
    if (a.status < 200 || a.status >= 300) ++failed[kind];
  }
  void merge(const Kept& other) {
    for (const auto& [k, v] : other.ms) ms[k].insert(ms[k].end(), v.begin(), v.end());
    for (const auto& [k, n] : other.failed) failed[k] += n;
  }
};

// The server admits one sign-in at a time from an address (429 to the others): the
// clients, all on loopback, sign in in turn.
void sign_in_in_turn(LoadClient& c, const Credential& who) {
  static std::mutex turn;
  const std::lock_guard lock(turn);
  c.sign_in(who.username, who.password);
}

template <class T>
const T& pick(const std::vector<T>& v, std::mt19937& rng) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

// The worklist's nurses, the patient list's searches and the timelines of the day, with
// the questionnaires staff enter at the desk: 30 % searches, 40 % timelines, 10 %
// worklists, 20 % submissions.
void run_client(const DayOptions& o, int index, Ready& ready, const Clock::time_point& start,
                std::atomic<int>& report_phase, Kept& kept, std::string& error) {
  Arrival arrival{ready};
  try {
    std::mt19937 rng(static_cast<unsigned>(1000 + index));
    LoadClient c(o.host, o.port);
    const Credential& who = o.staff[static_cast<std::size_t>(index) % o.staff.size()];
    sign_in_in_turn(c, who);
    const CentreSample s = sample_centre(c, rng);
    arrival.wait();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
    std::uniform_int_distribution<int> percent(0, 99), pain(0, 10);
    // A paced client's requests are `interval` apart, the clients' starts spread over one.
    const auto interval =
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.rate > 0 ? o.clients / o.rate : 0));
    auto next = start + interval * index / std::max(1, o.clients);
    while (Clock::now() < end) {
      if (o.rate > 0) {
        std::this_thread::sleep_until(next);
        next = std::max(next + interval, Clock::now());
      }
      const int roll = percent(rng);
      if (roll < 30) {
        // As the patients screen asks: a page of 50 (web/src/features/staff/patientSearch.ts).
        kept.add("search", c.get("/api/v1/patients?limit=50&q=" + url_encoded(pick(s.searches, rng))));
      } else if (roll < 70) {
        const int phase = report_phase.load();
        const Answer a = c.get("/api/v1/episodes/" + std::to_string(pick(s.episodes, rng)) + "/timeline");
        kept.add("timeline", a);
        if (phase % 2 == 1 || report_phase.load() != phase) kept.add("timeline_during_report", a);
      } else if (roll < 80) {
        kept.add("worklist", c.get("/api/v1/worklist"));
      } else {
        const int at_rest = pain(rng);
        const nlohmann::json body{{"instrument", "nrs"},
                                  {"item_id", "prom-2w"},
                                  {"answers", {{"pain_rest", at_rest}, {"pain_activity", std::min(10, at_rest + 2)}}}};
        kept.add("submission",
                 c.post("/api/v1/episodes/" + std::to_string(pick(s.follow_up, rng)) + "/questionnaires", body.dump()));
      }
    }
  } catch (const std::exception& e) {
    error = e.what();
  }
}

void run_analyst(const DayOptions& o, Ready& ready, const Clock::time_point& start, std::atomic<int>& report_phase,
                 Kept& kept, std::string& error) {
  Arrival arrival{ready};
  try {
    LoadClient c(o.host, o.port);
    sign_in_in_turn(c, o.analyst);
    arrival.wait();
    for (double at = o.report_every / 10; o.report_every > 0 && at < o.seconds; at += o.report_every) {
      std::this_thread::sleep_until(start +
                                    std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(at)));
      ++report_phase;
      kept.add("outcome_report", c.get("/api/v1/reports/outcomes"));
      ++report_phase;
    }
  } catch (const std::exception& e) {
    error = e.what();
  }
}

struct ServerUse {
  double cpu_seconds = 0, hwm_mb = 0, rss_mb = 0;
};

ServerUse server_use(int pid) {
  ServerUse u;
  if (pid <= 0) return u;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  std::istringstream fields(text.substr(text.rfind(')') + 2));
  std::string f;
  double ticks = 0;
  for (int i = 3; fields >> f; ++i)
    if (i == 14 || i == 15) ticks += std::stod(f);
  u.cpu_seconds = ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmHWM:", 0) == 0) u.hwm_mb = std::stod(line.substr(6)) / 1024;
    if (line.rfind("VmRSS:", 0) == 0) u.rss_mb = std::stod(line.substr(6)) / 1024;
  }
  return u;
}

KindFigures figures_of(std::vector<double> ms, std::int64_t failed, double seconds) {
  KindFigures k;
  k.requests = static_cast<std::int64_t>(ms.size());
  k.failed = failed;
  k.per_second = static_cast<double>(ms.size()) / seconds;
  if (ms.empty()) return k;
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double q) {
    return ms[static_cast<std::size_t>(std::max(0.0, std::ceil(q * static_cast<double>(ms.size())) - 1))];
  };
  k.p50 = at(0.5);
  k.p99 = at(0.99);
  k.max = ms.back();
  return k;
}

}  // namespace

DayFigures run_mixed_day(const DayOptions& o) {
  if (o.staff.empty()) throw std::runtime_error("no staff account to sign in with");
  Clock::time_point start;
  Ready ready(o.clients + 2, StartClock{&start});  // the clients, the analyst, and this thread
  std::atomic<int> report_phase{0};
  std::vector<Kept> kept(static_cast<std::size_t>(o.clients) + 1);
  std::vector<std::string> errors(kept.size());
  std::vector<std::thread> threads;
  for (int i = 0; i < o.clients; ++i)
    threads.emplace_back(run_client, std::cref(o), i, std::ref(ready), std::cref(start), std::ref(report_phase),
                         std::ref(kept[static_cast<std::size_t>(i)]), std::ref(errors[static_cast<std::size_t>(i)]));
  threads.emplace_back(run_analyst, std::cref(o), std::ref(ready), std::cref(start), std::ref(report_phase),
                       std::ref(kept.back()), std::ref(errors.back()));
  ready.arrive_and_wait();
  const ServerUse before = server_use(o.server_pid);
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const ServerUse after = server_use(o.server_pid);
  for (const auto& e : errors)
    if (!e.empty()) throw std::runtime_error(e);
  Kept all;
  for (const auto& k : kept) all.merge(k);
  DayFigures d;
  d.seconds = seconds;
  d.rate = o.rate;
  for (const auto& [kind, ms] : all.ms) {
    d.kinds[kind] = figures_of(ms, all.failed[kind], seconds);
    if (kind != "timeline_during_report") d.requests += static_cast<std::int64_t>(ms.size());
  }
  if (o.server_pid > 0 && d.requests > 0)
    d.server_cpu_ms_per_request = (after.cpu_seconds - before.cpu_seconds) * 1000 / static_cast<double>(d.requests);
  d.server_vm_hwm_mb = after.hwm_mb;
  d.server_vm_rss_mb = after.rss_mb;
  return d;
}

nlohmann::json DayFigures::to_json() const {
  nlohmann::json j{{"seconds", seconds},
                   {"rate", rate},
                   {"requests", requests},
                   {"server_cpu_ms_per_request", server_cpu_ms_per_request},
                   {"server_vm_hwm_mb", server_vm_hwm_mb},
                   {"server_vm_rss_mb", server_vm_rss_mb},
                   {"kinds", nlohmann::json::object()}};
  for (const auto& [kind, k] : kinds)
    j["kinds"][kind] = {{"requests", k.requests}, {"failed", k.failed}, {"p50", k.p50},
                        {"p99", k.p99},           {"max", k.max},       {"per_second", k.per_second}};
  return j;
}

DayFigures DayFigures::from_json(const nlohmann::json& j) {
  DayFigures d;
  d.seconds = j.at("seconds");
  d.rate = j.value("rate", 0.0);
  d.requests = j.at("requests");
  d.server_cpu_ms_per_request = j.at("server_cpu_ms_per_request");
  d.server_vm_hwm_mb = j.at("server_vm_hwm_mb");
  d.server_vm_rss_mb = j.at("server_vm_rss_mb");
  for (const auto& [kind, k] : j.at("kinds").items())
    d.kinds[kind] = {k.at("requests"), k.at("failed"), k.at("p50"), k.at("p99"), k.at("max"), k.at("per_second")};
  return d;
}

}  // namespace rp::bench::scale
