// The de-identified export use case (service/deidentified_export.hpp): a read snapshot of
// the records in scope; a short write that draws pseudonyms and date shifts for the
// patients and episodes that have none yet and writes the audit row; then the tables.
#include "service/deidentified_export.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>

#include "base/error.hpp"
#include "domain/adverse_event.hpp"
#include "domain/deidentification.hpp"
#include "domain/imaging/imaging.hpp"
#include "service/audit_entry.hpp"
#include "service/patient_records.hpp"
#include "service/protocols.hpp"
#include "store/response_scores.hpp"

namespace rp::service {
namespace {

// The widest shift either way: enough that a calendar date says nothing, small enough
// that seasons stay roughly where they were.
constexpr int kMaxShiftDays = 180;

std::string random_name(char prefix) {
  unsigned char raw[8];
  randombytes_buf(raw, sizeof raw);
  static const char hex[] = "0123456789abcdef";
  std::string out{prefix, '-'};
  for (unsigned char b : raw) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

// Uniform over -180..-1 and 1..180 (never 0, so every date moves), from the CSPRNG.
int random_shift() {
  const int v = static_cast<int>(randombytes_uniform(2 * kMaxShiftDays));
  return v < kMaxShiftDays ? v - kMaxShiftDays : v - kMaxShiftDays + 1;
}

// The pseudonyms of one kind: those kept, read with the records; then, in the short write
// that follows, new ones drawn and kept for the records that lack one.
class Pseudonyms {
 public:
  Pseudonyms(std::string kind, char prefix) : kind_(std::move(kind)), prefix_(prefix) {}
  void load(store::Transaction& tx) {
    known_.clear();
    for (auto& r : tx.pseudonyms(kind_)) known_[r.record_id] = std::move(r);
  }
  bool has(std::int64_t record_id) const { return known_.count(record_id) != 0; }
  void ensure(store::Transaction& tx, std::int64_t record_id) {
    if (has(record_id)) return;
    store::PseudonymRow row{kind_, record_id, "", kind_ == "patient" ? random_shift() : 0};
    // A random name already taken, or a row another export wrote since the read, writes
    // nothing: draw again, or keep the one there.
    for (;;) {
      row.pseudonym = random_name(prefix_);
      if (tx.insert_pseudonym(row)) break;
      for (auto& r : tx.pseudonyms(kind_))
        if (r.record_id == record_id) {
          known_[record_id] = std::move(r);
          return;
        }
    }
    known_[record_id] = std::move(row);
  }
  const store::PseudonymRow& of(std::int64_t record_id) const { return known_.at(record_id); }

 private:
  std::string kind_;
  char prefix_;
  std::map<std::int64_t, store::PseudonymRow> known_;
};

// One row of a table, its cells set by column name (the dictionary's names only), handed
// to the sink when whole.
class Row {
 public:
  Row(std::size_t table, const DeidentifiedRowSink& sink)
      : table_(table), columns_(export_dictionary()[table]), sink_(sink), cells_(columns_.columns.size()) {}
  Row& set(const std::string& column, ExportCell value) {
    cells_[columns_.column(column)] = std::move(value);
    return *this;
  }
  void add() { sink_.row(table_, std::move(cells_)); }

 private:
  std::size_t table_;
  const ExportTable& columns_;
  const DeidentifiedRowSink& sink_;
  std::vector<ExportCell> cells_;
};

ExportCell number(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}
ExportCell integer(std::optional<std::int64_t> v) { return v ? ExportCell(std::to_string(*v)) : std::nullopt; }
ExportCell text(std::string_view v) { return v.empty() ? std::nullopt : ExportCell(std::string(v)); }

bool looks_like_iso_date(std::string_view s) { return s.size() == 10 && s[4] == '-' && s[7] == '-'; }
// The UTC day of an instant as the store keeps it (2026-11-24T21:57:58.123Z).
std::optional<CivilDate> day_of(const std::string& text) {
  if (text.size() < 10 || !looks_like_iso_date(std::string_view(text).substr(0, 10))) return std::nullopt;
  return parse_gregorian(text.substr(0, 10));
}

// One patient's rows: everything dated moves by the patient's shift.
struct PatientWriter {
  const DeidentifiedRowSink& sink;
  const Patient& patient;
  const store::PseudonymRow& name;
  const Pseudonyms& episodes;

  ExportCell date(const std::optional<CivilDate>& d) const {
    return d ? ExportCell(shifted(*d, name.shift_days).iso()) : std::nullopt;
  }
  ExportCell band(const std::optional<CivilDate>& true_day) const {
    return true_day ? ExportCell(five_year_age_band(patient.birth_date, *true_day)) : std::nullopt;
  }
  // An episode begun after the export's pseudonyms were drawn has none: left out.
  ExportCell episode_name(std::optional<std::int64_t> id) {
    return id && episodes.has(*id) ? ExportCell(episodes.of(*id).pseudonym) : std::nullopt;
  }
  Row row(const char* table) const { return Row(export_table_index(table), sink); }

  void patient_row() {
    row("patients")
        .set("patient", name.pseudonym)
        .set("centre", patient.centre_id)
        .set("sex", std::string(to_string(patient.sex)))
        .add();
  }

  void episode_rows(const EpisodeRecords& records) {
    const Episode& e = records.episode;
    const std::string ep = episodes.of(e.id).pseudonym;
    row("episodes")
        .set("episode", ep)
        .set("patient", name.pseudonym)
        .set("centre", e.centre_id)
        .set("protocol", e.protocol_id)
        .set("side", std::string(to_string(e.side)))
        .set("diagnosis_system", text(e.diagnosis.system))
        .set("diagnosis_code", text(e.diagnosis.code))
        .set("kl_grade", integer(e.kl_grade))
        .set("tonnis_grade", integer(e.tonnis_grade))
        .set("cell_source", e.cell_source ? text(to_string(*e.cell_source)) : std::nullopt)
        .set("guidance", e.guidance ? text(to_string(*e.guidance)) : std::nullopt)
        .set("state", std::string(to_string(e.state)))
        .set("bilateral_with", episode_name(e.bilateral_with))
        .set("repeat_of", episode_name(e.repeat_of))
        .set("harvest_date", date(e.harvest_date))
        .set("injection_date", date(e.injection_date))
        .set("age_band_at_injection", band(e.injection_date))
        .add();
    for (const auto& item : records.schedule)
      row("visits")
          .set("episode", ep)
          .set("item", item.id)
          .set("kind", text(item.kind))
          .set("start_date", date(item.start))
          .set("end_date", date(item.end))
          .set("window_start", date(item.window_start))
          .set("window_end", date(item.window_end))
          .set("status", std::string(to_string(item.status)))
          .set("done_on", date(item.done_on))
          .add();
    for (const auto& t : records.transitions)
      row("transitions")
          .set("episode", ep)
          .set("from_state", std::string(to_string(t.from)))
          .set("to_state", std::string(to_string(t.to)))
          .set("on", date(t.on))
          .set("age_band", band(t.on))
          .add();
    for (const auto& r : records.responses) score_rows(ep, r);
    for (const auto& a : records.events) adverse_event_row(ep, a);
    for (const auto& pr : records.products) product_row(ep, pr);
    const imaging::RadiographicGrade* baseline = imaging::baseline_grade(records.grades, e.harvest_date);
    for (const auto& g : records.grades)
      row("radiographs")
          .set("episode", ep)
          .set("study_date", date(g.study_date))
          .set("kl_grade", integer(g.kl_grade ? std::optional<std::int64_t>(*g.kl_grade) : std::nullopt))
          .set("tonnis_grade", integer(g.tonnis_grade ? std::optional<std::int64_t>(*g.tonnis_grade) : std::nullopt))
          .set("joint_space_mm", g.joint_space_tenths_mm ? number(*g.joint_space_tenths_mm / 10.0) : std::nullopt)
          .set("baseline", &g == baseline ? "1" : "0")
          .add();
  }

  void product_row(const std::string& ep, const product::Product& pr) {
    const auto qc = [](const product::QcTest& t) { return ExportCell(std::string(product::to_string(t.result))); };
    const auto optional_number = [](const std::optional<double>& v) { return v ? number(*v) : std::nullopt; };
    row("products")
        .set("episode", ep)
        .set("source", pr.source ? text(to_string(*pr.source)) : std::nullopt)
        .set("state", std::string(product::to_string(pr.state)))
        .set("harvest_volume_ml", optional_number(pr.harvest_volume_ml))
        .set("harvested_on", date(day_of(pr.harvest_started_at)))
        .set("method", pr.method ? text(product::to_string(*pr.method)) : std::nullopt)
        .set("passages", integer(pr.passages ? std::optional<std::int64_t>(*pr.passages) : std::nullopt))
        .set("total_nucleated_cells", optional_number(pr.total_nucleated_cells))
        .set("viability_percent", optional_number(pr.viability_percent))
        .set("cfu_f", optional_number(pr.cfu_f))
        .set("isct_markers_met", pr.isct_markers_met ? ExportCell(*pr.isct_markers_met ? "1" : "0") : std::nullopt)
        .set("sterility", qc(pr.sterility))
        .set("endotoxin", qc(pr.endotoxin))
        .set("mycoplasma", qc(pr.mycoplasma))
        .set("cryopreserved", pr.frozen_at.empty() ? "0" : "1")
        .set("injected_on", date(day_of(pr.used_at)))
        .add();
  }

  void score_rows(const std::string& ep, const store::QuestionnaireResponseRow& r) {
    const ExportCell answered = date(day_of(r.submitted_at));
    for (const auto& s : store::typed_scores_of_json(r.scores_json)) {
      ExportCell score_text;
      // A date given as a score moves with the patient's other dates.
      if (s.text) score_text = looks_like_iso_date(*s.text) ? date(parse_gregorian(*s.text)) : text(*s.text);
      row("scores")
          .set("episode", ep)
          .set("item", r.item_id)
          .set("instrument", r.instrument)
          .set("source", text(r.source))
          .set("answered_on", answered)
          .set("score", s.name)
          .set("value", s.value ? number(*s.value) : std::nullopt)
          .set("text", score_text)
          .add();
    }
  }

  void adverse_event_row(const std::string& ep, const store::AdverseEventRow& a) {
    const std::optional<CivilDate> onset =
        looks_like_iso_date(a.onset_date) ? std::optional(parse_gregorian(a.onset_date)) : std::nullopt;
    const auto& as = a.assessment;
    row("adverse_events")
        .set("episode", ep)
        .set("kind", text(a.kind))
        .set("category", text(a.category))
        .set("severity", text(a.severity))
        .set("onset_date", date(onset))
        .set("reported_on", date(day_of(a.reported_at)))
        .set("status", text(a.status))
        .set("ctcae_grade", integer(as.ctcae_grade))
        .set("serious", a.serious ? "1" : "0")
        .set("serious_reasons", text(serious_reasons_text(as.serious)))
        .set("relatedness", as.relatedness ? text(to_string(*as.relatedness)) : std::nullopt)
        .set("outcome", as.outcome ? text(to_string(*as.outcome)) : std::nullopt)
        .set("triage", text(a.triage))
        .set("age_band_at_onset", band(onset))
        .add();
  }
};

// The centre the export covers: the analyst and the operator any (or all); a centre's
// admin only their own, which is also what they get without asking.
std::optional<std::string> centre_in_scope(const Actor& actor, const ExportRequest& request) {
  require(actor, Permission::registry_read);
  if (actor.all_centres || actor.role == Role::analyst || actor.role == Role::operator_) return request.centre_id;
  if (request.centre_id && *request.centre_id != actor.centre)
    throw ForbiddenError("centre", "own_centre_report_only"_err);
  return actor.centre;
}

}  // namespace

std::size_t export_table_index(std::string_view name) {
  const auto& tables = export_dictionary();
  for (std::size_t i = 0; i < tables.size(); ++i)
    if (tables[i].name == name) return i;
  throw std::logic_error("no export table " + std::string(name));
}

DeidentifiedCounts export_deidentified_rows(store::Store& store, const Clock& clock, const Actor& actor,
                                            const ExportRequest& request, const DeidentifiedRowSink& sink,
                                            HeavyReads* heavy) {
  const std::optional<std::string> centre = centre_in_scope(actor, request);
  // A protocol this clinic does not know is named as such (NotFoundError "protocol").
  if (request.protocol_id) (void)catalogue_entry(*request.protocol_id);
  // Products too: the lab's counts are the dose an outcome may answer to.
  const RecordsWanted wanted{centre, request.protocol_id, true};
  DeidentifiedCounts asked;
  // First the ids in scope only (the patients with registry consent, their episodes and
  // those theirs name), never their records: what the pseudonyms are drawn for.
  std::vector<std::int64_t> patient_ids;
  std::vector<std::int64_t> episode_ids;
  const auto read_ids = [&](store::Transaction& tx) {
    // A centre that does not exist is named as such, never answered with an empty export.
    if (request.centre_id && !tx.find_centre(*request.centre_id))
      throw NotFoundError("centre", "centre_not_found"_err, {{"centre", *request.centre_id}});
    patient_ids.clear();
    episode_ids.clear();
    asked = {};
    for (std::int64_t id : tx.record_ids("patient")) {
      std::optional<Patient> p = tx.find_patient(id);
      if (!p || (centre && p->centre_id != *centre)) continue;
      const auto episodes = episodes_in_scope(tx, id, wanted);
      // A protocol's export holds the patients treated under it, not every patient.
      if (request.protocol_id && episodes.empty()) continue;
      if (!p->consent.registry) {
        ++asked.withdrawn_left_out;
        continue;
      }
      patient_ids.push_back(id);
      ++asked.patients;
      for (const auto& r : episodes) {
        ++asked.episodes;
        episode_ids.push_back(r.episode.id);
        for (const auto& other : {r.episode.bilateral_with, r.episode.repeat_of})
          if (other) episode_ids.push_back(*other);
      }
    }
  };
  // One centre's export reads under that centre's scope: on PostgreSQL its row-level
  // security keeps any other centre's rows out even if a check above were missed.
  // A snapshot of its own (store::Store::snapshot): the clinic's writes and record reads
  // go on while it reads, and at most so many heavy reads run at once.
  const HeavyReads::Slot slot = HeavyReads::enter(heavy);
  const auto in_snapshot = [&](const std::function<void(store::Transaction&)>& read) {
    const auto read_and_hold = [&](store::Transaction& tx) {
      read(tx);
      HeavyReads::inside_read(heavy);
    };
    slot.run([&] {
      if (centre)
        store.snapshot(store::CentreScope::of_centre(*centre), read_and_hold);
      else
        store.snapshot(read_and_hold);
    });
  };
  in_snapshot(read_ids);
  // Then a short write: the pseudonyms the records lack, and the audit row (counts only:
  // it names no patient, as the export names none), durable before anything is answered.
  Pseudonyms patients("patient", 'P'), episodes("episode", 'E');
  store.write([&](store::Transaction& tx) {
    patients.load(tx);
    episodes.load(tx);
    for (std::int64_t id : patient_ids) patients.ensure(tx, id);
    for (std::int64_t id : episode_ids) episodes.ensure(tx, id);
    tx.append_audit(audit_entry(clock, actor, centre.value_or(""), "registry.export", "registry", "",
                                "protocol=" + request.protocol_id.value_or("") + " patients=" +
                                    std::to_string(asked.patients) + " episodes=" + std::to_string(asked.episodes)));
  });
  episode_ids = {};
  // Then the records, patient by patient from a second snapshot, each patient's rows handed
  // out as they are read and none kept: memory stays that of one patient. A patient who
  // withdrew consent meanwhile is left out; one who came since is not in this export.
  DeidentifiedCounts out;
  in_snapshot([&](store::Transaction& tx) {
    if (sink.begin) sink.begin();
    out = {};
    out.withdrawn_left_out = asked.withdrawn_left_out;
    for (std::int64_t id : patient_ids) {
      std::optional<Patient> p = tx.find_patient(id);
      if (!p || (centre && p->centre_id != *centre) || !p->consent.registry) continue;
      PatientRecords records{std::move(*p), episodes_in_scope(tx, id, wanted)};
      std::erase_if(records.episodes, [&](const EpisodeRecords& r) { return !episodes.has(r.episode.id); });
      if (request.protocol_id && records.episodes.empty()) continue;
      read_episode_records(tx, records.episodes, wanted);
      PatientWriter w{sink, records.patient, patients.of(id), episodes};
      w.patient_row();
      for (const auto& r : records.episodes) w.episode_rows(r);
      ++out.patients;
      out.episodes += static_cast<std::int64_t>(records.episodes.size());
    }
  });
  return out;
}

DeidentifiedExport export_deidentified(store::Store& store, const Clock& clock, const Actor& actor,
                                       const ExportRequest& request, HeavyReads* heavy) {
  DeidentifiedExport out{export_dictionary()};
  DeidentifiedRowSink sink;
  sink.begin = [&] {
    for (auto& t : out.tables) t.rows.clear();
  };
  sink.row = [&](std::size_t table, std::vector<ExportCell>&& cells) {
    out.tables[table].rows.push_back(std::move(cells));
  };
  const DeidentifiedCounts counts = export_deidentified_rows(store, clock, actor, request, sink, heavy);
  out.patients = counts.patients;
  out.episodes = counts.episodes;
  out.withdrawn_left_out = counts.withdrawn_left_out;
  return out;
}

}  // namespace rp::service
