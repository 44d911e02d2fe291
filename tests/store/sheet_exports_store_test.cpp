// Spreadsheet exports (migration 0049, service/sheet_exports.hpp) on every engine: an ask
// checked field by field before anything is written, the kinds each role may take, a
// file's binary parts kept byte for byte and read back in order, an export its asker's
// alone, one of a user's made at a time, a delete removing it with its files and parts,
// a silent runner read as failed, a failure's cause kept as a code beside its English
// detail, and exports removed a day after they began.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "service/sheet_exports.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

class SheetExportsStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      tx.upsert_centre(test::test_centre("a"));
      tx.upsert_centre(test::test_centre("b"));
    });
  }

  service::SheetExports at(std::int64_t ms) { return service::SheetExports(*store_, Clock::fixed(ms)); }

  static service::SheetExportAsk ask(std::string kind, std::string format = "csv") {
    service::SheetExportAsk a;
    a.kind = std::move(kind);
    a.format = std::move(format);
    return a;
  }

  // Reads `parts` from `content` as the runner reads a file.
  static std::function<std::string()> reader(const std::vector<std::string>& parts) {
    auto at = std::make_shared<std::size_t>(0);
    return [parts, at]() { return *at < parts.size() ? parts[(*at)++] : std::string(); };
  }

  std::int64_t audit_rows() {
    std::int64_t n = 0;
    store_->read([&](Transaction& tx) { n = static_cast<std::int64_t>(tx.audit_rows(0, 100000).size()); });
    return n;
  }

  std::unique_ptr<Store> store_;
  const std::int64_t t0_ = 1775030400000;  // 2026-04-01T08:00Z
  service::Actor admin_a_{"admin.a", service::Role::admin, "a"};
  service::Actor admin_a2_{"admin.a2", service::Role::admin, "a"};
  service::Actor analyst_{"analyst", service::Role::analyst, ""};
};
INSTANTIATE_ENGINES(SheetExportsStore);

TEST_P(SheetExportsStore, ABadAskIsRefusedNamingTheFieldAndWritesNothing) {
  auto exports = at(t0_);
  const auto refused = [&](const service::Actor& who, const service::SheetExportAsk& a, const std::string& field) {
    try {
      exports.kick_off(who, a);
      ADD_FAILURE() << "accepted an ask that names " << field << " wrongly";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), field) << e.what();
    }
  };
  refused(admin_a_, ask("everything"), "kind");
  refused(admin_a_, ask("records", "pdf"), "format");
  auto wide = ask("records");
  wide.layout = "tall";
  refused(admin_a_, wide, "layout");
  auto deid_wide = ask("deidentified");
  deid_wide.layout = "wide";
  refused(analyst_, deid_wide, "layout");
  auto records_protocol = ask("records");
  records_protocol.protocol = "hip-msc-v1";
  refused(admin_a_, records_protocol, "protocol");
  auto no_protocol = ask("deidentified");
  no_protocol.protocol = "knee-prp-v9";
  refused(analyst_, no_protocol, "protocol");
  auto no_centre = ask("deidentified");
  no_centre.centre = "nowhere";
  refused(analyst_, no_centre, "centre");
  // Who may take what: an analyst no identified records; an admin no other centre's.
  EXPECT_THROW(exports.kick_off(analyst_, ask("records")), ForbiddenError);
  auto other = ask("records");
  other.centre = "b";
  EXPECT_THROW(exports.kick_off(admin_a_, other), ForbiddenError);
  auto other_deid = ask("deidentified");
  other_deid.centre = "b";
  EXPECT_THROW(exports.kick_off(admin_a_, other_deid), ForbiddenError);
  const service::Actor surgeon{"s", service::Role::surgeon, "a"};
  EXPECT_THROW(exports.kick_off(surgeon, ask("deidentified")), ForbiddenError);
  EXPECT_THROW(exports.mine(surgeon), ForbiddenError);
  EXPECT_THROW(exports.status(surgeon, std::string(32, '0')), ForbiddenError);
  EXPECT_TRUE(exports.mine(admin_a_).empty());
  EXPECT_TRUE(exports.mine(analyst_).empty());
  EXPECT_EQ(audit_rows(), 0);
}

