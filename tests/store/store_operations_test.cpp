// The Store operations the pathway tests reach least, each written and read back on every
// engine (store_suite.hpp) with the same expectations: accounts and sessions, tokens,
// sign-in delays and codes, idempotency keys, wordings, adverse events, the registry's
// counts and the patient search. An engine that stores "" for NULL, orders text by its
// locale or loses a conflict shows here.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

class StoreOperations : public test::EngineTest {
 protected:
  void SetUp() override {
    s_ = open();
    s_->write([](Transaction& tx) {
      for (const char* id : {"a", "b"}) tx.upsert_centre({id, "C", "م", "", "", "licensed", "", ""});
    });
  }
  std::int64_t add_patient(const std::string& centre, const std::string& mrn, const std::string& latin,
                           const std::string& mobile) {
    Patient p;
    p.centre_id = centre;
    p.mrn = mrn;
    p.name_latin = latin;
    p.name_fa = "مریم رضایی";
    p.mobile = mobile;
    p.national_id = test::test_national_id(mrn);
    p.birth_date = CivilDate::from_ymd(1961, 3, 21);
    p.consent.registry = true;  // registry counts leave out patients who withdrew it
    std::int64_t id = 0;
    s_->write([&](Transaction& tx) { id = tx.insert_patient(p, "2026-01-01T00:00:00.000Z"); });
    return id;
  }
  std::int64_t add_episode(std::int64_t patient, const std::string& centre, EpisodeState state) {
    Episode e;
    e.patient_id = patient;
    e.centre_id = centre;
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {"icd-10-cm", "M16.11"};
    e.state = state;
    std::int64_t id = 0;
    s_->write([&](Transaction& tx) { id = tx.insert_episode(e, "2026-01-01T00:00:00.000Z"); });
    return id;
  }
  std::unique_ptr<Store> s_;
};
INSTANTIATE_ENGINES(StoreOperations);

TEST_P(StoreOperations, AccountsAndSessions) {
  AccountRow a{0, "surgeon.a", "surgeon", "a", "$argon2id$x", 0, false, "t0", "t0"};
  s_->write([&](Transaction& tx) { a.id = tx.insert_account(a); });
  EXPECT_THROW(s_->write([&](Transaction& tx) { tx.insert_account(a); }), ConflictError);
  s_->write([&](Transaction& tx) {
    tx.insert_account({0, "lab.b", "lab", "b", "h", 0, false, "t0", "t0"});
    tx.count_failed_login("surgeon.a");
    tx.count_failed_login("nobody");
    tx.insert_session({"s1", "staff", a.id, std::nullopt, "csrf", "t1", "t9"});
    tx.insert_session({"s2", "staff", a.id, std::nullopt, "csrf", "t1", "t9"});
  });
  s_->read([&](Transaction& tx) {
    EXPECT_EQ(tx.find_account_by_username("surgeon.a")->failed_logins, 1);
    EXPECT_EQ(tx.list_accounts(std::string("b")).size(), 1u);
    EXPECT_EQ(tx.list_accounts(std::nullopt).size(), 2u);
    const auto session = tx.find_session("s1");
    ASSERT_TRUE(session);
    EXPECT_EQ(session->account_id, a.id);
    EXPECT_FALSE(session->patient_id);
  });
  AccountRow changed = a;
  changed.role = "admin";
  changed.disabled = true;
  s_->write([&](Transaction& tx) {
    tx.update_account(changed);
    tx.delete_session("s1");
  });
  s_->read([&](Transaction& tx) {
    const auto now = tx.find_account(a.id);
    EXPECT_EQ(now->role, "admin");
    EXPECT_TRUE(now->disabled);
    EXPECT_FALSE(tx.find_session("s1"));
    EXPECT_TRUE(tx.find_session("s2"));
  });
  s_->write([&](Transaction& tx) { tx.delete_sessions_of_account(a.id); });
  s_->read([&](Transaction& tx) { EXPECT_FALSE(tx.find_session("s2")); });
}

