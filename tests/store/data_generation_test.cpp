// The data generation that caches of rendered records key on: audit rows (the trace every
// record read leaves) do not move it; any other committed change does, whether made
// through this store, in a group commit, or by another connection to the same file.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/group_commit.hpp"
#include "store/store.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

AuditEntry read_audit() {
  return {"2026-01-01T00:00:00.000Z", "u", "surgeon", "a", "episode.read", "episode", "1", ""};
}

TEST(DataGeneration, AuditRowsLeaveItRecordChangesMoveIt) {
  test::TempDb db;
  auto s = open_sqlite(db.path());
  const auto start = s->data_generation();
  ASSERT_TRUE(start.has_value());
  s->write([](Transaction& tx) { tx.append_audit(read_audit()); });
  EXPECT_EQ(s->data_generation(), start);
  s->read([](Transaction& tx) { tx.list_centres(); });
  EXPECT_EQ(s->data_generation(), start);
  s->write([](Transaction& tx) { tx.upsert_centre(test::test_centre("a")); });
  EXPECT_NE(s->data_generation(), start);
}

// An export's own rows (its state, its files' parts) are no record: an export being made
// leaves every cache of rendered records valid.
TEST(DataGeneration, AnExportsOwnRowsLeaveIt) {
  test::TempDb db;
  auto s = open_sqlite(db.path());
  const auto start = s->data_generation();
  SheetExportRow e = test::running_sheet_export("records", "a", "admin.a");
  s->write([&](Transaction& tx) {
    tx.insert_sheet_export(e);
    tx.insert_sheet_export_part(e.id, 1, 0, "patient_id\n1\n");
    tx.insert_sheet_export_file({e.id, 1, "patients.csv", 13, 1});
    e.state = "done";
    tx.update_sheet_export(e);
  });
  EXPECT_EQ(s->data_generation(), start);
  s->write([&](Transaction& tx) { tx.delete_sheet_export(e.id); });
  EXPECT_EQ(s->data_generation(), start);
  s->write([](Transaction& tx) { tx.upsert_centre(test::test_centre("a")); });
  EXPECT_NE(s->data_generation(), start);
}

TEST(DataGeneration, ARolledBackWriteChangedNothing) {
  test::TempDb db;
  auto s = open_sqlite(db.path());
  const auto start = s->data_generation();
  EXPECT_THROW(s->write([](Transaction& tx) {
    tx.upsert_centre(test::test_centre("a"));
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  s->read([](Transaction& tx) { EXPECT_TRUE(tx.list_centres().empty()); });
  EXPECT_EQ(s->data_generation(), start);
}

TEST(DataGeneration, GroupCommitOfReadAuditsLeavesItAWriteInTheBatchMovesIt) {
  test::TempDb db;
  auto inner = open_sqlite(db.path());
  GroupCommitStore s(*inner);
  const auto start = s.data_generation();
  ASSERT_TRUE(start.has_value());
  const std::function<void(Transaction&)> audit = [](Transaction& tx) { tx.append_audit(read_audit()); };
  const std::function<void(Transaction&)> change = [](Transaction& tx) { tx.upsert_centre(test::test_centre("a")); };
  EXPECT_TRUE(inner->write_batch({&audit, &audit})[0] == nullptr);
  s.write(audit);
  EXPECT_EQ(s.data_generation(), start);
  inner->write_batch({&audit, &change, &audit});
  EXPECT_NE(s.data_generation(), start);
}

TEST(DataGeneration, AnotherConnectionsCommitMovesIt) {
  test::TempDb db;
  auto s = open_sqlite(db.path());
  s->read([](Transaction& tx) { tx.list_centres(); });  // the store has seen the file once
  const auto start = s->data_generation();
  {
    SQLite::Database other(db.path(), SQLite::OPEN_READWRITE);
    other.exec(
        "INSERT INTO centres (id, name_en, name_fa, city_en, city_fa, licence_status, licence_number, phone) "
        "VALUES ('x', 'X', 'X', '', '', 'licensed', '', '')");
  }
  // Seen at the store's next transaction, which every audited read opens.
  s->write([](Transaction& tx) { tx.append_audit(read_audit()); });
  EXPECT_NE(s->data_generation(), start);
}

}  // namespace
}  // namespace rp::store
