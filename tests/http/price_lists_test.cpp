// Price lists and estimates over real HTTP against a real SQLite file: a centre's admin
// writes the centre's list and its next version, the other staff read it and estimate a
// treatment with the patient's insurers; another centre's admin gets a 404, a coordinator
// a 403; overlapping years, a zero amount, an unknown item and a reversed period are
// refused naming the field, and nothing is written; every write leaves an audit row.
#include <gtest/gtest.h>

#include "http_test_support.hpp"
#include "pdf_text_support.hpp"
#include "planned_messages_support.hpp"

namespace rp::test {
namespace {

nlohmann::json seed_list(int from, int to, std::int64_t consultation) {
  return {{"valid_from_year", from},
          {"valid_to_year", to},
          {"note", "قیمت‌های ۱۴۰۳"},
          {"lines",
           {{{"item", "consultation"}, {"amount_rials", consultation}},
            {{"item", "tests"}, {"amount_rials", 30'000'000}},
            {{"item", "harvest_bone_marrow"}, {"amount_rials", 40'000'000}},
            {{"item", "harvest_adipose"}, {"amount_rials", 45'000'000}},
            {{"item", "processing"}, {"amount_rials", 50'000'000}},
            {{"item", "injection_ultrasound"}, {"amount_rials", 20'000'000}},
            {{"item", "injection_fluoroscopy"}, {"amount_rials", 25'000'000}}}}};
}

TEST(PriceListsHttp, TheAdminWritesTheStaffReadAndEstimate) {
  TempDir dir;
  const std::string db = dir.file("prices.db"), log = dir.file("server.log");
  const Seeded seeded = seed(db);
  ServerProcess server(db, {}, log);
  const auto as = [&](const std::string& user) {
    Client c{server.port()};
    EXPECT_EQ(c.login(user).status, 200) << user;
    return c;
  };
  Client admin = as("admin.a");
  const std::string lists = "/api/v1/centres/a/price-lists";
  const auto audit = [&] { return count_in(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'price_list.save'"); };

  const Reply made = admin.post(lists, seed_list(1403, 1404, 10'000'000));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::int64_t first = made.json()["id"];
  EXPECT_EQ(made.json()["version"], 1);
  EXPECT_EQ(made.json()["created_by"], "admin.a");
  EXPECT_EQ(made.json()["note"], "قیمت‌های ۱۴۰۳");
  EXPECT_EQ(audit(), 1);

  // Refused, naming the field; nothing written.
  const auto lists_before = count_in(db, "SELECT COUNT(*) FROM price_lists");
  nlohmann::json zero = seed_list(1405, 1405, 0);
  nlohmann::json unknown = seed_list(1405, 1405, 1);
  unknown["lines"][0]["item"] = "massage";
  for (const auto& [body, field] : std::vector<std::pair<nlohmann::json, std::string>>{
           {seed_list(1404, 1405, 1), "valid_from_year"},
           {seed_list(1406, 1405, 1), "valid_to_year"},
           {seed_list(1389, 1389, 1), "valid_from_year"},
           {zero, "lines[0].amount_rials"},
           {unknown, "lines[0].item"},
           {nlohmann::json{{"valid_from_year", 1406}, {"valid_to_year", 1406}, {"lines", nlohmann::json::array()}},
            "lines"}}) {
    const Reply bad = admin.post(lists, body);
    EXPECT_EQ(bad.status, 422) << body << " " << bad.body;
    EXPECT_EQ(bad.json()["error"]["field"], field) << body;
  }
  EXPECT_EQ(as("coordinator.a").post(lists, seed_list(1406, 1406, 1)).status, 403);
  EXPECT_EQ(as("admin.b").post(lists, seed_list(1406, 1406, 1)).status, 404);
  EXPECT_EQ(as("admin.b").get(lists).status, 404);
  EXPECT_EQ(count_in(db, "SELECT COUNT(*) FROM price_lists"), lists_before);
  EXPECT_EQ(audit(), 1);

  // The next version: the old one is kept, marked superseded, and cannot be replaced twice.
  nlohmann::json next = seed_list(1403, 1404, 12'000'000);
  next["replaces"] = first;
  const Reply second = admin.post(lists, next);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json()["series_id"], first);
  EXPECT_EQ(second.json()["version"], 2);
  EXPECT_EQ(admin.post(lists, next).status, 409);
  const auto current = as("coordinator.a").get(lists).json()["price_lists"];
  ASSERT_EQ(current.size(), 1U);
  EXPECT_EQ(current[0]["version"], 2);
  const auto history = as("surgeon.a").get(lists + "?history=true").json()["price_lists"];
  ASSERT_EQ(history.size(), 2U);
  EXPECT_TRUE(history[0].contains("superseded_at"));
  EXPECT_FALSE(history[1].contains("superseded_at"));
  EXPECT_EQ(as("coordinator.a").get(lists + "?history=maybe").status, 422);

  // The insurers and an estimate: the patient's and the insurers' shares sum to the total.
  const auto insurers = as("coordinator.a").get("/api/v1/insurers").json()["insurers"];
  ASSERT_GE(insurers.size(), 4U);
  EXPECT_EQ(insurers[0]["kind"], "basic");
  const nlohmann::json ask = {{"year", 1403},
                              {"cell_source", "adipose"},
                              {"guidance", "fluoroscopy"},
                              {"insurers",
                               {{{"insurer", "health-insurance"}, {"months_insured", 40}},
                                {{"insurer", "supplementary-example-30"}, {"months_insured", 7}}}},
                              {"down_rials", 30'000'000},
                              {"months", 6},
                              {"first_due_jalali", "1403/07/15"}};
  const Reply estimate = as("coordinator.a").post("/api/v1/centres/a/estimates", ask);
  ASSERT_EQ(estimate.status, 200) << estimate.body;
  const auto e = estimate.json();
  EXPECT_EQ(e["price_list_id"], second.json()["id"]);
  EXPECT_EQ(e["total_rials"], 162'000'000);  // 12 + 30 + 45 + 50 + 25 million rials
  EXPECT_EQ(e["payers"][0]["why"], "pays_nothing");
  EXPECT_EQ(e["payers"][1]["amount_rials"], 36'000'000);  // 30 % of 120 million
  EXPECT_EQ(e["payers"][1]["name_fa"], "بیمهٔ تکمیلی (نمونه: ۳۰ درصد)");
  EXPECT_EQ(e["patient_rials"], 126'000'000);
  ASSERT_EQ(e["instalments"]["instalments"].size(), 6U);
  EXPECT_EQ(e["instalments"]["instalments"][0]["due"], "2024-10-06");
  for (const auto& [key, value, field] : std::vector<std::tuple<std::string, nlohmann::json, std::string>>{
           {"year", 1399, "year"},
           {"cell_source", "blood", "cell_source"},
           {"insurers", nlohmann::json::array({{{"insurer", "dana"}, {"months_insured", 1}}}), "insurers[0].insurer"},
           {"months", 0, "months"},
           {"down_rials", 200'000'000, "down_rials"}}) {
    nlohmann::json body = ask;
    body[key] = value;
    const Reply bad = as("coordinator.a").post("/api/v1/centres/a/estimates", body);
    EXPECT_TRUE(bad.status == 422 || bad.status == 404) << key << " " << bad.body;
    EXPECT_EQ(bad.json()["error"]["field"], field) << key << " " << bad.body;
  }
  EXPECT_EQ(as("coordinator.b").post("/api/v1/centres/a/estimates", ask).status, 404);

  // The patient's own estimate from the portal: at their centre, the same figures; staff
  // may not ask as a patient, and a patient may not ask for a centre's estimate.
  Client patient = patient_client(server.port(), log, seeded.patient_a);
  ASSERT_NE(patient.port, 0) << "the patient signed in";
  const Reply own = patient.post("/api/v1/me/estimates", ask);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json()["total_rials"], e["total_rials"]);
  EXPECT_EQ(own.json()["patient_rials"], e["patient_rials"]);
  EXPECT_EQ(patient.post("/api/v1/centres/a/estimates", ask).status, 403);
  EXPECT_EQ(as("coordinator.a").post("/api/v1/me/estimates", ask).status, 403);
  EXPECT_EQ(Client{server.port()}.get("/api/v1/insurers").status, 200) << "public: the portal's choice";

  // The estimate printed: a PDF with each step, each insurer, the share and the
  // instalments, in English for the coordinator and Persian for the patient.
  Reply sheet = as("coordinator.a").post("/api/v1/centres/a/estimates/sheet", ask);
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  EXPECT_EQ(sheet.body.substr(0, 5), "%PDF-");
  std::string text = pdf_text(dir, sheet.body, "estimate-en");
  for (const char* want :
       {"Treatment cost estimate", "Cells from fat tissue", "injected under fluoroscopy", "Harvest from fat tissue",
        "4,500,000", "16,200,000", "pays nothing", "Supplementary insurance", "3,600,000", "12,600,000",
        "If paid in instalments", "3,000,000", "it is not a bill"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " in: " << text;
  sheet = patient.post("/api/v1/me/estimates/sheet?lang=fa", ask);
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  text = pdf_text(dir, sheet.body, "estimate-fa");
  for (const char* want : {"۱۶٬۲۰۰٬۰۰۰", "۱۲٬۶۰۰٬۰۰۰", "سهم هر بیمه", "۱۴۰۳/۰۷/۱۵"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " in: " << text;
  // Refused as the estimate is, naming the field; a language it does not speak, too.
  nlohmann::json bad = ask;
  bad["months"] = 0;
  sheet = as("coordinator.a").post("/api/v1/centres/a/estimates/sheet", bad);
  EXPECT_EQ(sheet.status, 422) << sheet.body;
  EXPECT_EQ(sheet.json()["error"]["field"], "months");
  sheet = as("coordinator.a").post("/api/v1/centres/a/estimates/sheet?lang=de", ask);
  EXPECT_EQ(sheet.status, 422);
  EXPECT_EQ(sheet.json()["error"]["field"], "lang");
  EXPECT_EQ(as("coordinator.b").post("/api/v1/centres/a/estimates/sheet", ask).status, 404);
  EXPECT_EQ(as("coordinator.a").post("/api/v1/me/estimates/sheet", ask).status, 403);
}

}  // namespace
}  // namespace rp::test