TEST_P(StoreOperations, TokensKeysDelaysAndCodes) {
  const auto patient = add_patient("a", "M1", "Maryam", "+989121234567");
  s_->write([&](Transaction& tx) {
    tx.insert_access_token({"tok", "questionnaire", patient, std::nullopt, "nrs", "prom-2w", "t1", "t9", "", 0});
    tx.insert_idempotency({"u", "k", "POST /x", 201, "{}", "t1"});
    tx.insert_idempotency({"u", "k", "POST /y", 500, "other", "t2"});  // the first stays
    tx.put_sign_in_delay({"key", 1, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"});
    tx.put_sign_in_delay({"key", 2, "2026-01-02T00:00:00Z", "2026-01-02T00:00:04Z"});
    tx.put_sign_in_delay({"old", 1, "2025-01-01T00:00:00Z", "2025-01-01T00:00:01Z"});
    tx.put_login_code({"+989121234567", "code", "t1", "2026-01-01T00:10:00Z", "", 0, "choice", "2026-01-01T00:15:00Z"});
  });
  s_->read([&](Transaction& tx) {
    const auto t = tx.find_access_token("tok");
    ASSERT_TRUE(t);
    EXPECT_FALSE(t->episode_id);
    EXPECT_EQ(t->used_at, "");
    EXPECT_EQ(tx.find_idempotency("u", "k")->route, "POST /x");
    EXPECT_EQ(tx.find_sign_in_delay("key")->failures, 2);
    EXPECT_EQ(tx.find_login_code_by_choice("choice")->mobile, "+989121234567");
    EXPECT_EQ(tx.find_login_code("+989121234567")->used_at, "");
  });
  s_->write([&](Transaction& tx) {
    AccessTokenRow used = *tx.find_access_token("tok");
    used.used_at = "t5";
    used.attempts = 2;
    tx.update_access_token(used);
    tx.prune_sign_in_delays("2025-06-01T00:00:00Z");
    tx.prune_login_codes("2026-01-01T00:12:00Z");  // its choice lives on
  });
  s_->read([&](Transaction& tx) {
    EXPECT_EQ(tx.find_access_token("tok")->used_at, "t5");
    EXPECT_EQ(tx.find_access_token("tok")->attempts, 2);
    EXPECT_FALSE(tx.find_sign_in_delay("old"));
    EXPECT_TRUE(tx.find_login_code("+989121234567"));
  });
  s_->write([&](Transaction& tx) {
    tx.delete_sign_in_delay("key");
    tx.prune_login_codes("2026-01-01T00:20:00Z");
  });
  s_->read([&](Transaction& tx) {
    EXPECT_FALSE(tx.find_sign_in_delay("key"));
    EXPECT_FALSE(tx.find_login_code("+989121234567"));
  });
}

TEST_P(StoreOperations, CodeEventsAreCountedByScopeAndAlertTheirPatientsCentre) {
  add_patient("a", "M1", "Maryam", "+989121234567");
  s_->write([](Transaction& tx) {
    for (const char* at : {"2026-01-01T10:00:00Z", "2026-01-01T10:01:00Z", "2026-01-01T10:02:00Z"})
      tx.insert_code_event({"wrong", "+989121234567", "addr1", at});
    tx.insert_code_event({"wrong", "+989120000000", "addr2", "2026-01-01T10:03:00Z"});
    tx.insert_code_event({"requested", "+989121234567", "addr1", "2026-01-01T09:00:00Z"});
  });
  s_->read([](Transaction& tx) {
    const auto all = tx.count_code_events({"wrong", "2026-01-01T00:00:00Z", std::nullopt, std::nullopt});
    EXPECT_EQ(all.count, 4);
    EXPECT_EQ(all.oldest_at, "2026-01-01T10:00:00Z");
    EXPECT_EQ(tx.count_code_events({"wrong", "2026-01-01T00:00:00Z", "+989121234567", std::nullopt}).count, 3);
    EXPECT_EQ(tx.count_code_events({"wrong", "2026-01-01T00:00:00Z", std::nullopt, "addr2"}).count, 1);
    const auto none = tx.count_code_events({"wrong", "2027-01-01T00:00:00Z", std::nullopt, std::nullopt});
    EXPECT_EQ(none.count, 0);
    EXPECT_EQ(none.oldest_at, "");
    const auto guesses = tx.worklist_code_guesses("a", "2026-01-01T00:00:00Z", 3);
    ASSERT_EQ(guesses.size(), 1u);
    EXPECT_EQ(guesses[0].wrong_codes, 3);
    EXPECT_EQ(guesses[0].last_wrong_at, "2026-01-01T10:02:00Z");
    EXPECT_TRUE(tx.worklist_code_guesses("b", "2026-01-01T00:00:00Z", 1).empty());
  });
  s_->write([](Transaction& tx) { tx.prune_code_events("2026-01-01T10:01:30Z"); });
  s_->read([](Transaction& tx) {
    EXPECT_EQ(tx.count_code_events({"wrong", "2000-01-01", std::nullopt, std::nullopt}).count, 2);
  });
}

TEST_P(StoreOperations, WordingsKeepEveryVersionAndGiveTheLatest) {
  s_->write([](Transaction& tx) {
    tx.insert_instrument_wording({0, "hoos", "url|1", "{}", "en", "u", "t1"});
    tx.insert_instrument_wording({0, "hoos", "url|2", "{}", "en fa", "u", "t2"});
    tx.insert_instrument_wording({0, "oxford-hip", "url|1", "{}", "en", "u", "t3"});
  });
  EXPECT_THROW(s_->write([](Transaction& tx) {
    tx.insert_instrument_wording({0, "hoos", "url|1", "{}", "en", "u", "t"});
  }),
               ConflictError);
  s_->read([](Transaction& tx) {
    const auto latest = tx.latest_instrument_wordings();
    ASSERT_EQ(latest.size(), 2u);
    EXPECT_EQ(latest[0].instrument, "hoos");
    EXPECT_EQ(latest[0].version, "url|2");
    EXPECT_EQ(latest[0].languages, "en fa");
    EXPECT_EQ(latest[1].instrument, "oxford-hip");
  });
}

TEST_P(StoreOperations, AdverseEventsRedFlagsAndTheRegistryCounts) {
  const auto patient = add_patient("a", "M1", "Maryam", "+989121234567");
  const auto episode = add_episode(patient, "a", EpisodeState::follow_up);
  AdverseEventRow flag;
  flag.episode_id = episode;
  flag.centre_id = "a";
  flag.kind = "red_flag";
  flag.category = "swelling";
  flag.severity = "moderate";
  flag.onset_date = "2026-01-02";
  flag.reported_by = "patient";
  flag.role = "patient";
  flag.reported_at = "2026-01-02T08:00:00Z";
  flag.status = "open";
  AdverseEventRow event = flag;
  event.kind = "adverse_event";
  event.category = "infection";
  event.severity = "serious";
  event.status = "acknowledged";
  event.assessment.ctcae_grade = 3;
  event.assessment.serious = {SeriousReason::hospitalisation};
  event.assessment.relatedness = Relatedness::injection;
  event.serious = true;
  s_->write([&](Transaction& tx) {
    flag.id = tx.insert_adverse_event(flag);
    event.red_flag_id = flag.id;
    event.id = tx.insert_adverse_event(event);
  });
  s_->read([&](Transaction& tx) {
    const auto open = tx.open_red_flags(std::nullopt);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].triage, "");
    EXPECT_EQ(open[0].ack_action, "");
    EXPECT_FALSE(open[0].assessment.ctcae_grade);
    EXPECT_TRUE(tx.open_red_flags(std::string("b")).empty());
    const auto back = tx.find_adverse_event(event.id);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->assessment.ctcae_grade, 3);
    EXPECT_EQ(back->assessment.relatedness, Relatedness::injection);
    EXPECT_EQ(back->red_flag_id, flag.id);
    EXPECT_TRUE(back->serious);
    EXPECT_EQ(tx.worklist_red_flags("a").size(), 1u);
  });
  flag.status = "resolved";
  flag.triage = "adverse_event";
  flag.ack_action = "called";
  s_->write([&](Transaction& tx) { tx.update_adverse_event(flag); });
  AdverseEventRow missing = flag;
  missing.id = 999;
  EXPECT_THROW(s_->write([&](Transaction& tx) { tx.update_adverse_event(missing); }), NotFoundError);
  s_->read([&](Transaction& tx) {
    EXPECT_TRUE(tx.open_red_flags(std::nullopt).empty());
    EXPECT_EQ(tx.find_adverse_event(flag.id)->ack_action, "called");
    EXPECT_EQ(tx.adverse_events_of(episode).size(), 2u);
    const auto counts = tx.adverse_event_counts();
    ASSERT_EQ(counts.size(), 2u);
    EXPECT_EQ(counts[0].key, "adverse_event:serious");
    EXPECT_EQ(counts[1].key, "red_flag:adverse_event");
    const auto states = tx.episode_state_counts();
    ASSERT_EQ(states.size(), 1u);
    EXPECT_EQ(states[0].key, "follow_up");
    EXPECT_EQ(states[0].count, 1);
  });
}

