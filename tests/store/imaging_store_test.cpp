// Imaging (migration 0047, service/imaging.hpp) on every engine: a patient's archive link
// and an episode's radiographic grades written, read back and rewritten in place; the
// table refusing grades out of range; and the use case as staff meet it without an
// archive, and with one that does not answer (a closed port): the grade's date from the
// request, the baseline study's grade becoming the episode's, the audit rows, and another
// centre's staff refused.
#include <gtest/gtest.h>

#include "base/error.hpp"
#include "channels/orthanc_archive.hpp"
#include "service/imaging.hpp"
#include "store/store.hpp"
#include "store_suite.hpp"
#include "store_test_support.hpp"

namespace rp::store {
namespace {

class ImagingStore : public test::EngineTest {
 protected:
  void SetUp() override {
    store_ = open();
    store_->write([&](Transaction& tx) {
      tx.upsert_centre(test::test_centre("a"));
      tx.upsert_centre(test::test_centre("b"));
      patient_ = tx.insert_patient(test::bare_patient("a", "R-1"), "t");
      Episode e;
      e.patient_id = patient_;
      e.centre_id = "a";
      e.protocol_id = "hip-msc-v1";
      e.diagnosis = {"icd-10-cm", "M16.11"};
      e.harvest_date = parse_gregorian("2026-03-01");
      episode_ = tx.insert_episode(e, "t");
    });
  }

  imaging::RadiographicGrade grade(const std::string& uid, const char* date, std::optional<int> kl) {
    imaging::RadiographicGrade g;
    g.episode_id = episode_;
    g.centre_id = "a";
    g.study_uid = uid;
    g.study_date = parse_gregorian(date);
    g.kl_grade = kl;
    g.recorded_by = "surgeon.a";
    g.recorded_at = "2026-03-02T08:00:00.000Z";
    return g;
  }

  std::vector<AuditRow> rows_with(const std::string& action) {
    std::vector<AuditRow> out;
    store_->read([&](Transaction& tx) {
      for (auto& r : tx.audit_rows(0, 1000))
        if (r.action == action) out.push_back(r);
    });
    return out;
  }

  std::unique_ptr<Store> store_;
  std::int64_t patient_ = 0, episode_ = 0;
  // 2026-04-01: after the harvest, so the control imaging can be graded too.
  Clock clock_ = Clock::fixed(1775030400000);
  service::Actor surgeon_{"surgeon.a", service::Role::surgeon, "a"};
};
INSTANTIATE_ENGINES(ImagingStore);

TEST_P(ImagingStore, ALinkAndGradesAreWrittenReadAndRewrittenInPlace) {
  store_->write([&](Transaction& tx) {
    EXPECT_FALSE(tx.imaging_link(patient_));
    tx.save_imaging_link({patient_, "a", "MRN-1", "coordinator.a", "t1"});
    tx.save_imaging_link({patient_, "a", "MRN-1b", "surgeon.a", "t2"});
  });
  std::int64_t first = 0;
  store_->write([&](Transaction& tx) {
    first = tx.save_radiographic_grade(grade("1.2.3", "2026-02-01", 2));
    auto later = grade("1.2.4", "2026-01-15", std::nullopt);
    later.joint_space_tenths_mm = 35;
    later.tonnis_grade = 1;
    tx.save_radiographic_grade(later);
    auto again = grade("1.2.3", "2026-02-01", 3);
    again.recorded_at = "2026-03-03T08:00:00.000Z";
    EXPECT_EQ(tx.save_radiographic_grade(again), first) << "the same study of the episode is one row";
  });
  store_->read([&](Transaction& tx) {
    const auto link = tx.imaging_link(patient_);
    ASSERT_TRUE(link);
    EXPECT_EQ(*link, (imaging::ArchiveLink{patient_, "a", "MRN-1b", "surgeon.a", "t2"}));
    const auto grades = tx.radiographic_grades(episode_);
    ASSERT_EQ(grades.size(), 2U);
    EXPECT_EQ(grades[0].study_uid, "1.2.4") << "by study date";
    EXPECT_EQ(grades[0].joint_space_tenths_mm, 35);
    EXPECT_EQ(grades[0].tonnis_grade, 1);
    EXPECT_FALSE(grades[0].kl_grade);
    EXPECT_EQ(grades[1].id, first);
    EXPECT_EQ(grades[1].kl_grade, 3);
    EXPECT_EQ(grades[1].recorded_at, "2026-03-03T08:00:00.000Z");
    EXPECT_TRUE(tx.radiographic_grades(episode_ + 1).empty());
  });
}

TEST_P(ImagingStore, TheTableRefusesAGradeOutOfRange) {
  auto bad = grade("1.2.3", "2026-02-01", 5);
  EXPECT_ANY_THROW(store_->write([&](Transaction& tx) { tx.save_radiographic_grade(bad); }));
  bad.kl_grade = 4;
  bad.joint_space_tenths_mm = 151;
  EXPECT_ANY_THROW(store_->write([&](Transaction& tx) { tx.save_radiographic_grade(bad); }));
  store_->read([&](Transaction& tx) { EXPECT_TRUE(tx.radiographic_grades(episode_).empty()); });
}

TEST_P(ImagingStore, WithoutAnArchiveTheGradeTakesTheDateGivenAndTheBaselineGradesTheEpisode) {
  service::Imaging imaging(*store_, clock_, nullptr);
  service::GradeRequest r;
  r.study_uid = "1.2.840.1";
  r.kl_grade = 2;
  r.tonnis_grade = 1;
  try {
    imaging.record_grade(surgeon_, episode_, r);
    ADD_FAILURE() << "a grade without a date where no archive can say it";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "study_date");
    EXPECT_EQ(e.code(), "study_date_required");
  }
  r.study_date = parse_gregorian("2026-02-01");
  auto recorded = imaging.record_grade(surgeon_, episode_, r);
  EXPECT_TRUE(recorded.baseline);
  EXPECT_EQ(recorded.episode.kl_grade, 2);
  EXPECT_EQ(recorded.episode.tonnis_grade, 1);
  // The control X-ray after the treatment is recorded, but the episode keeps its baseline.
  service::GradeRequest control = r;
  control.study_uid = "1.2.840.2";
  control.study_date = parse_gregorian("2026-03-25");
  control.kl_grade = 3;
  control.joint_space_tenths_mm = 28;
  recorded = imaging.record_grade(surgeon_, episode_, control);
  EXPECT_FALSE(recorded.baseline);
  EXPECT_EQ(recorded.episode.kl_grade, 2);
  // The baseline study read again: the episode follows it.
  r.kl_grade = 3;
  recorded = imaging.record_grade(surgeon_, episode_, r);
  EXPECT_TRUE(recorded.baseline);
  store_->read([&](Transaction& tx) {
    EXPECT_EQ(tx.find_episode(episode_)->kl_grade, 3);
    EXPECT_EQ(tx.radiographic_grades(episode_).size(), 2U);
  });
  EXPECT_EQ(rows_with("imaging.grade").size(), 3U);
  const auto updates = rows_with("episode.update");
  ASSERT_EQ(updates.size(), 2U);
  EXPECT_NE(updates[1].detail.find("kl_grade: 2 -> 3"), std::string::npos) << updates[1].detail;
  EXPECT_NE(updates[1].detail.find("baseline study 1.2.840.1"), std::string::npos) << updates[1].detail;

