// The centre's records export's data dictionary (service/records_tables.hpp): every table
// and column it writes, with type, unit, allowed values and meaning in English and Persian.
// The rows are set column by column in this order by name (records_tables.cpp refuses a
// name out of its place), so the dictionary cannot fall behind the files.
#include <algorithm>
#include <cctype>
#include <set>

#include "base/error.hpp"
#include "domain/adverse_event.hpp"
#include "domain/episode.hpp"
#include "domain/instruments/registry.hpp"
#include "domain/product/product.hpp"
#include "service/protocols.hpp"
#include "service/records_tables.hpp"

namespace rp::service {
namespace {

using T = ExportColumnType;

std::string records_joined(const std::vector<std::string_view>& values) {
  std::string out;
  for (auto v : values) out += (out.empty() ? "" : " | ") + std::string(v);
  return out;
}

template <typename E, typename All>
std::string records_allowed(const All& all) {
  std::vector<std::string_view> names;
  names.reserve(std::size(all));
  for (E v : all) names.push_back(to_string(v));
  return records_joined(names);
}

constexpr const char* kJalaliAllowed = "YYYY/MM/DD";
constexpr const char* kInstantUnit = "UTC";
constexpr const char* kBooleanAllowed = "0 | 1";

// A date and its Jalali twin, which follows it.
void records_date(std::vector<ExportColumn>& out, const std::string& name, const std::string& en,
                  const std::string& fa) {
  out.push_back({name, T::date, "", "YYYY-MM-DD", en + " (Gregorian)", fa + " (میلادی)"});
  out.push_back({name + "_jalali", T::text, "", kJalaliAllowed, en + " (Solar Hijri, the same day as " + name + ")",
                 fa + " (هجری خورشیدی، همان روز " + name + ")"});
}

ExportColumn records_instant(const std::string& name, const std::string& en, const std::string& fa) {
  return {name, T::instant, kInstantUnit, "", en + " (ISO 8601, UTC)", fa + " (ISO 8601، به وقت UTC)"};
}

ExportColumn episode_id_column() {
  return {
      "episode_id", T::integer, "", "", "the episode's id (episodes.episode_id)", "شناسهٔ دوره (episodes.episode_id)"};
}
ExportColumn patient_id_column() {
  return {
      "patient_id", T::integer, "", "", "the patient's id (patients.patient_id)", "شناسهٔ بیمار (patients.patient_id)"};
}

ExportTable patients_table() {
  ExportTable t{"patients", "one row per patient of the centre", "یک ردیف برای هر بیمار مرکز", {}, {}};
  auto& c = t.columns;
  c.push_back({"patient_id", T::integer, "", "", "the patient's id in this clinic's database (joins the other tables)",
               "شناسهٔ بیمار در پایگاه دادهٔ این درمانگاه (پیوند با "
               "جدول‌های "
               "دیگر)"});
  c.push_back({"centre", T::text, "", "", "the centre's id", "شناسهٔ مرکز"});
  c.push_back({"mrn", T::text, "", "", "medical record number, unique within the centre (text: keep leading zeros)",
               "شمارهٔ پرونده، یکتا در مرکز (متن: صفرهای آغاز حفظ شود)"});
  c.push_back({"name_fa", T::text, "", "", "the patient's name in Persian script", "نام بیمار به خط فارسی"});
  c.push_back({"name_latin", T::text, "", "", "the patient's name in Latin script", "نام بیمار به خط لاتین"});
  c.push_back({"sex", T::text, "", "female | male | other | unknown", "sex as recorded",
               "جنس، چنان‌که ثبت شده"});
  records_date(c, "birth_date", "date of birth", "تاریخ تولد");
  c.push_back({"national_id", T::text, "", "10 digits", "national id (code melli; text: keep leading zeros)",
               "کد ملی (متن: صفرهای آغاز حفظ شود)"});
  c.push_back({"mobile", T::text, "", "+989XXXXXXXXX", "mobile number", "شمارهٔ همراه"});
  c.push_back({"email", T::text, "", "", "e-mail address; empty when none recorded", "نشانی ایمیل؛ خالی اگر ثبت نشده"});
  c.push_back({"language", T::text, "", "fa | en", "the language the patient reads",
               "زبانی که بیمار می‌خواند"});
  c.push_back({"preferred_channel", T::text, "", "sms | email", "how reminders reach the patient",
               "راه رسیدن یادآوری‌ها به بیمار"});
  c.push_back({"consent_treatment", T::integer, "", kBooleanAllowed, "consents to the treatment", "رضایت به درمان"});
  c.push_back({"consent_registry", T::integer, "", kBooleanAllowed, "consents to de-identified use in the registry",
               "رضایت به کاربرد بی‌نام در ثبت چندمرکزی"});
  c.push_back({"consent_contact", T::integer, "", kBooleanAllowed, "consents to reminders and invitations",
               "رضایت به دریافت یادآوری و دعوت"});
  return t;
}

ExportTable episodes_table() {
  ExportTable t{"episodes", "one row per treated joint's course", "یک ردیف برای هر دورهٔ درمان یک مفصل", {}, {}};
  auto& c = t.columns;
  c.push_back(episode_id_column());
  c.push_back(patient_id_column());
  c.push_back({"centre", T::text, "", "", "the centre's id", "شناسهٔ مرکز"});
  c.push_back({"protocol", T::text, "", "", "the treatment protocol's id", "شناسهٔ پروتکل درمان"});
  c.push_back({"side", T::text, "", "left | right", "the treated side", "سمت درمان‌شده"});
  c.push_back({"diagnosis_system", T::text, "", std::string(kIcd10Cm) + " | " + std::string(kIcd10Who),
               "the diagnosis code's system", "نظام کدگذاری تشخیص"});
  c.push_back({"diagnosis_code", T::text, "", "ICD-10 M16.x (hip) or M17.x (knee)", "the diagnosis code", "کد تشخیص"});
  c.push_back({"kl_grade", T::integer, "grade", "0-4", "Kellgren-Lawrence grade", "درجهٔ کلگرن-لارنس"});
  c.push_back({"tonnis_grade", T::integer, "grade", "0-3", "Tönnis grade", "درجهٔ تونیس"});
  c.push_back(
      {"cell_source", T::text, "", "bone_marrow | adipose", "where the cells were harvested", "منبع برداشت سلول"});
  c.push_back(
      {"guidance", T::text, "", "ultrasound | fluoroscopy", "the injection's image guidance", "راهنمای تصویری تزریق"});
  c.push_back({"state", T::text, "", records_allowed<EpisodeState>(all_episode_states()),
               "the episode's state at export", "وضعیت دوره هنگام خروجی"});
  c.push_back({"bilateral_with", T::integer, "", "", "the other hip's episode of a bilateral course (episode_id)",
               "دورهٔ مفصل دیگر در درمان دوطرفه (episode_id)"});
  c.push_back({"repeat_of", T::integer, "", "", "the earlier episode this one repeats (episode_id)",
               "دورهٔ پیشین که این دوره تکرار آن است (episode_id)"});
  records_date(c, "harvest_date", "the harvest day", "روز برداشت");
  records_date(c, "injection_date", "the injection day", "روز تزریق");
  c.push_back({"injected_by", T::text, "", "", "the account of the clinician who injected", "حساب پزشکی که تزریق کرد"});
  return t;
}

ExportTable visits_table() {
  ExportTable t{"visits",
                "one row per item of an episode's schedule (visits, questionnaires, holds, rehab)",
                "یک ردیف برای هر مورد برنامهٔ دوره (ویزیت، پرسشنامه، قطع دارو، "
                "توان‌بخشی)",
                {},
                {}};
  auto& c = t.columns;
  c.push_back(episode_id_column());
  c.push_back(patient_id_column());
  c.push_back({"item", T::text, "", "", "the protocol's item id (prom-6m, visit-2w, ...)", "شناسهٔ مورد در پروتکل"});
  c.push_back({"kind", T::text, "", "", "the protocol's kind of item", "نوع مورد در پروتکل"});
  records_date(c, "start_date", "the day it starts", "روز آغاز");
  records_date(c, "end_date", "the day it ends", "روز پایان");
  records_date(c, "window_start", "its window's first day", "نخستین روز بازه");
  records_date(c, "window_end", "its window's last day", "آخرین روز بازه");
  c.push_back({"status", T::text, "", "planned | done | missed | cancelled", "what became of it", "سرانجام مورد"});
  records_date(c, "done_on", "the day it was done", "روز انجام");
  return t;
}

ExportTable scores_long_table() {
  ExportTable t{"scores",
                "one row per score of an answered questionnaire (long layout: episode x time point x instrument x "
                "score)",
                "یک ردیف برای هر نمرهٔ پرسشنامهٔ پاسخ‌داده‌شده "
                "(چیدمان بلند: دوره × زمان × پرسشنامه × نمره)",
                {},
                {}};
  auto& c = t.columns;
  c.push_back(episode_id_column());
  c.push_back(patient_id_column());
  c.push_back({"response_id", T::integer, "", "", "the answer set's id (one questionnaire answered once)",
               "شناسهٔ مجموعهٔ پاسخ (یک بار پاسخ به یک پرسشنامه)"});
  // The catalogue's questionnaire time points and every instrument regenpath scores.
  std::vector<std::string_view> time_points, instrument_keys;
  const std::vector<WideScoreColumn> wide = wide_score_columns();
  for (const auto& w : wide)
    if (std::find(time_points.begin(), time_points.end(), w.time_point) == time_points.end())
      time_points.push_back(w.time_point);
  for (const auto& d : instruments::all_instruments()) instrument_keys.push_back(d.key);
  c.push_back({"time_point", T::text, "", records_joined(time_points),
               "the schedule item it answers (prom-baseline, prom-6m, ...); empty for an "
               "answer outside the schedule",
               "مورد برنامه که به آن پاسخ می‌دهد (prom-baseline، prom-6m، ...)؛ خالی "
               "برای "
               "پاسخ "
               "بیرون "
               "از "
               "برنامه"});
  c.push_back({"instrument", T::text, "", records_joined(instrument_keys), "the questionnaire", "پرسشنامه"});
  c.push_back({"source", T::text, "", "staff | patient | link", "who entered the answers",
               "واردکنندهٔ پاسخ‌ها"});
  c.push_back(records_instant("answered_at", "when it was answered", "زمان پاسخ"));
  records_date(c, "answered_on", "the clinic's day (Asia/Tehran) it was answered", "روز پاسخ به وقت درمانگاه (تهران)");
  c.push_back({"score", T::text, "", "", "the score's name in the instrument", "نام نمره در پرسشنامه"});
  c.push_back({"value", T::number, "points", "", "the score (yes/no as 1/0); empty when the rule gave none",
               "نمره (بله/خیر به صورت ۱/۰)؛ خالی اگر قاعده نمره‌ای نداد"});
  c.push_back({"text", T::text, "", "", "a score given as text (a date, a band)", "نمرهٔ متنی (تاریخ، رده)"});
  return t;
}

ExportTable scores_wide_table() {
  ExportTable t{"scores_wide",
                "one row per episode, a column per time point x instrument x score (wide layout; where one time point "
                "was answered twice, the latest answer)",
                "یک ردیف برای هر دوره، یک ستون برای هر زمان × پرسشنامه × نمره (چیدمان پهن؛ اگر به یک زمان دو بار "
                "پاسخ داده شده، واپسین پاسخ)",
                {},
                {}};
  auto& c = t.columns;
  c.push_back(episode_id_column());
  c.push_back(patient_id_column());
  c.push_back({"protocol", T::text, "", "", "the treatment protocol's id", "شناسهٔ پروتکل درمان"});
  for (const auto& w : wide_score_columns())
    c.push_back({w.name, T::number, "points", "",
                 w.instrument_title + ": " + w.score + " at " + w.time_point + " (" + w.time_point_title.en +
                     "); yes/no as 1/0, a score given as text (a date, a band) as its text",
                 "نمرهٔ " + w.score + " پرسشنامهٔ " + w.instrument + " در " + w.time_point + " (" +
                     w.time_point_title.fa + ")؛ بله/خیر به صورت ۱/۰، نمرهٔ متنی (تاریخ، رده) به صورت متن"});
  return t;
}

ExportTable adverse_events_table() {
  ExportTable t{
      "adverse_events", "one row per adverse event or red flag", "یک ردیف برای هر عارضه یا علامت هشدار", {}, {}};
  auto& c = t.columns;
  c.push_back({"event_id", T::integer, "", "", "the report's id", "شناسهٔ گزارش"});
  c.push_back(episode_id_column());
  c.push_back(patient_id_column());
  c.push_back({"kind", T::text, "", "adverse_event | red_flag", "what was reported", "نوع گزارش"});
  c.push_back({"category", T::text, "",
               records_joined(adverse_event_categories()) + " | " + records_joined(red_flag_categories()),
               "the coded category", "دستهٔ کدگذاری‌شده"});
  c.push_back({"severity", T::text, "", "mild | moderate | severe | serious", "the reporter's word for it",
               "شدت به گفتهٔ گزارش‌دهنده"});
  c.push_back({"description", T::text, "", "", "what was reported, as written",
               "شرح گزارش، چنان‌که نوشته شده"});
  records_date(c, "onset_date", "the day it began", "روز آغاز");
  c.push_back(records_instant("reported_at", "when it was reported", "زمان گزارش"));
  c.push_back({"status", T::text, "", "open | acknowledged | resolved", "where it stands", "وضعیت"});
  c.push_back({"ctcae_grade", T::integer, "grade", "1-5", "CTCAE grade; empty until graded",
               "درجهٔ CTCAE؛ خالی تا درجه‌بندی"});
  c.push_back(
      {"serious", T::integer, "", kBooleanAllowed, "serious by the regulatory definition", "جدی بنا بر تعریف مقرراتی"});
  c.push_back({"serious_reasons", T::text, "",
               "comma-separated: " + records_allowed<SeriousReason>(all_serious_reasons()),
               "the seriousness criteria met", "معیارهای جدی بودن"});
  c.push_back({"relatedness", T::text, "", "harvest | injection | neither",
               "what it is related to, in the clinician's judgement", "ارتباط به نظر پزشک"});
  c.push_back({"outcome", T::text, "", "resolved | ongoing | sequelae | death", "its outcome", "پیامد"});
  c.push_back({"triage", T::text, "", "adverse_event | not_adverse_event", "red flags: the clinician's decision",
               "علامت هشدار: تصمیم پزشک"});
  c.push_back({"triage_reason", T::text, "", "", "red flags: why, as written",
               "علامت هشدار: دلیل، چنان‌که نوشته شده"});
  c.push_back({"red_flag_id", T::integer, "", "", "the red flag this event was triaged from (event_id)",
               "علامت هشداری که این عارضه از آن تشخیص داده شد (event_id)"});
  return t;
}

ExportTable products_table() {
  ExportTable t{
      "products",
      "one row per cell product (one harvest's cells, from the lab's receipt to the injection)",
      "یک ردیف برای هر فراوردهٔ سلولی (سلول‌های یک برداشت، از پذیرش "
      "آزمایشگاه "
      "تا "
      "تزریق)",
      {},
      {}};
  auto& c = t.columns;
  const std::string qc = records_allowed<product::QcResult>(std::vector{
      product::QcResult::not_done, product::QcResult::pending, product::QcResult::passed, product::QcResult::failed});
  c.push_back({"product_id", T::integer, "", "", "the product's id", "شناسهٔ فراورده"});
  c.push_back({"din", T::text, "", "13 characters (ISBT 128)", "the donation identification number",
               "شمارهٔ شناسایی اهدا (DIN)"});
  c.push_back({"product_code", T::text, "", "", "ISBT 128 product description code", "کد شرح فراوردهٔ ISBT 128"});
  c.push_back(episode_id_column());
  c.push_back(patient_id_column());
  c.push_back({"source", T::text, "", "bone_marrow | adipose", "where the cells were harvested", "منبع برداشت سلول"});
  c.push_back({"state", T::text, "", records_allowed<product::State>(product::all_states()), "the product's state",
               "وضعیت فراورده"});
  c.push_back({"harvest_side", T::text, "", "left | right", "the side harvested", "سمت برداشت"});
  c.push_back({"harvest_volume_ml", T::number, "mL", "", "volume harvested", "حجم برداشت"});
  c.push_back(records_instant("harvest_started_at", "harvest began", "آغاز برداشت"));
  c.push_back(records_instant("harvest_ended_at", "harvest ended", "پایان برداشت"));
  c.push_back(records_instant("received_at", "the lab received it", "پذیرش در آزمایشگاه"));
  c.push_back({"receipt_temperature_c", T::number, "°C", "", "temperature at the lab's receipt",
               "دما هنگام پذیرش در آزمایشگاه"});
  c.push_back({"method", T::text, "", "density_gradient | centrifugation | enzymatic_svf | culture_expansion",
               "the processing method", "روش فراوری"});
  c.push_back({"passages", T::integer, "", "", "culture passages (expanded cells only)", "شمار پاساژ کشت"});
  c.push_back(records_instant("processed_at", "processing recorded", "ثبت فراوری"));
  c.push_back({"total_nucleated_cells", T::number, "cells", "", "total nucleated cells",
               "کل سلول‌های هسته‌دار"});
  c.push_back({"viability_percent", T::number, "%", "0-100", "cell viability", "زنده‌مانی سلول‌ها"});
  c.push_back({"cfu_f", T::number, "colonies", "", "fibroblast colony-forming units, where done",
               "واحدهای کلنی‌ساز فیبروبلاستی، اگر انجام شده"});
  c.push_back({"isct_markers_met", T::integer, "", kBooleanAllowed, "the ISCT marker panel met (expanded cells)",
               "برآورده شدن نشانگرهای ISCT (سلول‌های کشت‌شده)"});
  c.push_back({"sterility", T::text, "", qc, "sterility culture", "کشت استریلیتی"});
  c.push_back({"endotoxin", T::text, "", qc, "endotoxin test", "آزمون اندوتوکسین"});
  c.push_back({"mycoplasma", T::text, "", qc, "mycoplasma test", "آزمون مایکوپلاسما"});
  c.push_back(records_instant("frozen_at", "cryopreserved", "انجماد"));
  c.push_back(records_instant("thawed_at", "thawed", "ذوب"));
  c.push_back(records_instant("expires_at", "expiry", "انقضا"));
  c.push_back(records_instant("released_at", "released by the lab", "آزادسازی آزمایشگاه"));
  c.push_back(records_instant("used_at", "injected", "تزریق"));
  return t;
}

// A name R and spreadsheets take as it is: lower-case letters, digits and underscores.
std::string records_column_name(std::string_view text) {
  std::string out;
  for (char ch : text) out += (std::isalnum(static_cast<unsigned char>(ch)) ? char(std::tolower(ch)) : '_');
  return out;
}

}  // namespace

std::vector<WideScoreColumn> wide_score_columns() {
  std::vector<WideScoreColumn> out;
  std::set<std::string> names;
  for (const std::string& id : protocol_names()) {
    const Protocol& protocol = *catalogue_entry(id).protocol;
    for (const ProtocolItem& item : protocol.items) {
      if (item.kind != "questionnaire") continue;
      for (const std::string& key : item.instruments) {
        const auto instrument = instruments::parse_instrument_key(key);
        if (!instrument) continue;  // the catalogue checks its protocols' instruments
        const instruments::InstrumentDef& def = instruments::instrument(*instrument);
        for (const instruments::ScoreDef& score : def.scores) {
          WideScoreColumn w{
              item.id,
              key,
              std::string(score.name),
              records_column_name(key) + "_" + records_column_name(score.name) + "_" + records_column_name(item.id),
              std::string(def.title),
              item.title};
          // Two protocols asking the same instrument at the same time point share the column.
          if (names.insert(w.name).second) out.push_back(std::move(w));
        }
      }
    }
  }
  return out;
}

// The grades read on the episode's radiographs (service/imaging.hpp): the joint's state
// studied against its outcome; the episode's own grade is its baseline study's.
ExportTable radiographs_table() {
  ExportTable t{"radiographs",
                "one row per graded imaging study of an episode (Kellgren-Lawrence, Tönnis, joint-space width)",
                "یک ردیف برای هر تصویربرداری "
                "درجه‌بندی‌شدهٔ دوره "
                "(کلگرن-لارنس، تونیس، "
                "پهنای فضای مفصل)",
                {},
                {}};
  auto& c = t.columns;
  c.push_back({"grade_id", T::integer, "", "", "the grade's id", "شناسهٔ درجه‌بندی"});
  c.push_back(episode_id_column());
  c.push_back(patient_id_column());
  c.push_back({"study_uid", T::text, "", "DICOM UID", "the study's instance UID in the imaging archive",
               "شناسهٔ مطالعه در بایگانی تصویر (DICOM UID)"});
  records_date(c, "study_date", "the day the study was made", "روز انجام تصویربرداری");
  c.push_back({"kl_grade", T::integer, "grade", "0-4", "Kellgren-Lawrence grade", "درجهٔ کلگرن-لارنس"});
  c.push_back({"tonnis_grade", T::integer, "grade", "0-3", "Tönnis grade", "درجهٔ تونیس"});
  c.push_back(
      {"joint_space_mm", T::number, "mm", "0.0-15.0", "the minimal joint-space width", "کمترین پهنای فضای مفصل"});
  c.push_back({"baseline", T::integer, "", kBooleanAllowed, "1: the baseline study, whose grades are the episode's",
               "۱: تصویربرداری پایه، که درجه‌های دوره از آن است"});
  c.push_back({"recorded_by", T::text, "", "", "the account that recorded the grade", "حسابی که درجه را ثبت کرد"});
  c.push_back(records_instant("recorded_at", "when the grade was recorded", "زمان ثبت درجه"));
  return t;
}

std::vector<ExportTable> records_dictionary(ScoresLayout layout) {
  std::vector<ExportTable> t;
  t.push_back(patients_table());
  t.push_back(episodes_table());
  t.push_back(visits_table());
  t.push_back(layout == ScoresLayout::wide ? scores_wide_table() : scores_long_table());
  t.push_back(adverse_events_table());
  t.push_back(products_table());
  t.push_back(radiographs_table());
  return t;
}

std::string_view to_string(ScoresLayout layout) { return layout == ScoresLayout::wide ? "wide" : "long"; }

ScoresLayout parse_scores_layout(std::string_view text, std::string_view field) {
  if (text == "long") return ScoresLayout::long_rows;
  if (text == "wide") return ScoresLayout::wide;
  throw InputError(std::string(field), "not_one_of"_err,
                   {{"value", std::string(text.substr(0, 16))}, {"allowed", "long, wide"}});
}

}  // namespace rp::service
