// Patients' one-time codes on a clock the test moves: the overall budgets (beside the
// per-number and per-address ones), the window that frees them, the live code's end
// after its wrong tries and its lifetime, the shared number's choice and its expiry, and
// the worklist's alert — every refusal changing nothing.
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "../store/store_test_support.hpp"
#include "service/auth.hpp"
#include "service/pathway.hpp"
#include "service/worklist.hpp"

namespace rp::service {
namespace {

class PatientCodes : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(db_.path());
    const Clock clock{[now = now_] { return *now; }};
    Pathway pathway(*store_, clock);
    pathway.upsert_centre(op_, {"a", "C", "م", "", "", "licensed", "", ""});
    ali_ = add(pathway, "M-1", "Ali Rezaei", "علی رضایی", "09121110001");
    sara_ = add(pathway, "M-2", "Sara Rezaei", "سارا رضایی", "09121110002");
    reza_ = add(pathway, "M-3", "Reza Rezaei", "رضا رضایی", "09121110002");  // Sara's number
    policy_.codes_requested = {3, 4, 5};
    policy_.wrong_codes = {10, 20, 6};
    auth_ = std::make_unique<Auth>(
        *store_, clock, policy_,
        [this](const std::vector<std::int64_t>& ids, const std::string&, const std::string& code) {
          for (auto id : ids) codes_[id] = code;
          ++sent_;
        });
  }
  std::int64_t add(Pathway& pathway, const std::string& mrn, const std::string& latin, const std::string& fa,
                   const std::string& mobile) {
    Patient p;
    p.centre_id = "a";
    p.mrn = mrn;
    p.name_latin = latin;
    p.name_fa = fa;
    p.birth_date = CivilDate::from_ymd(1961, 3, 21);
    p.national_id = test::test_national_id(mrn);
    p.mobile = mobile;
    return pathway.add_patient(op_, p).id;
  }
  void advance_s(std::int64_t seconds) { *now_ += seconds * 1000; }
  // 0 when sent, or the seconds to wait.
  int ask(const std::string& mobile, const std::string& address) {
    try {
      auth_->request_code(mobile, address);
      return 0;
    } catch (const TooManyAttemptsError& e) {
      return e.retry_after_s();
    }
  }
  // 200 for a session, 300 for the choice, 401 for a wrong code, or the seconds to wait.
  int type(const std::string& mobile, const std::string& code, const std::string& address = "10.9.9.9") {
    try {
      const auto r = auth_->patient_login(mobile, code, address);
      return r.login ? 200 : 300;
    } catch (const TooManyAttemptsError& e) {
      return e.retry_after_s();
    } catch (const UnauthorizedError&) {
      return 401;
    }
  }
  std::size_t rows(const char* sql) {
    std::size_t n = 0;
    store_->read([&](store::Transaction& tx) {
      store::CodeEventCount c = tx.count_code_events({sql, "", std::nullopt, std::nullopt});
      n = static_cast<std::size_t>(c.count);
    });
    return n;
  }

  test::TempDb db_;
  std::shared_ptr<std::int64_t> now_ = std::make_shared<std::int64_t>(1795000000000);
  std::unique_ptr<store::Store> store_;
  AuthPolicy policy_;
  std::unique_ptr<Auth> auth_;
  std::map<std::int64_t, std::string> codes_;
  int sent_ = 0;
  std::int64_t ali_ = 0, sara_ = 0, reza_ = 0;
  Actor op_ = Actor::cli_operator();
};

TEST_F(PatientCodes, CodesAskedForHaveAnOverallBudget) {
  // Five numbers from five addresses: the overall budget of five per hour.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(ask("0912222000" + std::to_string(i), "10.0.0." + std::to_string(i)), 0);
  EXPECT_EQ(ask("09121110001", "10.0.0.9"), 3600);
  EXPECT_EQ(sent_, 0);  // none of them was a patient's; the refused one was not sent either
  EXPECT_EQ(rows("requested"), 5u);
  advance_s(3600);
  EXPECT_EQ(ask("09121110001", "10.0.0.9"), 0);
  EXPECT_EQ(sent_, 1);
}

