// FHIR Bulk Data exports (migration 0048, service/bulk_exports.hpp) on every engine: an
// export kicked off, its files added in order and read back, one export of a centre at a
// time, the status of another centre's export not found, a delete removing it and its
// files, a runner silent too long read as failed, and exports removed a day after they
// began.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "service/bulk_exports.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

class BulkExportsStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      tx.upsert_centre(test::test_centre("a"));
      tx.upsert_centre(test::test_centre("b"));
    });
  }

  service::BulkExports at(std::int64_t ms) { return service::BulkExports(*store_, Clock::fixed(ms)); }

  std::unique_ptr<Store> store_;
  const std::int64_t t0_ = 1775030400000;  // 2026-04-01T08:00Z
  service::Actor admin_a_{"admin.a", service::Role::admin, "a"};
  service::Actor admin_b_{"admin.b", service::Role::admin, "b"};
};
INSTANTIATE_ENGINES(BulkExportsStore);

TEST_P(BulkExportsStore, AnExportsFilesAreKeptInOrderAndOneExportOfACentreRunsAtATime) {
  auto exports = at(t0_);
  const auto row = exports.kick_off(admin_a_, "http://h/fhir/r4/$export", "");
  EXPECT_EQ(row.id.size(), 32U);
  EXPECT_EQ(row.state, "running");
  try {
    exports.kick_off(admin_a_, "http://h/fhir/r4/$export", "");
    ADD_FAILURE() << "a second export of the centre while one runs";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.code(), "bulk_export_running");
  }
  EXPECT_NO_THROW(exports.kick_off(admin_b_, "http://h/fhir/r4/$export", "Patient")) << "another centre's may run";
  EXPECT_TRUE(exports.add_file(row.id, 1, "Patient", 2, "{\"a\":1}\n{\"a\":2}\n"));
  EXPECT_TRUE(exports.add_file(row.id, 2, "Observation", 1, "{\"o\":1}\n"));
  EXPECT_EQ(exports.status(admin_a_, row.id).row.state, "running");
  EXPECT_TRUE(exports.status(admin_a_, row.id).files.empty()) << "no files listed before it is done";
  EXPECT_THROW(exports.file(admin_a_, row.id, 1), NotFoundError);
  exports.finished(row.id);
  const auto st = exports.status(admin_a_, row.id);
  EXPECT_EQ(st.row.state, "done");
  ASSERT_EQ(st.files.size(), 2U);
  EXPECT_EQ(st.files[0].type, "Patient");
  EXPECT_EQ(st.files[0].resources, 2);
  EXPECT_EQ(st.files[1].n, 2);
  EXPECT_EQ(exports.file(admin_a_, row.id, 2), "{\"o\":1}\n");
  EXPECT_THROW(exports.file(admin_a_, row.id, 3), NotFoundError);
  // Another centre's admin: not found; a surgeon: refused.
  EXPECT_THROW(exports.status(admin_b_, row.id), NotFoundError);
  EXPECT_THROW(exports.file(admin_b_, row.id, 1), NotFoundError);
  const service::Actor surgeon{"surgeon.a", service::Role::surgeon, "a"};
  EXPECT_THROW(exports.status(surgeon, row.id), ForbiddenError);
  EXPECT_THROW(exports.kick_off(surgeon, "x", ""), ForbiddenError);
  // Done, so another may begin; a delete removes it and its files, and the runner learns.
  EXPECT_NO_THROW(exports.kick_off(admin_a_, "http://h/fhir/r4/$export", ""));
  exports.remove(admin_a_, row.id);
  EXPECT_THROW(exports.status(admin_a_, row.id), NotFoundError);
  EXPECT_FALSE(exports.add_file(row.id, 3, "Patient", 1, "{}\n"));
  EXPECT_FALSE(exports.progressed(row.id, "10 patients"));
  store_->read([&](Transaction& tx) { EXPECT_EQ(tx.bulk_export_file_content(row.id, 1), std::nullopt); });
}

TEST_P(BulkExportsStore, ASilentRunnerReadsAsFailedAndADayLaterTheExportIsGone) {
  const auto row = at(t0_).kick_off(admin_a_, "http://h/fhir/r4/$export", "");
  at(t0_ + 60'000).progressed(row.id, "1000 patients");
  EXPECT_EQ(at(t0_ + 5 * 60'000).status(admin_a_, row.id).row.progress, "1000 patients");
  const auto silent = at(t0_ + 12 * 60'000).status(admin_a_, row.id);
  EXPECT_EQ(silent.row.state, "failed");
  EXPECT_NE(silent.row.error.find("no sign of life"), std::string::npos);
  // A new export may begin in its place; the next day's kick-off removes both.
  const auto second = at(t0_ + 12 * 60'000).kick_off(admin_a_, "http://h/fhir/r4/$export", "");
  at(t0_ + 13 * 60'000).failed(second.id, "the disk is full");
  EXPECT_EQ(at(t0_ + 14 * 60'000).status(admin_a_, second.id).row.error, "the disk is full");
  at(t0_ + 25 * 3600'000LL).kick_off(admin_b_, "http://h/fhir/r4/$export", "");
  EXPECT_THROW(at(t0_ + 25 * 3600'000LL).status(admin_a_, row.id), NotFoundError);
  EXPECT_THROW(at(t0_ + 25 * 3600'000LL).status(admin_a_, second.id), NotFoundError);
}

}  // namespace
}  // namespace rp::store
