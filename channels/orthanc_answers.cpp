#include "channels/orthanc_answers.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/error.hpp"

namespace rp::channels {
namespace {

using nlohmann::json;

json parsed_list(std::string_view answer) {
  json j = json::parse(answer, nullptr, false);
  if (j.is_discarded() || !j.is_array()) throw ArchiveUnavailable("the archive's answer is not a JSON list");
  return j;
}

// A tag's text; Orthanc gives main DICOM tags as strings ("" when empty).
std::string tag(const json& item, const char* group, const char* name) {
  const auto g = item.find(group);
  if (g == item.end() || !g->is_object()) return "";
  const auto t = g->find(name);
  return t != g->end() && t->is_string() ? t->get<std::string>() : "";
}

std::string text(const json& item, const char* name) {
  const auto t = item.find(name);
  if (t == item.end() || !t->is_string()) throw ArchiveUnavailable(std::string("the archive's answer has no ") + name);
  return t->get<std::string>();
}

void require_object(const json& item) {
  if (!item.is_object()) throw ArchiveUnavailable("the archive's answer lists something other than objects");
}

}  // namespace

std::optional<CivilDate> dicom_date(std::string_view da) {
  if (da.size() != 8 || !std::all_of(da.begin(), da.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (da[i] - '0');
    return v;
  };
  try {
    return CivilDate::from_ymd(number(0, 4), number(4, 2), number(6, 2));
  } catch (const InputError&) {
    return std::nullopt;
  }
}

std::vector<ArchivePatient> orthanc_patients(std::string_view answer, const std::string& wanted) {
  std::vector<ArchivePatient> out;
  for (const json& item : parsed_list(answer)) {
    require_object(item);
    ArchivePatient p;
    p.archive_id = text(item, "ID");
    p.dicom_patient_id = tag(item, "MainDicomTags", "PatientID");
    if (p.dicom_patient_id != wanted) continue;
    p.name = tag(item, "MainDicomTags", "PatientName");
    if (const auto d = dicom_date(tag(item, "MainDicomTags", "PatientBirthDate"))) p.birth_date = d->iso();
    p.sex = tag(item, "MainDicomTags", "PatientSex");
    if (const auto s = item.find("Studies"); s != item.end() && s->is_array()) p.studies = static_cast<int>(s->size());
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<imaging::Study> orthanc_studies(std::string_view studies_answer, std::string_view series_answer,
                                            const std::string& wanted) {
  std::map<std::string, std::set<std::string>> modalities;  // by the study's archive id
  for (const json& series : parsed_list(series_answer)) {
    require_object(series);
    const std::string modality = tag(series, "MainDicomTags", "Modality");
    if (!modality.empty()) modalities[text(series, "ParentStudy")].insert(modality);
  }
  std::vector<imaging::Study> out;
  for (const json& item : parsed_list(studies_answer)) {
    require_object(item);
    if (tag(item, "PatientMainDicomTags", "PatientID") != wanted) continue;
    imaging::Study s;
    s.archive_id = text(item, "ID");
    s.study_uid = tag(item, "MainDicomTags", "StudyInstanceUID");
    s.date = dicom_date(tag(item, "MainDicomTags", "StudyDate"));
    s.description = tag(item, "MainDicomTags", "StudyDescription");
    if (const auto m = modalities.find(s.archive_id); m != modalities.end())
      s.modalities.assign(m->second.begin(), m->second.end());
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const imaging::Study& a, const imaging::Study& b) {
    return std::tie(a.date, a.study_uid) < std::tie(b.date, b.study_uid);
  });
  return out;
}

}  // namespace rp::channels
