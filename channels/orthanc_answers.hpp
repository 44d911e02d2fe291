#pragma once
// Orthanc's answers to /tools/find read into the archive's records: the parser of text
// another server sends, so it refuses anything but the shape Orthanc documents (fuzzed:
// fuzz/fuzz_orthanc_answers.cpp). Each throws ArchiveUnavailable for a malformed answer.
#include <string>
#include <string_view>
#include <vector>

#include "channels/imaging_archive.hpp"

namespace rp::channels {

// Patient-level /tools/find with "Expand": only those whose PatientID is `wanted` exactly
// (Orthanc matches * and ? as wildcards).
std::vector<ArchivePatient> orthanc_patients(std::string_view answer, const std::string& wanted);
// Study-level and series-level /tools/find with "Expand" for one Patient ID: each study of
// the patient (exactly `wanted`) with the modalities of its series, by date then uid.
std::vector<imaging::Study> orthanc_studies(std::string_view studies_answer, std::string_view series_answer,
                                            const std::string& wanted);
// A DICOM DA value (YYYYMMDD) as a date; none when empty or not a real day.
std::optional<CivilDate> dicom_date(std::string_view da);

}  // namespace rp::channels
