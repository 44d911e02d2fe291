// The centre's records as rows of the tables records_dictionary() describes
// (service/records_tables.hpp), one patient at a time.
#include "service/records_tables.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <stdexcept>

#include "base/clock.hpp"
#include "base/jalali.hpp"
#include "domain/adverse_event.hpp"
#include "domain/imaging/imaging.hpp"
#include "store/response_scores.hpp"

namespace rp::service {
namespace {

// The tables' places in records_dictionary().
enum RecordsTable : std::size_t { kPatients, kEpisodes, kVisits, kScores, kAdverseEvents, kProducts, kRadiographs };

// The clinic's day of an answer: a questionnaire answered at 01:00 in Tehran belongs to
// that day, not to the UTC day before.
constexpr const char* kClinicZone = "Asia/Tehran";

ExportCell records_number(std::optional<double> v) {
  if (!v) return std::nullopt;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, *v);
  return std::string(buf, r.ptr);
}
// A width kept in tenths of a millimetre (35), in millimetres (3.5).
ExportCell joint_space_mm(std::optional<int> tenths) { return tenths ? records_number(*tenths / 10.0) : std::nullopt; }
ExportCell records_integer(std::optional<std::int64_t> v) { return v ? ExportCell(std::to_string(*v)) : std::nullopt; }
ExportCell records_text(std::string_view v) { return v.empty() ? std::nullopt : ExportCell(std::string(v)); }
ExportCell records_flag(bool v) { return std::string(v ? "1" : "0"); }
template <typename E>
ExportCell records_enum(const std::optional<E>& v) {
  return v ? ExportCell(std::string(to_string(*v))) : std::nullopt;
}

std::optional<CivilDate> records_iso_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return parse_gregorian(text);
}

// The clinic's day of an instant as the store keeps it (2026-11-24T21:57:58.123Z).
std::optional<CivilDate> records_clinic_day(const std::string& instant) {
  const std::int64_t ms = instant_ms(instant);
  if (ms == 0) return std::nullopt;
  return civil_date_in_zone(ms, kClinicZone);
}

// The answers of an episode oldest first, so that the latest answer to a time point is
// the one a wide row keeps.
std::vector<const store::QuestionnaireResponseRow*> records_oldest_first(
    const std::vector<store::QuestionnaireResponseRow>& responses) {
  std::vector<const store::QuestionnaireResponseRow*> out;
  out.reserve(responses.size());
  for (const auto& r : responses) out.push_back(&r);
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return std::tie(a->submitted_at, a->id) < std::tie(b->submitted_at, b->id);
  });
  return out;
}

}  // namespace

// One row, its cells set in the dictionary's order by name: a name out of its place is a
// dictionary and a writer that disagree, refused rather than written under another heading.
struct RecordsTables::Builder {
  RecordsTables& self;
  std::size_t table;
  std::size_t next = 0;

  Builder(RecordsTables& s, std::size_t t) : self(s), table(t) {
    self.cells_.assign(self.tables_[t].columns.size(), std::nullopt);
  }
  const ExportColumn& expect(std::string_view name) {
    const auto& columns = self.tables_[table].columns;
    if (next >= columns.size() || columns[next].name != name)
      throw std::logic_error("records export: " + std::string(name) + " is not the next column of " +
                             self.tables_[table].name);
    return columns[next];
  }
  Builder& set(std::string_view name, ExportCell value) {
    expect(name);
    self.cells_[next++] = std::move(value);
    return *this;
  }
  // A date and its Jalali twin.
  Builder& date(std::string_view name, const std::optional<CivilDate>& day) {
    set(name, day ? ExportCell(day->iso()) : std::nullopt);
    expect(std::string(name) + "_jalali");
    self.cells_[next++] = day ? ExportCell(self.jalali(*day)) : std::nullopt;
    return *this;
  }
  void add(const RowSink& sink) {
    if (next != self.tables_[table].columns.size())
      throw std::logic_error("records export: a row of " + self.tables_[table].name + " left columns unset");
    sink(table, self.cells_);
  }
};

RecordsTables::RecordsTables(ScoresLayout layout) : layout_(layout), tables_(records_dictionary(layout)) {
  if (layout_ == ScoresLayout::wide) {
    const auto& columns = tables_[kScores].columns;
    for (const auto& w : wide_score_columns())
      for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == w.name) wide_columns_[{w.time_point, w.instrument, w.score}] = i;
  }
}

