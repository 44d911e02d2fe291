// A failed staff sign-in for a known username (wrong password) against one for an
// unknown username, through the service on a real SQLite file with full sync: both must
// cost the same (the same argon2id work, the same write), or the time of the answer would
// tell a guesser which usernames exist. The two run in turns, so that a slow spell of the
// disk falls on both; after the benchmarks it prints both medians and their ratio.
// No waits: the policy here gives every key more free failures than the bench makes.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "service/accounts.hpp"
#include "service/auth.hpp"
#include "service/pathway.hpp"

namespace {

struct Bench {
  std::filesystem::path dir;
  std::unique_ptr<rp::store::Store> store;
  std::unique_ptr<rp::service::Auth> auth;
};

Bench& bench() {
  static Bench b = [] {
    Bench out;
    out.dir = std::filesystem::temp_directory_path() / "rp-bench-sign-in";
    std::filesystem::remove_all(out.dir);
    std::filesystem::create_directories(out.dir);
    out.store = rp::store::open_sqlite((out.dir / "bench.db").string());
    const auto op = rp::service::Actor::cli_operator();
    const rp::Clock clock = rp::Clock::system();
    rp::service::Pathway(*out.store, clock).upsert_centre(op, {"a", "C", "م", "", "", "licensed", "", ""});
    rp::service::Accounts(*out.store, clock).create(op, "surgeon.a", "surgeon", "a", "Bench-password-2026");
    rp::service::AuthPolicy policy;
    policy.account_at_address.free_failures = 1 << 30;
    policy.address.free_failures = 1 << 30;
    out.auth = std::make_unique<rp::service::Auth>(
        *out.store, clock, policy, [](const std::vector<std::int64_t>&, const std::string&, const std::string&) {});
    return out;
  }();
  return b;
}

// Seconds for one refused sign-in.
double refused(const std::string& username) {
  const auto start = std::chrono::steady_clock::now();
  try {
    bench().auth->login(username, "Wrong-guess-2026", "192.0.2.1");
  } catch (const rp::service::UnauthorizedError&) {
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void BM_WrongPasswordKnownUsername(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(refused("surgeon.a"));
}
BENCHMARK(BM_WrongPasswordKnownUsername)->Unit(benchmark::kMillisecond);

void BM_UnknownUsername(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(refused("surgeon.zz"));
}
BENCHMARK(BM_UnknownUsername)->Unit(benchmark::kMillisecond);

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  // In turns: known, unknown, known, ...
  constexpr int kRounds = 60;
  std::vector<double> known, unknown;
  for (int i = 0; i < kRounds; ++i) {
    known.push_back(refused("surgeon.a"));
    unknown.push_back(refused("surgeon.zz"));
  }
  const double k = median(known), u = median(unknown);
  std::printf("refused sign-in, median of %d in turns: known username %.2f ms, unknown username %.2f ms, ratio %.3f\n",
              kRounds, k * 1e3, u * 1e3, u / k);
  std::filesystem::remove_all(bench().dir);
  return 0;
}
