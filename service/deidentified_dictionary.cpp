// The de-identified export's data dictionary: every table and column it writes, with the
// column's type, unit, allowed values and meaning in English and Persian. The export fills
// exactly these columns (ExportTable::column refuses any other), so the dictionary cannot
// fall behind the files.
#include <stdexcept>

#include "domain/adverse_event.hpp"
#include "domain/episode.hpp"
#include "domain/product/product.hpp"
#include "service/deidentified_export.hpp"

namespace rp::service {
namespace {

using T = ExportColumnType;

std::string joined(const std::vector<std::string_view>& values) {
  std::string out;
  for (auto v : values) out += (out.empty() ? "" : " | ") + std::string(v);
  return out;
}

std::string episode_states() {
  std::vector<std::string_view> names;
  for (EpisodeState s : all_episode_states()) names.push_back(to_string(s));
  return joined(names);
}

std::string serious_reasons() {
  std::vector<std::string_view> names;
  for (SeriousReason r : all_serious_reasons()) names.push_back(to_string(r));
  return "comma-separated: " + joined(names);
}

const std::string kBand = "0-4 | 5-9 | ... | 85-89 | 90+";
const std::string kShiftedEn = " (moved by the patient's date shift)";
const std::string kShiftedFa =
    " (جابه‌جا شده به اندازهٔ جابه‌جایی تاریخ بیمار)";

std::string product_states() {
  std::vector<std::string_view> names;
  for (product::State s : product::all_states()) names.push_back(product::to_string(s));
  return joined(names);
}

constexpr const char* kQc = "not_done | pending | passed | failed";

ExportColumn episode_key() {
  return {"episode",
          T::text,
          "",
          "",
          "the episode's pseudonym (random, the same in every export)",
          "شناسهٔ مستعار دوره (تصادفی، در همهٔ خروجی‌ها یکسان)"};
}

// The lab's measures of each cell product, for dose-response and quality analyses: no DIN,
// product id or staff (the DIN is a label's identifier), its days moved like the patient's.
ExportTable products_table() {
  return {
      "products",
      "one row per cell product (one harvest's cells): the lab's counts and tests, no identifier",
      "یک ردیف برای هر فراوردهٔ سلولی "
      "(سلول‌های یک برداشت): "
      "شمارش‌ها و آزمون‌های آزمایشگاه، "
      "بدون شناسه",
      {episode_key(),
       {"source", T::text, "", "bone_marrow | adipose", "where the cells were harvested", "منبع برداشت سلول"},
       {"state", T::text, "", product_states(), "where the product stands", "وضعیت فراورده"},
       {"harvest_volume_ml", T::number, "mL", "", "volume harvested", "حجم برداشت"},
       {"harvested_on", T::date, "", "", "the day (UTC) the harvest began" + kShiftedEn,
        "روز (UTC) آغاز برداشت" + kShiftedFa},
       {"method", T::text, "", "density_gradient | centrifugation | enzymatic_svf | culture_expansion",
        "the processing method", "روش فراوری"},
       {"passages", T::integer, "", "", "culture passages (expanded cells only)", "شمار پاساژ کشت"},
       {"total_nucleated_cells", T::number, "cells", "", "total nucleated cells",
        "کل سلول‌های هسته‌دار"},
       {"viability_percent", T::number, "%", "0-100", "cell viability", "زنده‌مانی سلول‌ها"},
       {"cfu_f", T::number, "colonies", "", "fibroblast colony-forming units, where done",
        "واحدهای کلنی‌ساز فیبروبلاستی، اگر انجام شده"},
       {"isct_markers_met", T::integer, "", "0 | 1", "the ISCT marker panel met (expanded cells)",
        "برآورده شدن نشانگرهای ISCT (سلول‌های کشت‌شده)"},
       {"sterility", T::text, "", kQc, "sterility culture", "کشت استریلیتی"},
       {"endotoxin", T::text, "", kQc, "endotoxin test", "آزمون اندوتوکسین"},
       {"mycoplasma", T::text, "", kQc, "mycoplasma test", "آزمون مایکوپلاسما"},
       {"cryopreserved", T::integer, "", "0 | 1", "frozen before use", "منجمد شده پیش از مصرف"},
       {"injected_on", T::date, "", "", "the day (UTC) it was injected" + kShiftedEn, "روز (UTC) تزریق" + kShiftedFa}},
      {}};
}

// The grades read on the episode's radiographs: the joint's state against its outcome. No
// study UID (the archive's identifier of the patient's study) or staff.
ExportTable radiographs_table() {
  return {
      "radiographs",
      "one row per graded imaging study of an episode (Kellgren-Lawrence, Tönnis, joint-space width)",
      "یک ردیف برای هر تصویربرداری "
      "درجه‌بندی‌شدهٔ دوره "
      "(کلگرن-لارنس، تونیس، "
      "پهنای فضای مفصل)",
      {episode_key(),
       {"study_date", T::date, "", "", "the day the study was made" + kShiftedEn, "روز انجام تصویربرداری" + kShiftedFa},
       {"kl_grade", T::integer, "grade", "0-4", "Kellgren-Lawrence grade", "درجهٔ کلگرن-لارنس"},
       {"tonnis_grade", T::integer, "grade", "0-3", "Tönnis grade", "درجهٔ تونیس"},
       {"joint_space_mm", T::number, "mm", "0.0-15.0", "the minimal joint-space width", "کمترین پهنای فضای مفصل"},
       {"baseline", T::integer, "", "0 | 1", "1: the baseline study, whose grades are the episode's",
        "۱: تصویربرداری پایه، که درجه‌های دوره از آن است"}},
      {}};
}

std::vector<ExportTable> build() {
  std::vector<ExportTable> t;
  t.push_back({"patients",
               "one row per patient who consents to the registry",
               "یک ردیف برای هر بیمار با رضایت ثبت",
               {{"patient", T::text, "", "", "the patient's pseudonym (random, the same in every export)",
                 "شناسهٔ مستعار بیمار (تصادفی، در همهٔ خروجی‌ها یکسان)"},
                {"centre", T::text, "", "", "the centre's id", "شناسهٔ مرکز"},
                {"sex", T::text, "", "female | male | other | unknown", "sex as recorded",
                 "جنس، چنان‌که ثبت شده"}},
               {}});
  t.push_back(
      {"episodes",
       "one row per treated joint's course",
       "یک ردیف برای هر دورهٔ درمان یک مفصل",
       {episode_key(),
        {"patient", T::text, "", "", "the patient's pseudonym", "شناسهٔ مستعار بیمار"},
        {"centre", T::text, "", "", "the centre's id", "شناسهٔ مرکز"},
        {"protocol", T::text, "", "", "the treatment protocol's id", "شناسهٔ پروتکل درمان"},
        {"side", T::text, "", "left | right", "the treated side", "سمت درمان‌شده"},
        {"diagnosis_system", T::text, "", "http://hl7.org/fhir/sid/icd-10-cm | http://hl7.org/fhir/sid/icd-10",
         "the diagnosis code's system", "نظام کدگذاری تشخیص"},
        {"diagnosis_code", T::text, "", "ICD-10 M16.x (hip) or M17.x (knee)", "the diagnosis code", "کد تشخیص"},
        {"kl_grade", T::integer, "grade", "0-4", "Kellgren-Lawrence grade", "درجهٔ کلگرن-لارنس"},
        {"tonnis_grade", T::integer, "grade", "0-3", "Tönnis grade", "درجهٔ تونیس"},
        {"cell_source", T::text, "", "bone_marrow | adipose", "where the cells were harvested", "منبع برداشت سلول"},
        {"guidance", T::text, "", "ultrasound | fluoroscopy", "the injection's image guidance", "راهنمای تصویری تزریق"},
        {"state", T::text, "", episode_states(), "the episode's state at export", "وضعیت دوره هنگام خروجی"},
        {"bilateral_with", T::text, "", "", "the other hip's episode of a bilateral course (pseudonym)",
         "دورهٔ مفصل دیگر در درمان دوطرفه (شناسهٔ مستعار)"},
        {"repeat_of", T::text, "", "", "the earlier episode this one repeats (pseudonym)",
         "دورهٔ پیشین که این دوره تکرار آن است (شناسهٔ مستعار)"},
        {"harvest_date", T::date, "", "", "the harvest day" + kShiftedEn, "روز برداشت" + kShiftedFa},
        {"injection_date", T::date, "", "", "the injection day" + kShiftedEn, "روز تزریق" + kShiftedFa},
        {"age_band_at_injection", T::text, "years", kBand, "the patient's age on the true injection day",
         "سن بیمار در روز واقعی تزریق"}},
       {}});
  t.push_back(
      {"visits",
       "one row per item of an episode's schedule (visits, questionnaires, holds, rehab)",
       "یک ردیف برای هر مورد برنامهٔ دوره (ویزیت، پرسشنامه، قطع دارو، "
       "توان‌بخشی)",
       {episode_key(),
        {"item", T::text, "", "", "the protocol's item id (prom-6m, visit-2w, ...)", "شناسهٔ مورد در پروتکل"},
        {"kind", T::text, "", "", "the protocol's kind of item", "نوع مورد در پروتکل"},
        {"start_date", T::date, "", "", "the day it starts" + kShiftedEn, "روز آغاز" + kShiftedFa},
        {"end_date", T::date, "", "", "the day it ends" + kShiftedEn, "روز پایان" + kShiftedFa},
        {"window_start", T::date, "", "", "its window's first day" + kShiftedEn, "نخستین روز بازه" + kShiftedFa},
        {"window_end", T::date, "", "", "its window's last day" + kShiftedEn, "آخرین روز بازه" + kShiftedFa},
        {"status", T::text, "", "planned | done | missed | cancelled", "what became of it", "سرانجام مورد"},
        {"done_on", T::date, "", "", "the day it was done" + kShiftedEn, "روز انجام" + kShiftedFa}},
       {}});
  t.push_back(
      {"scores",
       "one row per score of an answered questionnaire",
       "یک ردیف برای هر نمرهٔ پرسشنامهٔ پاسخ‌داده‌شده",
       {episode_key(),
        {"item", T::text, "", "", "the schedule item it answers (prom-6m, ...)",
         "مورد برنامه که به آن پاسخ می‌دهد"},
        {"instrument", T::text, "", "hoos | hoos-jr | nrs | oxford-hip | womac | harris | ...", "the questionnaire",
         "پرسشنامه"},
        {"source", T::text, "", "staff | patient | link", "who entered the answers",
         "واردکنندهٔ پاسخ‌ها"},
        {"answered_on", T::date, "", "", "the day (UTC) it was answered" + kShiftedEn, "روز پاسخ (UTC)" + kShiftedFa},
        {"score", T::text, "", "", "the score's name in the instrument", "نام نمره در پرسشنامه"},
        {"value", T::number, "points", "", "the score (yes/no as 1/0); empty when the rule gave none",
         "نمره (بله/خیر به صورت ۱/۰)؛ خالی اگر قاعده نمره‌ای نداد"},
        {"text", T::text, "", "", "a score given as text (a date: moved by the patient's date shift)",
         "نمرهٔ متنی (تاریخ: جابه‌جا شده به اندازهٔ جابه‌جایی تاریخ "
         "بیمار)"}},
       {}});
  t.push_back(
      {"transitions",
       "one row per step of an episode through the pathway (conversion to joint replacement included)",
       "یک ردیف برای هر گام دوره در مسیر درمان (از جمله تبدیل به تعویض مفصل)",
       {episode_key(),
        {"from_state", T::text, "", episode_states(), "the state left", "وضعیت پیشین"},
        {"to_state", T::text, "", episode_states(), "the state entered", "وضعیت تازه"},
        {"on", T::date, "", "", "the day it happened" + kShiftedEn, "روز رخداد" + kShiftedFa},
        {"age_band", T::text, "years", kBand, "the patient's age on the true day", "سن بیمار در روز واقعی رخداد"}},
       {}});
  t.push_back(
      {"adverse_events",
       "one row per adverse event or red flag (no description or notes: free text)",
       "یک ردیف برای هر عارضه یا علامت هشدار (بدون شرح یا یادداشت: متن آزاد)",
       {episode_key(),
        {"kind", T::text, "", "adverse_event | red_flag", "what was reported", "نوع گزارش"},
        {"category", T::text, "", joined(adverse_event_categories()) + " | " + joined(red_flag_categories()),
         "the coded category", "دستهٔ کدگذاری‌شده"},
        {"severity", T::text, "", "mild | moderate | severe | serious", "the reporter's word for it",
         "شدت به گفتهٔ گزارش‌دهنده"},
        {"onset_date", T::date, "", "", "the day it began" + kShiftedEn, "روز آغاز" + kShiftedFa},
        {"reported_on", T::date, "", "", "the day (UTC) it was reported" + kShiftedEn, "روز گزارش (UTC)" + kShiftedFa},
        {"status", T::text, "", "open | acknowledged | resolved", "where it stands", "وضعیت"},
        {"ctcae_grade", T::integer, "grade", "1-5", "CTCAE grade; empty until graded",
         "درجهٔ CTCAE؛ خالی تا درجه‌بندی"},
        {"serious", T::integer, "", "0 | 1", "serious by the regulatory definition", "جدی بنا بر تعریف مقرراتی"},
        {"serious_reasons", T::text, "", serious_reasons(), "the seriousness criteria met", "معیارهای جدی بودن"},
        {"relatedness", T::text, "", "harvest | injection | neither",
         "what it is related to, in the clinician's judgement", "ارتباط به نظر پزشک"},
        {"outcome", T::text, "", "resolved | ongoing | sequelae | death", "its outcome", "پیامد"},
        {"triage", T::text, "", "adverse_event | not_adverse_event", "red flags: the clinician's decision",
         "علامت هشدار: تصمیم پزشک"},
        {"age_band_at_onset", T::text, "years", kBand, "the patient's age on the true onset day",
         "سن بیمار در روز واقعی آغاز"}},
       {}});
  t.push_back(products_table());
  t.push_back(radiographs_table());
  return t;
}

}  // namespace

std::string_view to_string(ExportColumnType t) {
  switch (t) {
    case T::integer:
      return "integer";
    case T::number:
      return "number";
    case T::date:
      return "date";
    case T::instant:
      return "instant";
    case T::text:
      break;
  }
  return "text";
}

std::size_t ExportTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  throw std::logic_error("the data dictionary has no column " + name + " in " + this->name);
}

const std::vector<ExportTable>& export_dictionary() {
  static const std::vector<ExportTable> tables = build();
  return tables;
}

}  // namespace rp::service
