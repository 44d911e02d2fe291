// Dates and numbers as people type them, over HTTP: every date field takes a Gregorian
// date and its _jalali twin a Jalali one, in Latin, Persian or Arabic-Indic digits; a
// Gregorian date with a Jalali year (1404-12-30) is refused with a message saying where
// it goes, in English and Persian; the one-time code signs in typed in Persian digits;
// ?limit= outside 1-1000 or not a number is refused, not clamped.
#include <gtest/gtest.h>

#include "base/digits.hpp"
#include "base/jalali.hpp"
#include "http_test_support.hpp"

namespace rp::test {
namespace {

// Arabic-Indic digits (U+0660...), as an Arabic keyboard types them.
std::string arabic_indic(std::string_view ascii) {
  std::string out;
  for (const char c : ascii) {
    if (c < '0' || c > '9') {
      out.push_back(c);
      continue;
    }
    const unsigned cp = 0x0660 + unsigned(c - '0');
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

std::string jalali_slashes(const CivilDate& d) {
  std::string iso = to_jalali(d).iso();
  iso[4] = iso[7] = '/';
  return iso;
}

// A national id with a valid check digit, different for each n.
std::string national_id(int n) {
  std::string d = std::to_string(310000000 + n);
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[i] - '0') * (10 - i);
  const int r = sum % 11;
  return d + std::to_string(r < 2 ? r : 11 - r);
}

class TypedDates : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    seeded_ = seed(dir_->file("dates.db"));
    server_ = new ServerProcess(dir_->file("dates.db"), {}, dir_->file("log"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void SetUp() override {
    coordinator_.port = surgeon_.port = server_->port();
    ASSERT_EQ(coordinator_.login("coordinator.a").status, 200);
    ASSERT_EQ(surgeon_.login("surgeon.a").status, 200);
  }
  // A new patient (their own national id), consenting to treatment.
  static nlohmann::json patient(const std::string& mrn) {
    return {{"mrn", mrn},
            {"name_fa", "سارا"},
            {"name_latin", "Sara"},
            {"sex", "female"},
            {"mobile", "09121110000"},
            {"national_id", national_id(++serial_)},
            {"consent", {{"treatment", true}, {"registry", true}, {"contact", true}}}};
  }
  std::string new_episode() {
    const Reply p = coordinator_.post("/api/v1/patients", [&] {
      auto j = patient("D-" + std::to_string(serial_));
      j["birth_date"] = "1970-01-01";
      return j;
    }());
    EXPECT_EQ(p.status, 201) << p.body;
    const Reply e =
        coordinator_.post("/api/v1/patients/" + std::to_string(p.json()["id"].get<int>()) + "/episodes",
                          {{"protocol", "hip-msc-v1"}, {"side", "left"}, {"diagnosis", {{"code", "M16.12"}}}});
    EXPECT_EQ(e.status, 201) << e.body;
    return std::to_string(e.json()["id"].get<int>());
  }
  static void refused(const Reply& r, const std::string& field, const std::string& words) {
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
    EXPECT_NE(r.json()["error"]["message"].get<std::string>().find(words), std::string::npos) << r.body;
  }

  static TempDir* dir_;
  static Seeded seeded_;
  static ServerProcess* server_;
  static inline int serial_ = 0;
  const CivilDate today_ = Clock::system().today();
  Client coordinator_, surgeon_;
};
TempDir* TypedDates::dir_ = nullptr;
Seeded TypedDates::seeded_;
ServerProcess* TypedDates::server_ = nullptr;

TEST_F(TypedDates, ABirthDateInTheJalaliTwinInEveryScriptOfDigits) {
  int n = 0;
  for (const std::string& jalali :
       {std::string("1340/01/01"), persian_digits("1340/01/01"), arabic_indic("1340-01-01")}) {
    auto body = patient("J-" + std::to_string(++n));
    body["birth_date_jalali"] = jalali;
    const Reply r = coordinator_.post("/api/v1/patients", body);
    ASSERT_EQ(r.status, 201) << jalali << " " << r.body;
    EXPECT_EQ(r.json()["birth_date"], "1961-03-21") << jalali;
    EXPECT_EQ(r.json()["birth_date_jalali"], "1340-01-01") << jalali;
  }
  // Gregorian in Persian digits, as the README promised.
  auto body = patient("J-g");
  body["birth_date"] = persian_digits("1961-03-21");
  const Reply g = coordinator_.post("/api/v1/patients", body);
  ASSERT_EQ(g.status, 201) << g.body;
  EXPECT_EQ(g.json()["birth_date"], "1961-03-21");
}

TEST_F(TypedDates, AJalaliYearInAGregorianFieldIsRefusedSayingWhereItGoes) {
  const auto before = coordinator_.get("/api/v1/patients").json().size();
  auto body = patient("J-wrong");
  body["birth_date"] = "1340-01-01";
  refused(coordinator_.post("/api/v1/patients", body), "birth_date", "send a Jalali date as birth_date_jalali");
  const Reply fa = coordinator_.post("/api/v1/patients", body, {{"Accept-Language", "fa"}});
  EXPECT_EQ(fa.status, 422);
  EXPECT_NE(fa.json()["error"]["message"].get<std::string>().find("تاریخ خورشیدی"), std::string::npos) << fa.body;
  body["birth_date_jalali"] = "1340/01/01";
  refused(coordinator_.post("/api/v1/patients", body), "birth_date", "not both");
  body.erase("birth_date");
  body["birth_date_jalali"] = "1961-03-21";
  refused(coordinator_.post("/api/v1/patients", body), "birth_date_jalali", "send it as birth_date");
  EXPECT_EQ(coordinator_.get("/api/v1/patients").json().size(), before);

  // The plan of the issue: 1404-12-30 read as the Gregorian year 1404 moved it 620 years.
  const std::string eid = new_episode();
  refused(
      coordinator_.post("/api/v1/episodes/" + eid + "/plan", {{"harvest", "1404-12-30"}, {"injection", "1404-12-30"}}),
      "harvest", "'1404-12-30' is a Jalali date (its year is 1300-1499), but harvest takes a Gregorian one");
  EXPECT_TRUE(coordinator_.get("/api/v1/episodes/" + eid).json()["harvest_date"].is_null());
}

TEST_F(TypedDates, EveryDateFieldTakesItsJalaliTwin) {
  const std::string eid = new_episode();
  const CivilDate soon = today_.plus_days(30);
  // The plan: harvest in Persian digits, injection in Arabic-Indic.
  Reply r = coordinator_.post("/api/v1/episodes/" + eid + "/plan",
                              {{"harvest_jalali", persian_digits(jalali_slashes(soon))},
                               {"injection_jalali", arabic_indic(jalali_slashes(soon.plus_days(1)))}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["harvest_date"], soon.iso());
  EXPECT_EQ(r.json()["injection_date"], soon.plus_days(1).iso());

  // A transition on a Jalali day in Latin digits.
  r = coordinator_.post("/api/v1/episodes/" + eid + "/transitions",
                        {{"to", "screening"}, {"on_jalali", jalali_slashes(today_)}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto transitions = coordinator_.get("/api/v1/episodes/" + eid).json()["transitions"];
  EXPECT_EQ(transitions.back()["on"], today_.iso());

  // A schedule item marked done on a Jalali day.
  r = coordinator_.post("/api/v1/episodes/" + eid + "/schedule/consultation",
                        {{"status", "done"}, {"on_jalali", persian_digits(jalali_slashes(today_))}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["done_on"], today_.iso());

  // An adverse event's onset, and a red flag's, reported and then triaged.
  r = surgeon_.post(
      "/api/v1/episodes/" + eid + "/adverse-events",
      {{"category", "swelling"}, {"severity", "mild"}, {"onset_jalali", arabic_indic(jalali_slashes(today_))}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["onset"], today_.iso());
  Client portal = patient_client(server_->port(), dir_->file("log"), seeded_.patient_a);
  ASSERT_NE(portal.port, 0);
  r = portal.post(
      "/api/v1/me/episodes/" + std::to_string(seeded_.episode_a) + "/red-flags",
      {{"category", "swelling"}, {"severity", "moderate"}, {"onset_jalali", persian_digits(jalali_slashes(today_))}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["onset"], today_.iso());
  r = surgeon_.post(
      "/api/v1/red-flags/" + std::to_string(r.json()["id"].get<int>()) + "/triage",
      {{"decision", "adverse_event"}, {"category", "swelling"}, {"onset_jalali", jalali_slashes(today_)}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["adverse_event"]["onset"], today_.iso());
}

TEST_F(TypedDates, TheWorklistDayInEitherCalendar) {
  const Reply jalali =
      coordinator_.get("/api/v1/worklist?date_jalali=" + percent_encoded(persian_digits(jalali_slashes(today_))));
  ASSERT_EQ(jalali.status, 200) << jalali.body;
  EXPECT_EQ(jalali.json()["date"], today_.iso());
  const Reply gregorian = coordinator_.get("/api/v1/worklist?date=" + percent_encoded(arabic_indic(today_.iso())));
  ASSERT_EQ(gregorian.status, 200) << gregorian.body;
  EXPECT_EQ(gregorian.json()["date"], today_.iso());
  refused(coordinator_.get("/api/v1/worklist?date=" + to_jalali(today_).iso()), "date",
          "send a Jalali date as date_jalali");
}

TEST_F(TypedDates, TheOneTimeCodeInPersianDigitsSignsIn) {
  Client{server_->port()}.post("/api/v1/patient-auth/code", {{"mobile", "09121234567"}});
  const std::string code = code_from_log(dir_->file("log"), seeded_.patient_a);
  ASSERT_EQ(code.size(), 6u);
  const Reply r = Client{server_->port()}.post(
      "/api/v1/patient-auth/login", {{"mobile", persian_digits("09121234567")}, {"code", persian_digits(code)}});
  ASSERT_EQ(r.status, 200) << r.body;
  // The seeded patients share the number: the right code offers the choice of who signs in.
  ASSERT_TRUE(r.json().contains("choose_patient")) << r.body;
  const Reply chosen = Client{server_->port()}.post(
      "/api/v1/patient-auth/choose",
      {{"choice", r.json()["choose_patient"]["choice"]}, {"patient_id", seeded_.patient_a}});
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  EXPECT_EQ(chosen.json()["role"], "patient");
}

// A record number is stored in ASCII digits however it is typed; a grade is a JSON
// number, and text spelling one is refused saying so.
TEST_F(TypedDates, RecordNumbersInAnyDigitsAndGradesAsNumbers) {
  auto body = patient(persian_digits("M-77"));
  body["birth_date"] = "1970-01-01";
  const Reply r = coordinator_.post("/api/v1/patients", body);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["mrn"], "M-77");
  EXPECT_EQ(coordinator_.get("/api/v1/patients?q=" + percent_encoded(arabic_indic("M-77"))).json().size(), 1u);
  const std::string eid = new_episode();
  refused(coordinator_.call("PATCH", "/api/v1/episodes/" + eid, R"({"kl_grade": "۳"})"), "kl_grade",
          "must be an integer (a JSON number, not text)");
  const Reply grade = coordinator_.call("PATCH", "/api/v1/episodes/" + eid, R"({"kl_grade": 3})");
  ASSERT_EQ(grade.status, 200) << grade.body;
  EXPECT_EQ(grade.json()["kl_grade"], 3);
}

TEST_F(TypedDates, ALimitOutsideItsRangeIsRefusedNotClamped) {
  for (const char* bad : {"0", "1001", "-5", "abc", "12abc", "", "99999999999999999999"})
    refused(coordinator_.get(std::string("/api/v1/patients?limit=") + bad), "limit", "must be a whole number 1-1000");
  const Reply one = coordinator_.get("/api/v1/patients?limit=1");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json().size(), 1u);
  const Reply persian = coordinator_.get("/api/v1/patients?limit=" + percent_encoded(persian_digits("1")));
  ASSERT_EQ(persian.status, 200) << persian.body;
  EXPECT_EQ(persian.json().size(), 1u);
}

}  // namespace
}  // namespace rp::test
