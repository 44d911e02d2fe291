// The imaging rules (domain/imaging/imaging.hpp): the shapes of what staff type, the
// grades' ranges, which study is the baseline, and which schedule item a study answers.
#include "domain/imaging/imaging.hpp"

#include <gtest/gtest.h>

#include "base/error.hpp"
#include "domain/schedule.hpp"
#include "tests/domain/test_protocols.hpp"

namespace rp::imaging {
namespace {

std::string imaging_code(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.field() + ":" + e.code();
  }
  return "";
}

RadiographicGrade graded(std::int64_t id, const char* date, std::optional<int> kl, const char* at = "t1") {
  RadiographicGrade g;
  g.id = id;
  g.study_uid = "1.2." + std::to_string(id);
  g.study_date = parse_gregorian(date);
  g.kl_grade = kl;
  g.recorded_at = at;
  return g;
}

Study study_of(const char* date, std::vector<std::string> modalities) {
  return Study{"orthanc-id", "1.2.3", parse_gregorian(date), "", std::move(modalities)};
}

TEST(Imaging, APatientIdIsTrimmedAndRefusedWhenNoArchiveCouldHoldIt) {
  EXPECT_EQ(checked_dicom_patient_id("  MRN-0042 "), "MRN-0042");
  EXPECT_EQ(checked_dicom_patient_id("۱۲۳"), "۱۲۳");  // an archive may keep Persian digits: matched as they are
  EXPECT_EQ(imaging_code([] { checked_dicom_patient_id("   "); }), "dicom_patient_id:dicom_patient_id_shape");
  EXPECT_EQ(imaging_code([] { checked_dicom_patient_id("A\\B"); }), "dicom_patient_id:dicom_patient_id_shape");
  EXPECT_EQ(imaging_code([] { checked_dicom_patient_id("A\nB"); }), "dicom_patient_id:dicom_patient_id_shape");
  EXPECT_EQ(imaging_code([] { checked_dicom_patient_id(std::string(65, 'x')); }),
            "dicom_patient_id:dicom_patient_id_shape");
}

TEST(Imaging, AStudyUidIsDigitsAndSingleDots) {
  EXPECT_EQ(imaging_code([] { check_study_uid("1.2.840.113619.2.55"); }), "");
  for (const char* bad : {"", "1..2", ".1.2", "1.2.", "1.2.a", "1.2.3 "})
    EXPECT_EQ(imaging_code([&] { check_study_uid(bad); }), "study_uid:study_uid_shape") << bad;
  EXPECT_EQ(imaging_code([] { check_study_uid(std::string(65, '1')); }), "study_uid:study_uid_shape");
}

TEST(Imaging, JointSpaceIsReadToATenthOfAMillimetre) {
  EXPECT_EQ(joint_space_tenths(3.5), 35);
  EXPECT_EQ(joint_space_tenths(0), 0);
  EXPECT_EQ(joint_space_tenths(15), 150);
  EXPECT_EQ(joint_space_tenths(2.3), 23);  // 2.3 * 10 is 22.999...: still a tenth
  EXPECT_EQ(imaging_code([] { joint_space_tenths(3.55); }), "joint_space_mm:joint_space_tenths");
  EXPECT_EQ(imaging_code([] { joint_space_tenths(15.1); }), "joint_space_mm:joint_space_tenths");
  EXPECT_EQ(imaging_code([] { joint_space_tenths(-0.1); }), "joint_space_mm:joint_space_tenths");
}

TEST(Imaging, AGradeNeedsOneReadingInItsRange) {
  RadiographicGrade g = graded(1, "2026-01-10", std::nullopt);
  EXPECT_EQ(imaging_code([&] { validate_grade(g); }), "grade:grade_required");
  g.kl_grade = 5;
  EXPECT_EQ(imaging_code([&] { validate_grade(g); }), "kl_grade:kl_grade_range");
  g.kl_grade = 4;
  g.tonnis_grade = 4;
  EXPECT_EQ(imaging_code([&] { validate_grade(g); }), "tonnis_grade:tonnis_grade_range");
  g.tonnis_grade = std::nullopt;
  g.joint_space_tenths_mm = 151;
  EXPECT_EQ(imaging_code([&] { validate_grade(g); }), "joint_space_mm:joint_space_tenths");
  g.joint_space_tenths_mm = 20;
  EXPECT_EQ(imaging_code([&] { validate_grade(g); }), "");
}

TEST(Imaging, TheBaselineIsTheLatestGradedStudyBeforeTheHarvest) {
  const std::vector<RadiographicGrade> grades = {graded(1, "2026-01-10", 2), graded(2, "2026-02-01", 3),
                                                 graded(3, "2026-06-01", 4)};
  const auto harvest = parse_gregorian("2026-02-15");
  ASSERT_NE(baseline_grade(grades, harvest), nullptr);
  EXPECT_EQ(baseline_grade(grades, harvest)->id, 2);
  // Before a harvest is planned, every study so far.
  EXPECT_EQ(baseline_grade(grades, std::nullopt)->id, 3);
  // A study on the harvest's day still shows the hip before the treatment.
  EXPECT_EQ(baseline_grade(grades, parse_gregorian("2026-06-01"))->id, 3);
  EXPECT_EQ(baseline_grade(grades, parse_gregorian("2026-01-01")), nullptr);
  // A joint-space width alone does not grade the hip.
  std::vector<RadiographicGrade> width_only = {graded(4, "2026-01-10", std::nullopt)};
  width_only[0].joint_space_tenths_mm = 30;
  EXPECT_EQ(baseline_grade(width_only, harvest), nullptr);
  // Two studies on one day: the one read last.
  const std::vector<RadiographicGrade> same_day = {graded(5, "2026-01-10", 2, "t2"), graded(6, "2026-01-10", 3, "t1")};
  EXPECT_EQ(baseline_grade(same_day, harvest)->id, 5);
}

TEST(Imaging, AStudyAnswersTheItemOfItsModalityWhoseWindowHoldsIt) {
  const auto& p = test::hip_protocol();
  const auto items =
      derive_schedule(p, {{"harvest", parse_gregorian("2026-03-01")}, {"injection", parse_gregorian("2026-03-03")}});
  // The work-up is ordered 28 days before the harvest (2026-02-01), its window 14 days
  // before to 13 after.
  EXPECT_EQ(item_of_study(study_of("2026-02-03", {"CR"}), p, items), "workup-xray");
  EXPECT_EQ(item_of_study(study_of("2026-02-03", {"MR"}), p, items), "workup-mri");
  EXPECT_EQ(item_of_study(study_of("2026-01-01", {"CR"}), p, items), "");  // before its window
  EXPECT_EQ(item_of_study(study_of("2026-02-03", {"US"}), p, items), "");  // no item asks ultrasound
  // Control imaging at 3 months (2026-06-03, window 14 days) and 6 months (2026-09-03, 30).
  EXPECT_EQ(item_of_study(study_of("2026-06-10", {"DX"}), p, items), "imaging-3m");
  EXPECT_EQ(item_of_study(study_of("2026-09-30", {"MR", "SR"}), p, items), "imaging-6m");
  EXPECT_EQ(item_of_study(study_of("2026-07-20", {"DX"}), p, items), "");
  Study undated = study_of("2026-06-10", {"DX"});
  undated.date.reset();
  EXPECT_EQ(item_of_study(undated, p, items), "");
}

TEST(Imaging, AProtocolNamesOnlyModalitiesOfImagingAndOnlyOnImagingOrOrders) {
  auto yaml = test::read_file(std::string(RP_DATA_DIR) + "/protocols/hip-msc-v1.yaml");
  const auto changed = [&](const std::string& from, const std::string& to) {
    std::string y = yaml;
    const auto at = y.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return y.replace(at, from.size(), to);
  };
  EXPECT_NE(imaging_code([&] { parse_protocol(changed("modalities: [MR]", "modalities: [XX]"), "p.yaml"); }), "");
  EXPECT_NE(imaging_code([&] {
              parse_protocol(changed("    title: {en: Follow-up visit at 12 weeks",
                                     "    modalities: [CR]\n    title: {en: Follow-up visit at 12 weeks"),
                             "p.yaml");
            }),
            "");
  EXPECT_EQ(test::hip_protocol().find_item("workup-mri")->modalities, std::vector<std::string>{"MR"});
}

}  // namespace
}  // namespace rp::imaging
