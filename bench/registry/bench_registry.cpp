// The registry bench (bench/registry/run.sh drives it):
//
//   bench_registry emit --episodes N --out DIR
//       writes the generated registry's tables as CSV for COPY, and peer.csv for R
//   bench_registry measure --db postgresql://... --peer DIR/peer.csv [--runs 3] [--report FILE]
//                          [--peers no]
//       on the loaded database: the cross-centre outcome report as the registry analyst
//       reads it (store read + figures, best of --runs; the whole-table read it replaced
//       once, for comparison), beside a plain SQL aggregate of
//       the same questions on the same server and R's glm + survfit + coxph on the same
//       patients (CSV reading excluded), with the ratios. --report writes the report as the
//       API answers it, so that two builds' figures can be compared byte for byte;
//       --peers no leaves out the SQL and R peers and the whole-table read (to profile ours).
#include <libpq-fe.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>

#include "api/contract/reports.hpp"
#include "api/http/contract.hpp"
#include "base/allocator.hpp"
#include "bench/registry/registry_rows.hpp"
#include "service/outcomes.hpp"
#include "service/protocols.hpp"
#include "store/store.hpp"

namespace {

// CPU seconds of this process, every thread (not the database server's).
double cpu_seconds() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The least wall-clock and CPU time of `runs` runs: on a shared machine the CPU time shows
// a change to the work itself when the wall-clock time wanders with the neighbours' load.
struct Best {
  double wall = 1e18, cpu = 1e18;
};

Best best_times(int runs, const std::function<void()>& work) {
  Best best;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu = cpu_seconds();
    work();
    best.wall = std::min(best.wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    best.cpu = std::min(best.cpu, cpu_seconds() - cpu);
  }
  return best;
}

double best_of(int runs, const std::function<void()>& work) { return best_times(runs, work).wall; }

// What an analyst would write by hand for the same questions: per centre, the treated
// joints, the responders at 6 months (HOOS pain or function up 20 points from baseline),
// the conversions and the days followed. One statement, the server's own plan.
constexpr const char* kPlainSql = R"sql(
WITH treated AS (
  SELECT e.id, e.centre_id, MIN(t.on_date)::date AS injected
  FROM episodes e JOIN episode_transitions t ON t.episode_id = e.id AND t.to_state = 'injected'
  JOIN patients p ON p.id = e.patient_id
  WHERE e.protocol_id = 'hip-msc-v1' AND e.repeat_of IS NULL AND p.consent_registry = 1
  GROUP BY e.id, e.centre_id),
hoos AS (
  SELECT r.episode_id, r.item_id,
         MAX(s.value) FILTER (WHERE s.name = 'pain') AS pain, MAX(s.value) FILTER (WHERE s.name = 'adl') AS adl
  FROM questionnaire_responses r JOIN response_scores s ON s.response_id = r.id
  WHERE r.instrument = 'hoos' AND r.item_id IN ('prom-baseline', 'prom-6m')
  GROUP BY r.episode_id, r.item_id),
ended AS (
  SELECT episode_id, MAX(on_date)::date AS on_day, bool_or(to_state = 'converted_to_thr') AS converted
  FROM episode_transitions WHERE to_state IN ('converted_to_thr', 'lost_to_follow_up', 'withdrawn')
  GROUP BY episode_id)
SELECT t.centre_id, COUNT(*) AS treated,
       COUNT(*) FILTER (WHERE b.pain IS NOT NULL AND f.pain IS NOT NULL) AS answered,
       COUNT(*) FILTER (WHERE f.pain - b.pain >= 20 OR f.adl - b.adl >= 20) AS responders,
       COUNT(*) FILTER (WHERE en.converted) AS conversions,
       SUM(COALESCE(en.on_day, DATE '2026-11-24') - t.injected) AS days_followed
FROM treated t
LEFT JOIN hoos b ON b.episode_id = t.id AND b.item_id = 'prom-baseline'
LEFT JOIN hoos f ON f.episode_id = t.id AND f.item_id = 'prom-6m'
LEFT JOIN ended en ON en.episode_id = t.id
GROUP BY t.centre_id ORDER BY t.centre_id
)sql";

