// The patient portal's sign-in over real HTTP: one live code per mobile number, budgets
// of codes asked for and of wrong codes typed per number and per client address (the
// overall budgets are in tests/service/patient_sign_in_test.cpp), the choice of patient on
// a shared number only after the right code, and the worklist's alert for the centre of a
// patient whose code is being guessed.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "http_test_support.hpp"

namespace rp::test {
namespace {

constexpr const char* kShared = "09121234567";  // the seeded patients of centres a and b
constexpr const char* kSolo = "09125550001";

class PortalSignIn : public ::testing::Test {
 protected:
  void SetUp() override {
    seeded_ = seed(db_);
    {
      auto store = store::open_sqlite(db_);
      service::Pathway pathway(*store, Clock::system());
      Patient p = test_patient("a", "MRN-solo");
      p.name_latin = "Sara Solo";
      p.name_fa = "سارا تنها";
      p.mobile = kSolo;
      solo_ = pathway.add_patient(service::Actor::cli_operator(), p).id;
    }
    server_ = std::make_unique<ServerProcess>(db_, std::vector<std::string>{}, log_);
  }
  Client from(const std::string& address = "") const { return Client{server_->port(), "", "", address}; }
  Reply ask_code(const std::string& mobile, const std::string& address = "") const {
    return from(address).post("/api/v1/patient-auth/code", {{"mobile", mobile}});
  }
  Reply sign_in(const std::string& mobile, const std::string& code, const std::string& address = "") const {
    return from(address).post("/api/v1/patient-auth/login", {{"mobile", mobile}, {"code", code}});
  }
  std::string code_of(std::int64_t patient) const { return code_from_log(log_, patient); }
  // A six-digit code that is not `right`.
  static std::string wrong_code(const std::string& right, int n = 0) {
    std::string c = std::to_string(100000 + n);
    return c == right ? std::to_string(200000 + n) : c;
  }
  nlohmann::json worklist_of(const std::string& username) const {
    Client c = from();
    EXPECT_EQ(c.login(username).status, 200);
    return c.get("/api/v1/worklist").json();
  }

  TempDir dir_;
  std::string db_ = dir_.file("portal.db");
  std::string log_ = dir_.file("log");
  Seeded seeded_;
  std::int64_t solo_ = 0;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(PortalSignIn, ANewCodeReplacesTheNumbersLiveCode) {
  ASSERT_EQ(ask_code(kSolo).status, 202);
  const std::string first = code_of(solo_);
  ASSERT_EQ(ask_code(kSolo).status, 202);
  const std::string second = code_of(solo_);
  ASSERT_EQ(first.size(), 6u);
  ASSERT_NE(first, second);
  // Five wrong codes end the live code; the one it replaced is not live either (it used
  // to be: three live codes, five tries each).
  for (int i = 0; i < 5; ++i) {
    std::string guess = wrong_code(first, i);
    if (guess == second) guess = wrong_code(first, i + 50);
    EXPECT_EQ(sign_in(kSolo, guess).status, 401) << i;
  }
  EXPECT_EQ(sign_in(kSolo, first).status, 401);
  EXPECT_EQ(sign_in(kSolo, second).status, 401);
  ASSERT_EQ(ask_code(kSolo).status, 202);
  const Reply r = sign_in(kSolo, code_of(solo_));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["patient_id"], solo_);
}

TEST_F(PortalSignIn, CodesAskedForHaveABudgetPerNumberKnownOrNot) {
  for (const std::string mobile : {kSolo, "09129990000"}) {
    for (int i = 0; i < 3; ++i) EXPECT_EQ(ask_code(mobile).status, 202) << mobile << " " << i;
  }
  const Reply known = ask_code(kSolo, "127.0.0.11");  // another address: the number's budget is used
  const Reply unknown = ask_code("09129990000", "127.0.0.12");
  EXPECT_EQ(known.status, 429) << known.body;
  EXPECT_EQ(known.json()["error"]["field"], "mobile");
  EXPECT_GT(std::stoi(known.header("retry-after")), 3500);  // the hour's first code leaves the window
  EXPECT_EQ(unknown.status, known.status);
  EXPECT_EQ(unknown.body, known.body);
  const Reply persian = from().call("POST", "/api/v1/patient-auth/code", nlohmann::json{{"mobile", kSolo}}.dump(),
                                    {{"Accept-Language", "fa"}});
  EXPECT_NE(persian.body.find("کد بیش از اندازه درخواست شده است"), std::string::npos) << persian.body;
}

TEST_F(PortalSignIn, CodesAskedForHaveABudgetPerAddress) {
  for (int i = 0; i < 10; ++i) EXPECT_EQ(ask_code("0912000000" + std::to_string(i), "127.0.0.20").status, 202) << i;
  const Reply r = ask_code("09120000010", "127.0.0.20");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(ask_code("09120000010", "127.0.0.21").status, 202);
}

TEST_F(PortalSignIn, WrongCodesHaveABudgetPerNumber) {
  ASSERT_EQ(ask_code(kSolo).status, 202);
  // Ten wrong codes from five addresses: the number's budget for the hour.
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(sign_in(kSolo, wrong_code(code_of(solo_), i), "127.0.2." + std::to_string(1 + i / 2)).status, 401) << i;
  }
  // Even a fresh code, typed right from yet another address, waits now.
  ASSERT_EQ(ask_code(kSolo).status, 202);
  const Reply r = sign_in(kSolo, code_of(solo_), "127.0.2.9");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(r.json()["error"]["field"], "code");
  EXPECT_FALSE(r.header("retry-after").empty());
}

TEST_F(PortalSignIn, WrongCodesHaveABudgetPerAddress) {
  // Twenty wrong codes over twenty numbers, one each, from one address.
  for (int i = 0; i < 20; ++i) {
    const std::string mobile = "091200001" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    EXPECT_EQ(sign_in(mobile, "123456", "127.0.0.30").status, 401) << i;
  }
  EXPECT_EQ(sign_in("09120000200", "123456", "127.0.0.30").status, 429);
  EXPECT_EQ(sign_in("09120000200", "123456", "127.0.0.31").status, 401);
}

TEST_F(PortalSignIn, ASharedNumberAsksWhoIsSigningInOnlyAfterTheCode) {
  // Before the code: the same answer for a shared number, a patient's own and a stranger's.
  const Reply shared = ask_code(kShared), solo = ask_code(kSolo), stranger = ask_code("09129990001");
  EXPECT_EQ(shared.status, 202);
  EXPECT_EQ(shared.body, solo.body);
  EXPECT_EQ(shared.body, stranger.body);
  // One code for the number, whoever of its patients the log names.
  const std::string code = code_of(seeded_.patient_a);
  ASSERT_EQ(code, code_of(seeded_.patient_b));
  const Reply wrong = sign_in(kShared, wrong_code(code));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body.find("MRN-"), std::string::npos) << wrong.body;