TEST_P(SheetExportsStore, AFilesBinaryPartsAreKeptByteForByteAndTheExportIsItsAskersAlone) {
  auto exports = at(t0_);
  const auto row = exports.kick_off(admin_a_, ask("records", "xlsx"));
  EXPECT_EQ(row.id.size(), 32U);
  EXPECT_EQ(row.centre_id, "a") << "an admin's export is of their centre";
  EXPECT_EQ(row.state, "running");
  try {
    exports.kick_off(admin_a_, ask("deidentified"));
    ADD_FAILURE() << "a second export of the user while one is made";
  } catch (const ConflictError& e) {
    EXPECT_EQ(e.code(), "sheet_export_running");
  }
  EXPECT_NO_THROW(exports.kick_off(admin_a2_, ask("records"))) << "another user's may be made";
  const auto every = exports.kick_off(analyst_, ask("deidentified"));
  EXPECT_EQ(every.centre_id, "") << "an analyst's export without a centre covers every centre";

  // Bytes a zip holds: NUL, high bytes, every value.
  std::string first;
  for (int i = 0; i < 256; ++i) first += static_cast<char>(i);
  const std::string second("PK\x03\x04\0\0\xff", 7);
  EXPECT_TRUE(exports.add_file(row.id, 1, "records.xlsx", reader({first, second})));
  EXPECT_TRUE(exports.status(admin_a_, row.id).files.empty()) << "no files listed before it is done";
  EXPECT_THROW(exports.open_file(admin_a_, row.id, 1), NotFoundError);
  exports.finished(row.id, R"({"patients":3})");
  const auto st = exports.status(admin_a_, row.id);
  EXPECT_EQ(st.row.state, "done");
  EXPECT_EQ(st.row.summary, R"({"patients":3})");
  ASSERT_EQ(st.files.size(), 1U);
  EXPECT_EQ(st.files[0].name, "records.xlsx");
  EXPECT_EQ(st.files[0].bytes, 263);
  EXPECT_EQ(st.files[0].parts, 2);
  const auto opened = exports.open_file(admin_a_, row.id, 1);
  EXPECT_EQ(opened.bytes, 263);
  EXPECT_EQ(exports.part(admin_a_, row.id, 1, 0), first);
  EXPECT_EQ(exports.part(admin_a_, row.id, 1, 1), second);
  EXPECT_THROW(exports.part(admin_a_, row.id, 1, 2), NotFoundError);
  EXPECT_THROW(exports.open_file(admin_a_, row.id, 2), NotFoundError);
  // Another admin of the same centre, and the analyst: not found.
  EXPECT_THROW(exports.status(admin_a2_, row.id), NotFoundError);
  EXPECT_THROW(exports.part(admin_a2_, row.id, 1, 0), NotFoundError);
  EXPECT_THROW(exports.status(analyst_, row.id), NotFoundError);
  ASSERT_EQ(exports.mine(admin_a_).size(), 1U);
  EXPECT_EQ(exports.mine(admin_a_)[0].files, st.files) << "a done export is listed with its files";
  EXPECT_EQ(exports.mine(analyst_).at(0).row.id, every.id);
  // Done, so another may begin; a delete removes it with its files and parts.
  EXPECT_NO_THROW(exports.kick_off(admin_a_, ask("deidentified", "csv")));
  exports.remove(admin_a_, row.id);
  EXPECT_THROW(exports.status(admin_a_, row.id), NotFoundError);
  EXPECT_FALSE(exports.add_file(row.id, 2, "more.csv", reader({"x"})));
  EXPECT_FALSE(exports.progressed(row.id, "10 patients"));
  store_->read([&](Transaction& tx) {
    EXPECT_EQ(tx.sheet_export_part(row.id, 1, 0), std::nullopt);
    EXPECT_TRUE(tx.sheet_export_files(row.id).empty());
  });
}

TEST_P(SheetExportsStore, ASilentRunnerReadsAsFailedAndADayLaterTheExportIsGone) {
  const auto row = at(t0_).kick_off(admin_a_, ask("records"));
  at(t0_ + 60'000).progressed(row.id, "1000 patients");
  EXPECT_EQ(at(t0_ + 5 * 60'000).status(admin_a_, row.id).row.progress, "1000 patients");
  const auto silent = at(t0_ + 60'000 + service::kSheetExportSilentMs + 1).status(admin_a_, row.id);
  EXPECT_EQ(silent.row.state, "failed");
  EXPECT_NE(silent.row.error.find("no sign of life"), std::string::npos);
  EXPECT_EQ(silent.row.error_code, service::kSheetExportSilent);
  EXPECT_NO_THROW(at(t0_ + 60'000 + service::kSheetExportSilentMs + 1).kick_off(admin_a_, ask("deidentified")))
      << "a silent export does not hold the user's next";
  // A day after the later of the two began.
  const std::int64_t next_day = t0_ + service::kSheetExportKeptMs + service::kSheetExportSilentMs + 120'000;
  EXPECT_TRUE(at(next_day).mine(admin_a_).empty()) << "a day-old export is not listed";
  at(next_day).kick_off(admin_a2_, ask("records"));
  EXPECT_THROW(at(next_day).status(admin_a_, row.id), NotFoundError) << "removed a day after it began";
}

TEST_P(SheetExportsStore, AFailureKeepsItsCauseAsACodeBesideTheEnglishDetail) {
  const auto stopped = at(t0_).kick_off(admin_a_, ask("records"));
  EXPECT_EQ(at(t0_).status(admin_a_, stopped.id).row.error_code, "") << "no cause while running";
  at(t0_ + 60'000)
      .failed(stopped.id, service::kSheetExportServerStopped, "the server stopped before the export was done");
  const auto a = at(t0_ + 61'000).status(admin_a_, stopped.id).row;
  EXPECT_EQ(a.state, "failed");
  EXPECT_EQ(a.error_code, "server_stopped");
  EXPECT_EQ(a.error, "the server stopped before the export was done");

  const auto broken = at(t0_ + 62'000).kick_off(admin_a_, ask("records", "xlsx"));
  at(t0_ + 63'000).failed(broken.id, service::kSheetExportCouldNotMake, "No space left on device");
  const auto mine = at(t0_ + 64'000).mine(admin_a_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].row.id, broken.id) << "the latest first";
  EXPECT_EQ(mine[0].row.error_code, "could_not_make");
  EXPECT_EQ(mine[0].row.error, "No space left on device");
  EXPECT_EQ(mine[1].row.error_code, "server_stopped");
}

}  // namespace
}  // namespace rp::store