TEST_P(StoreOperations, ThePatientSearchMatchesNamesPartlyAndIdentifiersOnlyWhenAllowed) {
  const auto maryam = add_patient("a", "M-1", "Maryam Rezaei", "+989121234567");
  add_patient("a", "M-2", "Sara Ahmadi", "+989120000000");
  add_patient("b", "M-3", "Maryam Karimi", "+989121111111");
  auto search = [&](PatientQuery q) {
    std::vector<std::int64_t> ids;
    s_->read([&](Transaction& tx) {
      for (const auto& p : tx.list_patients(q)) ids.push_back(p.id);
    });
    return ids;
  };
  PatientQuery q;
  q.text = "maryam";
  EXPECT_EQ(search(q).size(), 2u);
  q.centre_id = "a";
  EXPECT_EQ(search(q), std::vector<std::int64_t>{maryam});
  q.text = "رضایی";
  EXPECT_EQ(search(q).size(), 2u);  // both at a share the Persian name
  q.text = test::test_national_id("M-1");
  EXPECT_EQ(search(q), std::vector<std::int64_t>{maryam});
  q.by_identifiers = false;
  EXPECT_TRUE(search(q).empty());
  q = {};
  q.episode_state = EpisodeState::screening;
  EXPECT_TRUE(search(q).empty());
  add_episode(maryam, "a", EpisodeState::screening);
  EXPECT_EQ(search(q), std::vector<std::int64_t>{maryam});
  q = {};
  q.limit = 2;
  EXPECT_EQ(search(q).size(), 2u);
}

}  // namespace
}  // namespace rp::store
