// FHIR Bulk Data exports (migration 0048, service/bulk_exports.hpp) on every engine: an
// export kicked off, its files added in order and read back, one export of a centre at a
// time, the status of another centre's export not found, a delete removing it and its
// files, a runner silent too long read as failed, and exports removed a day after they
// began; and the registry's de-identified exports (0050): the analyst's of every centre
// (no centre named), an admin's of their own centre only, each seen by its asker alone,
// apart from the centres' exports, one of an asker's at a time, begun again without its
// files, and on PostgreSQL a centre-less one out of any centre's row security.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "service/bulk_exports.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"
#include "tests/support/pg_app_role.hpp"

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

TEST_P(BulkExportsStore, ARegistryExportIsItsAskersAloneAndApartFromTheCentresExports) {
  auto exports = at(t0_);
  const service::Actor analyst{"analyst.a", service::Role::analyst, "a"};
  const service::Actor other_analyst{"analyst.b", service::Role::analyst, "b"};
  const auto every = exports.kick_off_registry(analyst, "http://h/fhir/r4/Group/registry/$export", "", std::nullopt);
  EXPECT_EQ(every.kind, "registry");
  EXPECT_EQ(every.centre_id, "") << "every centre's names none";
  try {
    exports.kick_off_registry(analyst, "x", "", "b");
    ADD_FAILURE() << "a second of the analyst's while one runs";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.code(), "registry_export_running");
  }
  const auto of_b = exports.kick_off_registry(other_analyst, "x", "Patient", "b");
  EXPECT_EQ(of_b.centre_id, "b");
  EXPECT_THROW(exports.kick_off_registry(other_analyst, "x", "", "nowhere"), NotFoundError);
  // An admin's: their own centre, asked or not; another's refused. It does not stand in
  // the way of the centre's own export, nor that in its way.
  const auto admins = exports.kick_off_registry(admin_a_, "x", "", std::nullopt);
  EXPECT_EQ(admins.centre_id, "a");
  EXPECT_THROW(exports.kick_off_registry(admin_b_, "x", "", "a"), ForbiddenError);
  EXPECT_NO_THROW(exports.kick_off(admin_a_, "http://h/fhir/r4/$export", ""));
  const service::Actor surgeon{"surgeon.a", service::Role::surgeon, "a"};
  EXPECT_THROW(exports.kick_off_registry(surgeon, "x", "", std::nullopt), ForbiddenError);

  // Files written, the read begun again (its files gone), written anew, done.
  EXPECT_TRUE(exports.add_file(every.id, 1, "Patient", 1, "{\"p\":1}\n"));
  EXPECT_TRUE(exports.restarted(every.id));
  store_->read([&](Transaction& tx) { EXPECT_TRUE(tx.bulk_export_files(every.id).empty()); });
  EXPECT_TRUE(exports.add_file(every.id, 1, "Patient", 1, "{\"p\":2}\n"));
  exports.finished(every.id);
  using K = service::BulkExportKind;
  const auto st = exports.status(analyst, every.id, K::registry);
  EXPECT_EQ(st.row.state, "done");
  ASSERT_EQ(st.files.size(), 1U);
  EXPECT_EQ(exports.file(analyst, every.id, 1, K::registry), "{\"p\":2}\n");
  // Its asker's alone: another analyst, the centre's admin, and the centres' routes find none.
  EXPECT_THROW(exports.status(other_analyst, every.id, K::registry), NotFoundError);
  EXPECT_THROW(exports.file(other_analyst, every.id, 1, K::registry), NotFoundError);
  EXPECT_THROW(exports.status(admin_a_, every.id, K::registry), NotFoundError);
  EXPECT_THROW(exports.status(admin_a_, every.id, K::centre), NotFoundError);
  EXPECT_THROW(exports.status(admin_a_, admins.id, K::centre), NotFoundError)
      << "a registry export is not the centre's";
  EXPECT_EQ(exports.status(admin_a_, admins.id, K::registry).row.kind, "registry");
  EXPECT_THROW(exports.status(analyst, every.id, K::centre), ForbiddenError) << "the analyst exports no records";
  // Row security, as the unprivileged role a server connects as (the cluster's superuser
  // is above it): a centre's scope reaches no export of every centre, nor another centre's.
  if (postgres()) {
    const auto app = open_store(test::app_role_url(db()), OpenMode::existing_no_migrate);
    app->read(CentreScope::of_centre("a"), [&](Transaction& tx) {
      EXPECT_EQ(tx.find_bulk_export(every.id), std::nullopt);
      EXPECT_EQ(tx.find_bulk_export(of_b.id), std::nullopt);
      EXPECT_TRUE(tx.bulk_export_files(every.id).empty());
      EXPECT_NE(tx.find_bulk_export(admins.id), std::nullopt);
    });
  }
  exports.remove(analyst, every.id, K::registry);
  EXPECT_THROW(exports.status(analyst, every.id, K::registry), NotFoundError);
  EXPECT_NO_THROW(exports.kick_off_registry(analyst, "x", "", std::nullopt)) << "the analyst's next may begin";
}

}  // namespace
}  // namespace rp::store