double plain_sql_seconds(const std::string& url, int runs) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::cerr << "bench_registry: " << PQerrorMessage(c);
    std::exit(1);
  }
  int centres = 0;
  const double t = best_of(runs, [&] {
    PGresult* r = PQexec(c, kPlainSql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::cerr << "bench_registry: plain SQL: " << PQerrorMessage(c);
      std::exit(1);
    }
    centres = PQntuples(r);
    PQclear(r);
  });
  PQfinish(c);
  std::printf("  plain SQL aggregate: %d centres\n", centres);
  return t;
}

// R's glm (responders at 6 months on the case mix), survfit by centre and coxph on the
// case mix, timed inside R after reading the CSV; its seconds, or a negative number
// without R or its survival package.
double r_seconds(const std::string& peer_csv) {
  if (std::system("Rscript -e 'library(survival)' >/dev/null 2>&1") != 0) return -1;
  const auto script = std::filesystem::temp_directory_path() / ("rp-bench-registry-" + std::to_string(::getpid()));
  std::ofstream(script) << "suppressMessages(library(survival))\n"
                        << "d <- read.csv('" << peer_csv << "')\n"
                        << "d <- d[d$registry == 1, ]\n"
                        << "d$age_band <- factor(d$age_band); d$kl_grade <- factor(d$kl_grade)\n"
                        << "t <- system.time({\n"
                        << "  m <- glm(responder ~ age_band + kl_grade + cell_source, family = binomial, data = d)\n"
                        << "  s <- survfit(Surv(time, event) ~ centre, data = d)\n"
                        << "  x <- summary(s, times = c(0, 182, 365, 548, 730, 913, 1095), extend = TRUE)\n"
                        << "  h <- coxph(Surv(time, event) ~ age_band + kl_grade + cell_source, data = d)\n"
                        << "})\n"
                        << "cat(sprintf('%.6f %d %d\\n', t[['elapsed']], nrow(d), sum(d$event)))\n";
  FILE* pipe = ::popen(("Rscript --vanilla " + script.string()).c_str(), "r");
  double seconds = -1;
  long rows = 0, events = 0;
  if (pipe) {
    if (std::fscanf(pipe, "%lf %ld %ld", &seconds, &rows, &events) != 3) seconds = -1;
    ::pclose(pipe);
  }
  std::filesystem::remove(script);
  if (seconds >= 0) std::printf("  R: %ld joints, %ld conversions\n", rows, events);
  return seconds;
}

