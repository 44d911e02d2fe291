// A centre's records in bulk (service/records_export.hpp) on every engine: the admin takes
// their own centre's patients, each whole and once, and no other centre's; every other
// role is refused; the audit row is written before anything is handed out; an unknown
// centre is named. The FHIR files made of them are judged in tests/fhir.
#include <gtest/gtest.h>

#include <set>

#include "base/error.hpp"
#include "demo/demo.hpp"
#include "service/records_export.hpp"
#include "store_suite.hpp"

namespace rp::store {
namespace {

const CivilDate kRecordsToday = CivilDate::from_ymd(2026, 11, 24);

class RecordsExportTest : public test::EngineTest {
 protected:
  void SetUp() override {
    s_ = open();
    demo::build_demo(*s_, kRecordsToday, 30);
  }

  struct Taken {
    std::vector<Centre> centres;
    std::vector<service::PatientRecords> patients;
    std::int64_t audit_rows_before_first = -1;  // the audit rows when the first patient came
    service::RecordsExportSummary summary;
  };

  std::int64_t audit_rows() { return audit_rows(*s_); }
  static std::int64_t audit_rows(Store& s) {
    std::int64_t n = 0;
    s.read([&](Transaction& tx) { n = static_cast<std::int64_t>(tx.audit_rows(0, 1 << 20).size()); });
    return n;
  }

  Taken take(const service::Actor& actor, service::RecordsExportRequest request = {}) {
    Taken t;
    // A second connection looks at the audit log while the export's snapshot is open.
    const auto beside = open();
    service::RecordsExportSink sink;
    sink.centres = [&](const std::vector<Centre>& c, const std::string&) { t.centres = c; };
    sink.patient = [&](const service::PatientRecords& p) {
      if (t.patients.empty()) t.audit_rows_before_first = audit_rows(*beside);
      t.patients.push_back(p);
    };
    t.summary = service::export_records(*s_, Clock::fixed(1'780'000'000'000), actor, request, sink);
    return t;
  }

  // Every patient of a centre (or of every centre) as the store lists them.
  std::vector<Patient> listed(const std::optional<std::string>& centre) {
    std::vector<Patient> out;
    s_->read([&](Transaction& tx) {
      PatientQuery q;
      q.centre_id = centre;
      q.limit = 100000;
      out = tx.list_patients(q);
    });
    return out;
  }

  std::unique_ptr<Store> s_;
};
INSTANTIATE_ENGINES(RecordsExportTest);

TEST_P(RecordsExportTest, TheAdminTakesEveryRecordOfTheirCentreAndNoOther) {
  const std::string centre = listed(std::nullopt).front().centre_id;
  const service::Actor admin{"admin.x", service::Role::admin, centre, false};
  const std::int64_t rows_before = audit_rows();
  const Taken t = take(admin);
  ASSERT_EQ(t.centres.size(), 1U);
  EXPECT_EQ(t.centres[0].id, centre);
  const auto theirs = listed(centre);
  ASSERT_EQ(t.patients.size(), theirs.size());
  EXPECT_EQ(t.summary.patients, static_cast<std::int64_t>(theirs.size()));
  std::set<std::int64_t> ids;
  std::int64_t episodes = 0, answers = 0;
  for (std::size_t i = 0; i < theirs.size(); ++i) {
    const auto& p = t.patients[i];
    EXPECT_EQ(p.patient.id, theirs[i].id) << "in id order, each once";
    EXPECT_EQ(p.patient.centre_id, centre);
    ids.insert(p.patient.id);
    for (const auto& e : p.episodes) {
      EXPECT_EQ(e.episode.patient_id, p.patient.id);
      EXPECT_EQ(e.episode.centre_id, centre);
      for (const auto& r : e.responses) EXPECT_EQ(r.episode_id, e.episode.id);
      answers += static_cast<std::int64_t>(e.responses.size());
      ++episodes;
    }
  }
  EXPECT_EQ(ids.size(), theirs.size());
  EXPECT_EQ(t.summary.episodes, episodes);
  EXPECT_GT(answers, 0);
  // The audit row (who took which centre) was durable before the first patient came.
  EXPECT_EQ(t.audit_rows_before_first, rows_before + 1);
  s_->read([&](Transaction& tx) {
    const auto last = tx.last_audit_row();
    ASSERT_TRUE(last);
    EXPECT_EQ(last->action, "records.export");
    EXPECT_EQ(last->actor, "admin.x");
    EXPECT_EQ(last->centre_id, centre);
  });
}

TEST_P(RecordsExportTest, AnotherCentreAnotherRoleAndANonCentreAreRefusedAndLeaveNoRow) {
  const auto everyone = listed(std::nullopt);
  const std::string centre = everyone.front().centre_id;
  std::string other;
  for (const auto& p : everyone)
    if (p.centre_id != centre) other = p.centre_id;
  ASSERT_FALSE(other.empty());
  const std::int64_t rows_before = audit_rows();
  const service::Actor admin{"admin.x", service::Role::admin, centre, false};
  service::RecordsExportRequest theirs;
  theirs.centre_id = other;
  EXPECT_THROW(take(admin, theirs), ForbiddenError);
  for (auto role : {service::Role::surgeon, service::Role::coordinator, service::Role::analyst, service::Role::lab})
    EXPECT_THROW(take({"someone", role, centre, false}), ForbiddenError);
  service::RecordsExportRequest nowhere;
  nowhere.centre_id = "nowhere";
  EXPECT_THROW(take(service::Actor::cli_operator(), nowhere), NotFoundError);
  EXPECT_EQ(audit_rows(), rows_before);
}

TEST_P(RecordsExportTest, TheOperatorTakesEveryCentreOrTheOneNamed) {
  const Taken all = take(service::Actor::cli_operator());
  EXPECT_EQ(all.patients.size(), listed(std::nullopt).size());
  EXPECT_GT(all.centres.size(), 1U);
  EXPECT_FALSE(all.summary.centre_id);
  service::RecordsExportRequest one;
  one.centre_id = all.patients.back().patient.centre_id;
  const Taken some = take(service::Actor::cli_operator(), one);
  EXPECT_EQ(some.patients.size(), listed(one.centre_id).size());
  EXPECT_LT(some.patients.size(), all.patients.size());
}

}  // namespace
}  // namespace rp::store
