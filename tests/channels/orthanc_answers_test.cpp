// Orthanc's /tools/find answers read (channels/orthanc_answers.hpp): only the wanted
// patient's records, whatever Orthanc's wildcards matched; studies with their series'
// modalities, by date; and an answer of another shape refused as the archive unavailable.
#include "channels/orthanc_answers.hpp"

#include <gtest/gtest.h>

namespace rp::channels {
namespace {

TEST(OrthancAnswers, PatientsAreThoseWithTheIdExactly) {
  const auto found = orthanc_patients(
      R"([{"ID":"p1","MainDicomTags":{"PatientID":"MRN-1","PatientName":"DOE^JANE","PatientBirthDate":"19610321",
           "PatientSex":"F"},"Studies":["s1","s2"]},
          {"ID":"p2","MainDicomTags":{"PatientID":"MRN-10","PatientName":"OTHER"},"Studies":[]},
          {"ID":"p3","MainDicomTags":{"PatientID":"MRN-1","PatientBirthDate":"19610231"}}])",
      "MRN-1");
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].archive_id, "p1");
  EXPECT_EQ(found[0].name, "DOE^JANE");
  EXPECT_EQ(found[0].birth_date, "1961-03-21");
  EXPECT_EQ(found[0].sex, "F");
  EXPECT_EQ(found[0].studies, 2);
  EXPECT_EQ(found[1].birth_date, "") << "a day that does not exist is no birth date";
}

TEST(OrthancAnswers, StudiesCarryTheirSeriesModalitiesByDate) {
  const auto studies = orthanc_studies(
      R"([{"ID":"s2","MainDicomTags":{"StudyDate":"20260601","StudyInstanceUID":"1.2.2","StudyDescription":"HIP"},
           "PatientMainDicomTags":{"PatientID":"MRN-1"}},
          {"ID":"s1","MainDicomTags":{"StudyDate":"20260201","StudyInstanceUID":"1.2.1"},
           "PatientMainDicomTags":{"PatientID":"MRN-1"}},
          {"ID":"s9","MainDicomTags":{"StudyDate":"20260101","StudyInstanceUID":"1.2.9"},
           "PatientMainDicomTags":{"PatientID":"MRN-12"}}])",
      R"([{"ID":"a","ParentStudy":"s1","MainDicomTags":{"Modality":"MR"}},
          {"ID":"b","ParentStudy":"s1","MainDicomTags":{"Modality":"CR"}},
          {"ID":"c","ParentStudy":"s1","MainDicomTags":{"Modality":"CR"}},
          {"ID":"d","ParentStudy":"s2","MainDicomTags":{"Modality":"DX"}}])",
      "MRN-1");
  ASSERT_EQ(studies.size(), 2U);
  EXPECT_EQ(studies[0].study_uid, "1.2.1");
  EXPECT_EQ(studies[0].date, parse_gregorian("2026-02-01"));
  EXPECT_EQ(studies[0].modalities, (std::vector<std::string>{"CR", "MR"}));
  EXPECT_EQ(studies[1].description, "HIP");
  EXPECT_EQ(studies[1].modalities, std::vector<std::string>{"DX"});
}

TEST(OrthancAnswers, AnotherShapeIsTheArchiveUnavailable) {
  EXPECT_THROW(orthanc_patients("<html>proxy error</html>", "X"), ArchiveUnavailable);
  EXPECT_THROW(orthanc_patients(R"({"ID":"p1"})", "X"), ArchiveUnavailable);
  EXPECT_THROW(orthanc_patients(R"([{"MainDicomTags":{"PatientID":"X"}}])", "X"), ArchiveUnavailable);
  EXPECT_THROW(orthanc_studies("[]", R"([{"MainDicomTags":{"Modality":"CR"}}])", "X"), ArchiveUnavailable);
  EXPECT_THROW(orthanc_studies("[1]", "[]", "X"), ArchiveUnavailable);
  EXPECT_FALSE(dicom_date("2026020"));
  EXPECT_FALSE(dicom_date("2026-02-"));
  EXPECT_FALSE(dicom_date("20261301"));
  EXPECT_EQ(dicom_date("20240229"), parse_gregorian("2024-02-29"));
}

}  // namespace
}  // namespace rp::channels