  const Reply asked = sign_in(kShared, code);
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_FALSE(asked.json().contains("csrf_token")) << "no session before the choice";
  EXPECT_TRUE(asked.header("set-cookie").empty());
  const nlohmann::json choose = asked.json()["choose_patient"];
  ASSERT_EQ(choose["patients"].size(), 2u) << asked.body;
  std::set<std::string> mrns;
  for (const auto& p : choose["patients"]) {
    mrns.insert(p["mrn"].get<std::string>());
    EXPECT_EQ(p["first_name_latin"], "Test");
    EXPECT_EQ(p["first_name_fa"], "بیمار");
  }
  EXPECT_EQ(mrns, (std::set<std::string>{"MRN-a", "MRN-b"}));
  const std::string choice = choose["choice"];

  // Someone not offered is refused and the choice stays; then centre b's patient is picked.
  const Reply not_offered = from().post("/api/v1/patient-auth/choose", {{"choice", choice}, {"patient_id", solo_}});
  EXPECT_EQ(not_offered.status, 422) << not_offered.body;
  EXPECT_EQ(not_offered.json()["error"]["field"], "patient_id");
  Client patient = from();
  const Reply picked =
      patient.post("/api/v1/patient-auth/choose", {{"choice", choice}, {"patient_id", seeded_.patient_b}});
  ASSERT_EQ(picked.status, 200) << picked.body;
  patient.keep_session(picked);
  const nlohmann::json me = patient.get("/api/v1/auth/me").json();
  EXPECT_EQ(me["patient_id"], seeded_.patient_b);
  EXPECT_EQ(me["centre"], "b");
  EXPECT_EQ(patient.get("/api/v1/me/record").status, 200);

  const Reply again =
      from().post("/api/v1/patient-auth/choose", {{"choice", choice}, {"patient_id", seeded_.patient_a}});
  EXPECT_EQ(again.status, 401) << again.body;
  EXPECT_EQ(again.json()["error"]["field"], "choice");
}

TEST_F(PortalSignIn, TheWorklistShowsAPatientWhoseCodeIsBeingGuessed) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(sign_in(kSolo, wrong_code("", i), "127.0.3.1").status, 401);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(sign_in(kShared, wrong_code("", i), "127.0.3.2").status, 401);
  const nlohmann::json a = worklist_of("coordinator.a");
  ASSERT_TRUE(a.contains("code_guesses")) << a.dump();
  std::map<std::int64_t, int> wrong_at_a;
  for (const auto& g : a["code_guesses"]) wrong_at_a[g["patient_id"].get<std::int64_t>()] = g["wrong_codes"];
  EXPECT_EQ(wrong_at_a, (std::map<std::int64_t, int>{{solo_, 3}, {seeded_.patient_a, 4}}));
  EXPECT_EQ(a["code_guesses"][0]["mrn"], "MRN-a");  // the most recently guessed first
  // Centre b sees its own patient on the shared number, and not centre a's.
  const nlohmann::json b = worklist_of("coordinator.b");
  ASSERT_EQ(b["code_guesses"].size(), 1u) << b.dump();
  EXPECT_EQ(b["code_guesses"][0]["patient_id"], seeded_.patient_b);
  EXPECT_EQ(b["code_guesses"][0]["wrong_codes"], 4);
}

TEST_F(PortalSignIn, AFewWrongCodesAreNotAnAlert) {
  for (int i = 0; i < 2; ++i) EXPECT_EQ(sign_in(kSolo, wrong_code("", i)).status, 401);
  EXPECT_TRUE(worklist_of("coordinator.a")["code_guesses"].empty());
}

}  // namespace
}  // namespace rp::test
