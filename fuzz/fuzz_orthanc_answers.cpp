// Fuzzes the reading of Orthanc's /tools/find answers (channels/orthanc_answers.hpp). The
// input is split at its first NUL: a studies answer, then a series answer (the whole input
// is also read as a patients answer). Any bytes give records or ArchiveUnavailable, never
// another exception; every record read is the wanted patient's, and a date read is a day.
#include <cstdint>
#include <string_view>

#include "channels/orthanc_answers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find('\0');
  const std::string_view studies = split == std::string_view::npos ? input : input.substr(0, split);
  const std::string_view series = split == std::string_view::npos ? "[]" : input.substr(split + 1);
  const std::string wanted = "MRN-1";
  try {
    for (const auto& p : rp::channels::orthanc_patients(input, wanted))
      if (p.dicom_patient_id != wanted || p.studies < 0) __builtin_trap();
  } catch (const rp::channels::ArchiveUnavailable&) {
  }
  try {
    for (const auto& s : rp::channels::orthanc_studies(studies, series, wanted))
      if (s.date && s.date->iso().size() != 10) __builtin_trap();
  } catch (const rp::channels::ArchiveUnavailable&) {
  }
  (void)rp::channels::dicom_date(input.substr(0, 8));
  return 0;
}
