#pragma once
// The imaging archive (a PACS) the clinic's X-rays and MRIs are kept in, as the use cases
// see it (service/imaging.hpp): its patients with a given Patient ID, for staff to choose
// from, and a patient's studies. The adapter is Orthanc's REST API
// (channels/orthanc_archive.hpp); a test may give any other.
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/imaging/imaging.hpp"

namespace rp::channels {

// A patient of the archive as its staff would recognise them before linking.
struct ArchivePatient {
  std::string archive_id;        // the archive's own id
  std::string dicom_patient_id;  // Patient ID (0010,0020)
  std::string name;              // Patient's Name as the archive has it (DICOM's ^ between parts)
  std::string birth_date;        // YYYY-MM-DD, empty when the archive has none or a malformed one
  std::string sex;               // M, F, O or empty
  int studies = 0;
};

// The archive did not answer, or not in time, or not as an archive answers: `what()`
// says which, for the imaging panel to show.
class ArchiveUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ImagingArchive {
 public:
  virtual ~ImagingArchive() = default;
  // The archive's patients whose Patient ID is exactly `dicom_patient_id` (no wildcard).
  // Throws ArchiveUnavailable.
  virtual std::vector<ArchivePatient> patients_with_id(const std::string& dicom_patient_id) = 0;
  // The studies of the patient whose Patient ID is exactly `dicom_patient_id`, by date.
  // Throws ArchiveUnavailable.
  virtual std::vector<imaging::Study> studies_of(const std::string& dicom_patient_id) = 0;
  // Where staff open the study in the archive's viewer.
  virtual std::string viewer_url(const imaging::Study& study) const = 0;
};

}  // namespace rp::channels