TEST_F(PatientCodes, WrongCodesHaveAnOverallBudget) {
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(type("0912333000" + std::to_string(i), "123456", "10.1.0." + std::to_string(i)), 401) << i;
  ASSERT_EQ(ask("09121110001", "10.1.1.1"), 0);
  EXPECT_EQ(type("09121110001", codes_[ali_], "10.1.1.1"), 3600);
  EXPECT_EQ(rows("wrong"), 6u);
  advance_s(1800);
  EXPECT_EQ(type("09121110001", codes_[ali_], "10.1.1.1"), 1800);
  advance_s(1800);
  EXPECT_EQ(type("09121110001", codes_[ali_], "10.1.1.1"), 401) << "the code's ten minutes are over";
}

TEST_F(PatientCodes, TheLiveCodeEndsAfterItsWrongTries) {
  ASSERT_EQ(ask("09121110001", "10.2.0.1"), 0);
  const std::string right = codes_[ali_];
  for (int i = 0; i < policy_.code_attempts; ++i)
    EXPECT_EQ(type("09121110001", right == "000000" ? "000001" : "000000"), 401);
  EXPECT_EQ(type("09121110001", right), 401);
}

TEST_F(PatientCodes, OneSessionPerRightCode) {
  ASSERT_EQ(ask("09121110001", "10.3.0.1"), 0);
  EXPECT_EQ(type("09121110001", codes_[ali_]), 200);
  EXPECT_EQ(type("09121110001", codes_[ali_]), 401);
}

TEST_F(PatientCodes, TheSharedNumbersChoiceIsOfferedOnceAndExpires) {
  ASSERT_EQ(ask("09121110002", "10.4.0.1"), 0);
  EXPECT_EQ(sent_, 1) << "one code for the number, not one per patient";
  ASSERT_EQ(codes_[sara_], codes_[reza_]);
  const auto signed_in = auth_->patient_login("09121110002", codes_[sara_], "10.4.0.1");
  ASSERT_TRUE(signed_in.choice);
  ASSERT_EQ(signed_in.choice->patients.size(), 2u);
  EXPECT_EQ(signed_in.choice->patients[0].first_name_latin, "Sara");
  EXPECT_EQ(signed_in.choice->patients[1].first_name_fa, "رضا");
  EXPECT_EQ(signed_in.choice->patients[1].mrn, "M-3");
  try {
    auth_->choose_patient(signed_in.choice->token, ali_);
    ADD_FAILURE() << "a patient not offered was signed in";
  } catch (const UnauthorizedError&) {
    ADD_FAILURE() << "the choice must survive a patient not offered";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "patient_id");
  }
  advance_s(policy_.choice_ms / 1000 + 1);
  EXPECT_THROW(auth_->choose_patient(signed_in.choice->token, reza_), UnauthorizedError);

  ASSERT_EQ(ask("09121110002", "10.4.0.1"), 0);
  const auto again = auth_->patient_login("09121110002", codes_[reza_], "10.4.0.1");
  ASSERT_TRUE(again.choice);
  const Login login = auth_->choose_patient(again.choice->token, reza_);
  EXPECT_EQ(login.principal.actor.patient_id, reza_);
  EXPECT_EQ(auth_->session(login.token)->actor.patient_id, reza_);
  EXPECT_THROW(auth_->choose_patient(again.choice->token, sara_), UnauthorizedError);
}

TEST_F(PatientCodes, TheWorklistListsEveryPatientOfAGuessedNumberWithinTheDay) {
  const Actor coordinator{"co-a", Role::coordinator, "a"};
  for (int i = 0; i < 3; ++i) EXPECT_EQ(type("09121110002", "00000" + std::to_string(i)), 401);
  EXPECT_EQ(type("09121110001", "000000"), 401);
  auto w = worklist(*store_, Clock{[now = now_] { return *now; }}, coordinator, std::nullopt, policy_.guess_alert);
  ASSERT_EQ(w.code_guesses.size(), 2u);
  EXPECT_EQ(w.code_guesses[0].wrong_codes, 3);
  EXPECT_NE(w.code_guesses[0].patient_id, ali_);
  EXPECT_NE(w.code_guesses[1].patient_id, ali_);
  advance_s(std::int64_t{24} * 3600);
  w = worklist(*store_, Clock{[now = now_] { return *now; }}, coordinator, std::nullopt, policy_.guess_alert);
  EXPECT_TRUE(w.code_guesses.empty());
}

}  // namespace
}  // namespace rp::service
