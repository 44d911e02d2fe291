#pragma once
// The shared store suite: a test written once against store::Store runs on every engine,
// as a value-parameterized gtest (INSTANTIATE_ENGINES in each file). SQLite gets a file in
// a private folder, PostgreSQL a fresh database in the process's test cluster
// (tests/support/pg_test_cluster.hpp).
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/store.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_test_cluster.hpp"

namespace rp::test {

class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  bool postgres() const { return GetParam() == "postgresql"; }
  // The --db value of this test's database, the same on every call.
  const std::string& db() {
    if (db_.empty()) db_ = postgres() ? PgTestCluster::shared().fresh_database() : "sqlite:" + file_.path();
    return db_;
  }
  std::unique_ptr<store::Store> open(store::OpenMode mode = store::OpenMode::create_or_migrate) {
    return store::open_store(db(), mode);
  }

 private:
  TempDb file_;
  std::string db_;
};

// The engines' names in test names: Engines/StoreSuite.X/sqlite, .../postgresql.
inline std::string engine_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace rp::test

#define INSTANTIATE_ENGINES(suite) \
  INSTANTIATE_TEST_SUITE_P(Engines, suite, ::testing::Values("sqlite", "postgresql"), ::rp::test::engine_name)
