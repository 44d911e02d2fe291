#include "api/labels/label_text.hpp"

#include "base/clock.hpp"
#include "base/digits.hpp"
#include "base/error.hpp"
#include "base/jalali.hpp"
#include "base/zone_day.hpp"

namespace rp::labels {
namespace {

constexpr const char* kZone = "Asia/Tehran";

const Words kEnglish{"Autologous cell product",
                     "FOR AUTOLOGOUS USE ONLY",
                     "MRN",
                     "Harvested",
                     "Expires",
                     "Product code",
                     "Born",
                     "Tehran time",
                     "not yet processed",
                     "Patient wristband"};
const Words kPersian{"فرآوردهٔ سلولی خودی",
                     "فقط برای تزریق به همین بیمار",
                     "شمارهٔ پرونده",
                     "برداشت",
                     "انقضا",
                     "کد فرآورده",
                     "تولد",
                     "به وقت تهران",
                     "هنوز فرآوری نشده",
                     "دستبند بیمار"};

bool persian(std::string_view lang) { return lang == "fa"; }

}  // namespace

const Words& words(std::string_view lang) { return persian(lang) ? kPersian : kEnglish; }

std::string source_text(const std::optional<CellSource>& source, std::string_view lang) {
  if (!source) return persian(lang) ? "منبع ثبت نشده" : "source not recorded";
  switch (*source) {
    case CellSource::bone_marrow:
      return persian(lang) ? "مغز استخوان (ستیغ لگن)" : "Bone marrow (iliac crest)";
    case CellSource::adipose:
      return persian(lang) ? "بافت چربی (شکم)" : "Fat tissue (abdomen)";
  }
  return "";
}

std::string method_text(const product::Product& p, std::string_view lang) {
  if (!p.method) return words(lang).not_processed;
  const bool fa = persian(lang);
  switch (*p.method) {
    case product::Method::density_gradient:
      return fa ? "تغلیظ با شیب چگالی" : "density-gradient concentrate";
    case product::Method::centrifugation:
      return fa ? "تغلیظ با سانتریفیوژ" : "centrifuged concentrate";
    case product::Method::enzymatic_svf:
      return fa ? "بخش عروقی-استرومایی (آنزیمی)" : "enzymatic stromal vascular fraction";
    case product::Method::culture_expansion: {
      std::string text = fa ? "سلول‌های تکثیرشده در کشت" : "culture-expanded cells";
      if (p.passages)
        text +=
            fa ? "، " + number_text(*p.passages, lang) + " پاساژ" : ", " + number_text(*p.passages, lang) + " passages";
      return text;
    }
  }
  return "";
}

std::string name_text(const Patient& patient, std::string_view lang) {
  if (persian(lang) || patient.name_latin.empty()) return patient.name_fa;
  return patient.name_latin;
}

std::string date_text(const CivilDate& date, std::string_view lang) { return display_date(date, lang, persian(lang)); }

namespace {

// The instant, or 0 when the text is not one: a label prints what it can rather than fail.
std::int64_t readable_instant(const std::string& iso) {
  try {
    return instant_ms(iso);
  } catch (const InputError&) {
    return 0;
  }
}

}  // namespace

std::string instant_date_text(const std::string& iso, std::string_view lang) {
  const std::int64_t ms = readable_instant(iso);
  if (ms == 0) return "—";
  return date_text(civil_date_in_zone(ms, kZone), lang);
}

std::string instant_time_text(const std::string& iso, std::string_view lang) {
  const std::int64_t ms = readable_instant(iso);
  if (ms == 0) return "";
  const std::int64_t minutes = (ms - day_start_in_zone(civil_date_in_zone(ms, kZone), kZone)) / 60000;
  std::string hh = std::to_string(minutes / 60), mm = std::to_string(minutes % 60);
  if (hh.size() < 2) hh.insert(0, "0");
  if (mm.size() < 2) mm.insert(0, "0");
  const std::string text = hh + ":" + mm;
  return persian(lang) ? persian_digits(text) : text;
}

std::string number_text(long long n, std::string_view lang) {
  return persian(lang) ? persian_digits(std::to_string(n)) : std::to_string(n);
}

}  // namespace rp::labels