const std::string& RecordsTables::jalali(const CivilDate& day) {
  // Each day is converted once: an export's dates fall on a few thousand days.
  auto [it, added] = jalali_.try_emplace(day.days_since_epoch());
  if (added) {
    const JalaliDate j = to_jalali(day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d/%02d/%02d", j.y, j.m, j.d);
    it->second = buf;
  }
  return it->second;
}

void RecordsTables::add_patient(const PatientRecords& records, const RowSink& sink) {
  const Patient& p = records.patient;
  const ExportCell patient_id = std::to_string(p.id);
  Builder(*this, kPatients)
      .set("patient_id", patient_id)
      .set("centre", p.centre_id)
      .set("mrn", records_text(p.mrn))
      .set("name_fa", records_text(p.name_fa))
      .set("name_latin", records_text(p.name_latin))
      .set("sex", std::string(to_string(p.sex)))
      .date("birth_date", p.birth_date)
      .set("national_id", records_text(p.national_id))
      .set("mobile", records_text(p.mobile))
      .set("email", records_text(p.email))
      .set("language", std::string(to_string(p.language)))
      .set("preferred_channel", std::string(to_string(p.preferred_channel)))
      .set("consent_treatment", records_flag(p.consent.treatment))
      .set("consent_registry", records_flag(p.consent.registry))
      .set("consent_contact", records_flag(p.consent.contact))
      .add(sink);

  for (const EpisodeRecords& er : records.episodes) {
    const Episode& e = er.episode;
    const ExportCell episode_id = std::to_string(e.id);
    Builder(*this, kEpisodes)
        .set("episode_id", episode_id)
        .set("patient_id", patient_id)
        .set("centre", e.centre_id)
        .set("protocol", e.protocol_id)
        .set("side", std::string(to_string(e.side)))
        .set("diagnosis_system", records_text(e.diagnosis.system))
        .set("diagnosis_code", records_text(e.diagnosis.code))
        .set("kl_grade", records_integer(e.kl_grade))
        .set("tonnis_grade", records_integer(e.tonnis_grade))
        .set("cell_source", records_enum(e.cell_source))
        .set("guidance", records_enum(e.guidance))
        .set("state", std::string(to_string(e.state)))
        .set("bilateral_with", records_integer(e.bilateral_with))
        .set("repeat_of", records_integer(e.repeat_of))
        .date("harvest_date", e.harvest_date)
        .date("injection_date", e.injection_date)
        .set("injected_by", e.injected_by ? records_text(*e.injected_by) : std::nullopt)
        .add(sink);

    for (const ScheduledItem& item : er.schedule)
      Builder(*this, kVisits)
          .set("episode_id", episode_id)
          .set("patient_id", patient_id)
          .set("item", item.id)
          .set("kind", records_text(item.kind))
          .date("start_date", item.start)
          .date("end_date", item.end)
          .date("window_start", item.window_start)
          .date("window_end", item.window_end)
          .set("status", std::string(to_string(item.status)))
          .date("done_on", item.done_on)
          .add(sink);

    if (layout_ == ScoresLayout::wide) {
      Builder row(*this, kScores);
      row.set("episode_id", episode_id).set("patient_id", patient_id).set("protocol", e.protocol_id);
      std::vector<ExportCell> scores(tables_[kScores].columns.size());
      std::vector<bool> filled(scores.size(), false);
      for (const auto* r : records_oldest_first(er.responses))
        for (const auto& s : store::typed_scores_of_json(r->scores_json)) {
          const auto it = wide_columns_.find(std::tuple(r->item_id, r->instrument, s.name));
          if (it == wide_columns_.end()) {
            ++not_in_wide_;
            continue;
          }
          if (filled[it->second]) ++not_in_wide_;  // a later answer replaces it
          filled[it->second] = true;
          scores[it->second] = s.value ? records_number(s.value) : (s.text ? ExportCell(*s.text) : std::nullopt);
        }
      for (std::size_t i = row.next; i < scores.size(); ++i) row.set(tables_[kScores].columns[i].name, scores[i]);
      row.add(sink);
    } else {
      for (const auto& r : er.responses) {
        const std::optional<CivilDate> answered_on = records_clinic_day(r.submitted_at);
        for (const auto& s : store::typed_scores_of_json(r.scores_json))
          Builder(*this, kScores)
              .set("episode_id", episode_id)
              .set("patient_id", patient_id)
              .set("response_id", std::to_string(r.id))
              .set("time_point", records_text(r.item_id))
              .set("instrument", r.instrument)
              .set("source", records_text(r.source))
              .set("answered_at", records_text(r.submitted_at))
              .date("answered_on", answered_on)
              .set("score", s.name)
              .set("value", records_number(s.value))
              .set("text", s.text ? records_text(*s.text) : std::nullopt)
              .add(sink);
      }
    }

    for (const store::AdverseEventRow& a : er.events) {
      const EventAssessment& as = a.assessment;
      Builder(*this, kAdverseEvents)
          .set("event_id", std::to_string(a.id))
          .set("episode_id", episode_id)
          .set("patient_id", patient_id)
          .set("kind", records_text(a.kind))
          .set("category", records_text(a.category))
          .set("severity", records_text(a.severity))
          .set("description", records_text(a.description))
          .date("onset_date", records_iso_day(a.onset_date))
          .set("reported_at", records_text(a.reported_at))
          .set("status", records_text(a.status))
          .set("ctcae_grade", records_integer(as.ctcae_grade))
          .set("serious", records_flag(a.serious))
          .set("serious_reasons", records_text(serious_reasons_text(as.serious)))
          .set("relatedness", records_enum(as.relatedness))
          .set("outcome", records_enum(as.outcome))
          .set("triage", records_text(a.triage))
          .set("triage_reason", records_text(a.triage_reason))
          .set("red_flag_id", records_integer(a.red_flag_id))
          .add(sink);
    }

    for (const product::Product& pr : er.products) {
      const auto qc = [](const product::QcTest& t) { return ExportCell(std::string(to_string(t.result))); };
      Builder(*this, kProducts)
          .set("product_id", std::to_string(pr.id))
          .set("din", records_text(pr.din))
          .set("product_code", records_text(pr.product_code))
          .set("episode_id", episode_id)
          .set("patient_id", patient_id)
          .set("source", records_enum(pr.source))
          .set("state", std::string(to_string(pr.state)))
          .set("harvest_side", records_enum(pr.harvest_side))
          .set("harvest_volume_ml", records_number(pr.harvest_volume_ml))
          .set("harvest_started_at", records_text(pr.harvest_started_at))
          .set("harvest_ended_at", records_text(pr.harvest_ended_at))
          .set("received_at", records_text(pr.received_at))
          .set("receipt_temperature_c", records_number(pr.receipt_temperature_c))
          .set("method", records_enum(pr.method))
          .set("passages", records_integer(pr.passages))
          .set("processed_at", records_text(pr.processed_at))
          .set("total_nucleated_cells", records_number(pr.total_nucleated_cells))
          .set("viability_percent", records_number(pr.viability_percent))
          .set("cfu_f", records_number(pr.cfu_f))
          .set("isct_markers_met", pr.isct_markers_met ? records_flag(*pr.isct_markers_met) : std::nullopt)
          .set("sterility", qc(pr.sterility))
          .set("endotoxin", qc(pr.endotoxin))
          .set("mycoplasma", qc(pr.mycoplasma))
          .set("frozen_at", records_text(pr.frozen_at))
          .set("thawed_at", records_text(pr.thawed_at))
          .set("expires_at", records_text(pr.expires_at))
          .set("released_at", records_text(pr.released_at))
          .set("used_at", records_text(pr.used_at))
          .add(sink);
    }

    const imaging::RadiographicGrade* baseline = imaging::baseline_grade(er.grades, er.episode.harvest_date);
    for (const imaging::RadiographicGrade& g : er.grades)
      Builder(*this, kRadiographs)
          .set("grade_id", std::to_string(g.id))
          .set("episode_id", episode_id)
          .set("patient_id", patient_id)
          .set("study_uid", records_text(g.study_uid))
          .date("study_date", g.study_date)
          .set("kl_grade", records_integer(g.kl_grade))
          .set("tonnis_grade", records_integer(g.tonnis_grade))
          .set("joint_space_mm", joint_space_mm(g.joint_space_tenths_mm))
          .set("baseline", records_flag(baseline == &g))
          .set("recorded_by", records_text(g.recorded_by))
          .set("recorded_at", records_text(g.recorded_at))
          .add(sink);
  }
}

}  // namespace rp::service