  const auto shown = imaging.of_episode(surgeon_, episode_);
  EXPECT_EQ(shown.archive, service::ArchiveState::not_configured);
  ASSERT_EQ(shown.grades.size(), 2U);
  EXPECT_EQ(shown.baseline_grade_id, shown.grades[0].id);
}

TEST_P(ImagingStore, AnArchiveThatDoesNotAnswerLeavesTheGradesShownAndStaffsChoiceKept) {
  channels::OrthancConfig config;
  config.url = "http://127.0.0.1:9";  // discard: nothing listens there
  config.connect_timeout = std::chrono::milliseconds(500);
  auto archive = channels::orthanc_archive(config);
  service::Imaging imaging(*store_, clock_, archive.get());
  const service::Actor coordinator{"coordinator.a", service::Role::coordinator, "a"};
  bool changed = false;
  const auto link = imaging.link(coordinator, patient_, " MRN-1 ", &changed);
  EXPECT_TRUE(changed);
  EXPECT_EQ(link.dicom_patient_id, "MRN-1");
  imaging.link(coordinator, patient_, "MRN-1", &changed);
  EXPECT_FALSE(changed) << "the same id again writes nothing";
  const auto links = rows_with("imaging.link");
  ASSERT_EQ(links.size(), 1U);
  EXPECT_EQ(links[0].detail.find("MRN-1"), std::string::npos) << "no identifier in the log: " << links[0].detail;
  EXPECT_NE(links[0].detail.find("not confirmed"), std::string::npos);

  service::GradeRequest r;
  r.study_uid = "1.2.840.1";
  r.study_date = parse_gregorian("2026-02-01");
  r.kl_grade = 2;
  imaging.record_grade(surgeon_, episode_, r);
  const auto shown = imaging.of_episode(surgeon_, episode_);
  EXPECT_EQ(shown.archive, service::ArchiveState::unavailable);
  EXPECT_FALSE(shown.archive_error.empty());
  EXPECT_TRUE(shown.studies.empty());
  ASSERT_EQ(shown.grades.size(), 1U);
  ASSERT_TRUE(shown.link);

  const auto candidates = imaging.candidates(coordinator, patient_, "");
  EXPECT_EQ(candidates.archive, service::ArchiveState::unavailable);
  EXPECT_EQ(candidates.asked.front(), "R-1") << "the record number first";
}

TEST_P(ImagingStore, AnotherCentresStaffAndTheWrongRolesAreRefused) {
  service::Imaging imaging(*store_, clock_, nullptr);
  const service::Actor other{"surgeon.b", service::Role::surgeon, "b"};
  service::GradeRequest r;
  r.study_uid = "1.2.840.1";
  r.study_date = parse_gregorian("2026-02-01");
  r.kl_grade = 2;
  EXPECT_THROW(imaging.record_grade(other, episode_, r), NotFoundError);
  EXPECT_THROW(imaging.of_episode(other, episode_), NotFoundError);
  EXPECT_THROW(imaging.link(other, patient_, "MRN-1"), NotFoundError);
  const service::Actor physio{"physio.a", service::Role::physiotherapist, "a"};
  EXPECT_THROW(imaging.record_grade(physio, episode_, r), ForbiddenError);
  EXPECT_THROW(imaging.link(physio, patient_, "MRN-1"), ForbiddenError);
  const service::Actor coordinator{"coordinator.a", service::Role::coordinator, "a"};
  EXPECT_THROW(imaging.record_grade(coordinator, episode_, r), ForbiddenError) << "the surgeon reads the films";
  store_->read([&](Transaction& tx) {
    EXPECT_TRUE(tx.radiographic_grades(episode_).empty());
    EXPECT_FALSE(tx.imaging_link(patient_));
  });
}

}  // namespace
}  // namespace rp::store
