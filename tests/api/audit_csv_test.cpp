// CSV cells of the audit export: quoted when they hold a separator, and never read by a
// spreadsheet as a formula (CSV injection).
#include <gtest/gtest.h>

#include "api/audit_search.hpp"

namespace rp::api {
namespace {

TEST(AuditCsv, FormulasBecomeText) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+98912"), "'+98912");
  EXPECT_EQ(csv_cell("-1+1"), "'-1+1");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tcmd"), "'\tcmd");
  EXPECT_EQ(csv_cell("a=b"), "a=b");  // only a cell's first character starts a formula
  EXPECT_EQ(csv_cell(""), "");
}

TEST(AuditCsv, SeparatorsAreQuoted) {
  EXPECT_EQ(csv_cell("plain"), "plain");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("دلیل، فارسی"), "دلیل، فارسی");  // the Persian comma is no separator
}

TEST(AuditCsv, OneHeaderRowThenOneLinePerRow) {
  service::AuditPage page;
  store::AuditRow r;
  r.seq = 7;
  r.at = "2026-12-03T10:00:00.000Z";
  r.actor = "admin.a";
  r.role = "admin";
  r.centre_id = "a";
  r.action = "patient.read";
  r.entity = "patient";
  r.entity_id = "3";
  r.detail = "=1+1";
  page.rows.push_back({r, false});
  EXPECT_EQ(audit_page_csv(page),
            "\xEF\xBB\xBFseq,at,actor,role,centre,action,entity,entity_id,via,detail\r\n"
            "7,2026-12-03T10:00:00.000Z,admin.a,admin,a,patient.read,patient,3,record,'=1+1\r\n");
}

}  // namespace
}  // namespace rp::api
