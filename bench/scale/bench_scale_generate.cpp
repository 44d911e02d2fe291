// The scale bench's generator (bench/scale/run.sh drives it):
//
//   bench_scale_generate --db sqlite:FILE|postgresql://... [--patients N] [--centres C]
//                        [--seed S] [--today YYYY-MM-DD] [--password P] [--accounts FILE]
//
// on a database at the current schema (`regenpath db migrate` first, or a new SQLite
// file): the centres and their staff, then N patients (default 1,000,000 across 20
// centres) with their histories, a transaction per 10,000, the indexes whose keys come in
// no order set aside meanwhile (set_aside_indexes.hpp). Prints the rows of each table, the
// time and rows/s; --accounts writes "username role centre" per line for the load.
// PostgreSQL (empty and migrated): generated into a scratch SQLite file beside the
// system's temporary files, then copied in with COPY (pg_copy.hpp).
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "base/clock.hpp"
#include "bench/scale/pg_copy.hpp"
#include "bench/scale/scale_generate.hpp"
#include "bench/scale/set_aside_indexes.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int usage() {
  std::cerr << "usage: bench_scale_generate --db sqlite:FILE|postgresql://... [--patients N] [--centres C] "
               "[--seed S] [--today YYYY-MM-DD] [--password P] [--accounts FILE]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rp;
  bench::scale::GenerateOptions o;
  o.today = Clock::system().today();
  o.password = "scalebench2026staff";
  std::string db, accounts_file;
  for (int a = 1; a + 1 < argc; a += 2) {
    const std::string arg = argv[a], value = argv[a + 1];
    if (arg == "--db")
      db = value;
    else if (arg == "--patients")
      o.patients = std::stoll(value);
    else if (arg == "--centres")
      o.centres = std::stoi(value);
    else if (arg == "--seed")
      o.seed = std::stoull(value);
    else if (arg == "--today")
      o.today = parse_gregorian(value, "--today");
    else if (arg == "--password")
      o.password = value;
    else if (arg == "--accounts")
      accounts_file = value;
    else
      return usage();
  }
  if (db.empty() || o.patients < 0 || o.centres < 1 || argc % 2 == 0) return usage();
  try {
    const bool postgres = db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
    const std::filesystem::path scratch =
        std::filesystem::temp_directory_path() / ("rp-scale-generate-" + std::to_string(::getpid()) + ".db");
    const std::string file = postgres ? scratch.string() : db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
    auto store = store::open_sqlite(file, store::OpenMode::bulk_load);
    store.reset();  // the schema made (a scratch file) or checked, the unordered indexes set aside
    const auto set_aside = bench::scale::drop_unordered_indexes(file);
    store = store::open_sqlite(file, store::OpenMode::bulk_load);
    const auto staff = bench::scale::add_centres_and_staff(*store, o);
    if (!accounts_file.empty()) {
      std::ofstream out(accounts_file);
      for (const auto& s : staff) out << s.username << ' ' << s.role << ' ' << s.centre_id << '\n';
    }
    std::printf("%d centres, %zu staff accounts; generating %lld patients as of %s ...\n", o.centres, staff.size(),
                static_cast<long long>(o.patients), o.today.iso().c_str());
    const auto start = std::chrono::steady_clock::now();
    const auto counts = bench::scale::add_patients(*store, o, [&](std::int64_t done) {
      if (done % 100000 == 0 || std::getenv("RP_SCALE_PROGRESS"))
        std::fprintf(stderr, "  %lld patients, %.0f s\n", static_cast<long long>(done), seconds_since(start));
    });
    store.reset();
    const auto index_start = std::chrono::steady_clock::now();
    bench::scale::restore_indexes(file, set_aside);
    const double indexing = seconds_since(index_start);
    const double t = seconds_since(start);
    std::printf(
        "patients %lld, transitions %lld, schedule items %lld, eligibility %lld, responses %lld, "
        "scores %lld, events %lld, audit rows %lld\n",
        static_cast<long long>(counts.patients), static_cast<long long>(counts.transitions),
        static_cast<long long>(counts.schedule_items), static_cast<long long>(counts.eligibility),
        static_cast<long long>(counts.responses), static_cast<long long>(counts.scores),
        static_cast<long long>(counts.events), static_cast<long long>(counts.audit_rows));
    std::printf(
        "wrote %lld rows in %.1f s (a transaction per 10,000 patients, then %zu indexes created again in %.1f s): "
        "%.0f rows/s, %.0f patients/s\n",
        static_cast<long long>(counts.rows()), t, set_aside.size(), indexing, static_cast<double>(counts.rows()) / t,
        static_cast<double>(counts.patients) / t);
    if (postgres) {
      const auto copy_start = std::chrono::steady_clock::now();
      const std::int64_t rows = bench::scale::copy_into_postgres(scratch.string(), db);
      const double c = seconds_since(copy_start);
      std::printf(
          "copied %lld rows into PostgreSQL with COPY in %.1f s (one transaction, then ANALYZE): %.0f rows/s; "
          "%.1f s in all\n",
          static_cast<long long>(rows), c, rows / c, t + c);
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(scratch.string() + suffix);
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_scale_generate: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