int measure(const std::string& url, const std::string& peer_csv, int runs, const std::string& report_file, bool peers) {
  using namespace rp;
  const auto as_of = CivilDate::from_ymd(2026, 11, 24);
  const Clock clock = Clock::fixed((as_of.days_since_epoch() * 86400 + 9 * 3600) * 1000);
  auto store = store::open_store(url, store::OpenMode::current_schema);
  service::Outcomes outcomes(*store, clock);
  const service::Actor analyst{"bench-analyst", service::Role::analyst, "", false};
  service::OutcomeReport report;
  const Best ours = best_times(runs, [&] { report = outcomes.report(analyst, {}); });
  if (!report_file.empty())
    std::ofstream(report_file) << api::http::encode(api::contract::outcome_report_out(report)).dump() << "\n";

  // The same report's two halves: the store's read (in a snapshot, as the service reads it)
  // and the figures.
  const auto& entry = service::catalogue_entry("hip-msc-v1");
  const auto in = service::outcome_inputs(*entry.protocol, *entry.claims, as_of, service::responder_thresholds());
  std::vector<std::string> items;
  for (const auto& t : in.time_points) items.push_back(t.item_id);
  store::OutcomeColumns columns;
  const Best read = best_times(runs, [&] {
    store->snapshot([&](store::Transaction& tx) {
      columns = tx.outcome_columns("hip-msc-v1", items, store::ConsentScope::registry());
    });
  });
  // The whole-table read the derived rows replace (every schedule item, answer and score).
  store::OutcomeColumns scanned;
  const double scan = best_of(peers ? 1 : 0, [&] {
    store->read([&](store::Transaction& tx) {
      scanned = tx.scan_outcome_columns("hip-msc-v1", items, store::ConsentScope::registry());
    });
  });
  const service::ReportView view{columns.centre_ids, true};
  const Best figures = best_times(runs, [&] { report = service::compute_outcome_report(columns, in, view); });
  std::printf("  ours: %lld treated joints counted, %zu centres\n", static_cast<long long>(report.scopes[0].injected),
              columns.centre_ids.size());

  const double sql = peers ? plain_sql_seconds(url, runs) : -1;
  const double r = peers ? r_seconds(peer_csv) : -1;
  std::printf("\n%-58s %10s %8s\n", "registry report (best of runs)", "seconds", "cpu s");
  std::printf("%-58s %10.3f %8.3f\n", "ours: cross-centre report as the analyst reads it", ours.wall, ours.cpu);
  std::printf("%-58s %10.3f %8.3f\n", "  of which the store's read of the columns", read.wall, read.cpu);
  std::printf("%-58s %10.3f %8.3f\n", "  of which the figures", figures.wall, figures.cpu);
  if (peers) std::printf("%-58s %10.3f\n", "  (the whole-table read instead, once)", scan);
  if (sql >= 0)
    std::printf("%-58s %10.3f %8s   ratio %.2fx\n", "peer: plain SQL aggregate, same server", sql, "", sql / ours.wall);
  if (r >= 0)
    std::printf("%-58s %10.3f %8s   ratio %.2fx\n", "peer: R glm + survfit + coxph (CSV read excluded)", r, "",
                r / ours.wall);
  else if (peers)
    std::printf("peer: R with the survival package not found: no R figure\n");
  std::printf("goal: ours <= 2 s on 2 cores, >= 10x R\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // The allocator as the server sets it (app/main.cpp): freed memory kept for the next
  // report, so each report's columns are not mapped, faulted in and unmapped afresh.
  rp::keep_freed_memory();
  const std::string mode = argc > 1 ? argv[1] : "";
  std::size_t episodes = 1'000'000;
  std::string out, db, peer, report;
  bool peers = true;
  int runs = 3;
  for (int a = 2; a + 1 < argc; a += 2) {
    const std::string arg = argv[a], value = argv[a + 1];
    if (arg == "--episodes")
      episodes = std::stoul(value);
    else if (arg == "--out")
      out = value;
    else if (arg == "--db")
      db = value;
    else if (arg == "--peer")
      peer = value;
    else if (arg == "--peers")
      peers = value != "no";
    else if (arg == "--report")
      report = value;
    else if (arg == "--runs")
      runs = std::max(1, std::stoi(value));
  }
  try {
    if (mode == "emit" && !out.empty()) {
      const auto counts = rp::bench::write_registry(episodes, out);
      std::printf("generated %zu episodes: %zu rows in all (%zu responses, %zu score rows)\n", counts.patients,
                  counts.rows(), counts.responses, counts.scores);
      return 0;
    }
    if (mode == "measure" && !db.empty() && !peer.empty()) return measure(db, peer, runs, report, peers);
  } catch (const std::exception& e) {
    std::cerr << "bench_registry: " << e.what() << "\n";
    return 1;
  }
  std::cerr
      << "usage: bench_registry emit --episodes N --out DIR\n"
         "       bench_registry measure --db postgresql://... --peer FILE [--runs N] [--report FILE] [--peers no]\n";
  return 2;
}
