#include "domain/imaging/imaging.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/error.hpp"

namespace rp::imaging {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string checked_dicom_patient_id(std::string_view text, std::string_view field) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  // DICOM's LO: 64 characters at most; a backslash separates values, so none is one id.
  const bool shaped = !text.empty() && text.size() <= 64 && std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || c == '\\';
  });
  if (!shaped) throw InputError(std::string(field), "dicom_patient_id_shape"_err);
  return std::string(text);
}

void check_study_uid(std::string_view text, std::string_view field) {
  bool shaped = !text.empty() && text.size() <= 64 && text.front() != '.' && text.back() != '.';
  for (std::size_t i = 0; shaped && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.')
      shaped = text[i + 1] != '.';
    else
      shaped = c >= '0' && c <= '9';
  }
  if (!shaped) throw InputError(std::string(field), "study_uid_shape"_err);
}

int joint_space_tenths(double millimetres, std::string_view field) {
  const double tenths = millimetres * 10.0;
  const double whole = std::round(tenths);
  // 3.5 is 35 tenths; 3.55 is not a reading to a tenth of a millimetre.
  if (!std::isfinite(tenths) || std::fabs(tenths - whole) > 1e-6)
    throw InputError(std::string(field), "joint_space_tenths"_err);
  if (whole < 0 || whole > kMaxJointSpaceTenthsMm) throw InputError(std::string(field), "joint_space_tenths"_err);
  return static_cast<int>(whole);
}

void validate_grade(const RadiographicGrade& g) {
  check_study_uid(g.study_uid);
  if (g.kl_grade && (*g.kl_grade < 0 || *g.kl_grade > 4)) throw InputError("kl_grade", "kl_grade_range"_err);
  if (g.tonnis_grade && (*g.tonnis_grade < 0 || *g.tonnis_grade > 3))
    throw InputError("tonnis_grade", "tonnis_grade_range"_err);
  if (g.joint_space_tenths_mm && (*g.joint_space_tenths_mm < 0 || *g.joint_space_tenths_mm > kMaxJointSpaceTenthsMm))
    throw InputError("joint_space_mm", "joint_space_tenths"_err);
  if (!g.kl_grade && !g.tonnis_grade && !g.joint_space_tenths_mm) throw InputError("grade", "grade_required"_err);
}

const RadiographicGrade* baseline_grade(const std::vector<RadiographicGrade>& grades,
                                        std::optional<CivilDate> treatment_start) {
  const RadiographicGrade* best = nullptr;
  for (const auto& g : grades) {
    if (!g.kl_grade && !g.tonnis_grade) continue;
    if (treatment_start && g.study_date > *treatment_start) continue;
    if (!best || g.study_date > best->study_date ||
        (g.study_date == best->study_date && g.recorded_at >= best->recorded_at))
      best = &g;
  }
  return best;
}

std::string item_of_study(const Study& s, const Protocol& protocol, const std::vector<ScheduledItem>& items) {
  if (!s.date) return "";
  std::string best;
  std::int64_t best_distance = std::numeric_limits<std::int64_t>::max();
  for (const auto& item : items) {
    const ProtocolItem* entry = protocol.find_item(item.id);
    if (!entry || entry->modalities.empty()) continue;
    const bool modality = std::any_of(s.modalities.begin(), s.modalities.end(), [&](const std::string& m) {
      return std::find(entry->modalities.begin(), entry->modalities.end(), m) != entry->modalities.end();
    });
    if (!modality || *s.date < item.window_start || *s.date > item.window_end) continue;
    const std::int64_t distance = std::llabs(s.date->days_since_epoch() - item.start.days_since_epoch());
    if (distance < best_distance) {
      best = item.id;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace rp::imaging
