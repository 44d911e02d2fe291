// The de-identified export on every engine (store_suite.hpp): the pseudonym table, then a
// registry of patients with every kind of record exported through the use case and read
// back as the files an analyst gets. Nothing that names a patient is in any byte of the
// files; dates move by one shift per patient (intervals kept); ages are bands at the true
// day; patients without registry consent are absent; two exports agree; CSV and NDJSON
// carry the same rows; the dictionary lists every column written.
#include <gtest/gtest.h>

#include "domain/imaging/imaging.hpp"
#include "domain/product/product.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "api/deidentified_files.hpp"
#include "base/error.hpp"
#include "service/deidentified_export.hpp"
#include "store_suite.hpp"

namespace rp::store {
namespace {

using service::DeidentifiedExport;
using service::ExportTable;

struct Person {
  std::string centre, mrn, latin, fa, mobile;
  CivilDate birth;
  bool consents = true;
  CivilDate injection;  // the harvest is 14 days before
  std::int64_t id = 0, episode = 0;
};

class DeidentifiedExportTest : public test::EngineTest {
 protected:
  void SetUp() override {
    s_ = open();
    s_->write([](Transaction& tx) {
      for (const char* id : {"tehran-1", "shiraz-1"}) tx.upsert_centre({id, "C", "م", "", "", "licensed", "", ""});
    });
    // Born 1961-03-21: injected on the 65th birthday, and the day before it.
    people_ = {
        {"tehran-1", "MRN-77310", "Zohreh Tavakkoli", "زهره توکلی", "+989127003311", day(1961, 3, 21), true,
         day(2026, 3, 21)},
        {"tehran-1", "MRN-77320", "Behrouz Kashani", "بهروز کاشانی", "+989357004422", day(1961, 3, 21), true,
         day(2026, 3, 20)},
        {"shiraz-1", "MRN-88410", "Parvin Saberi", "پروین صابری", "+989178005533", day(1950, 11, 2), true,
         day(2025, 12, 1)},
        {"shiraz-1", "MRN-88420", "Kamran Yazdani", "کامران یزدانی", "+989179006644", day(1970, 6, 15), false,
         day(2025, 10, 5)},
    };
    for (auto& p : people_) add(p);
  }

  static CivilDate day(int y, int m, int d) { return CivilDate::from_ymd(y, m, d); }

  void add(Person& person) {
    Patient p;
    p.centre_id = person.centre;
    p.mrn = person.mrn;
    p.name_latin = person.latin;
    p.name_fa = person.fa;
    p.mobile = person.mobile;
    p.national_id = test::test_national_id(person.mrn);
    p.birth_date = person.birth;
    p.sex = Sex::female;
    p.consent = {true, person.consents, true};
    Episode e;
    e.centre_id = person.centre;
    e.protocol_id = "hip-msc-v1";
    e.diagnosis = {"http://hl7.org/fhir/sid/icd-10-cm", "M16.11"};
    e.kl_grade = 2;
    e.cell_source = CellSource::bone_marrow;
    e.state = EpisodeState::follow_up;
    e.harvest_date = shifted_by(person.injection, -14);
    e.injection_date = person.injection;
    s_->write([&](Transaction& tx) {
      person.id = tx.insert_patient(p, "2025-01-01T00:00:00.000Z");
      e.patient_id = person.id;
      person.episode = tx.insert_episode(e, "2025-01-01T00:00:00.000Z");
      ScheduledItem visit{"visit-2w",
                          "visit",
                          "injection",
                          "+2w",
                          shifted_by(person.injection, 14),
                          shifted_by(person.injection, 14),
                          shifted_by(person.injection, 11),
                          shifted_by(person.injection, 17),
                          ItemStatus::done,
                          shifted_by(person.injection, 15)};
      tx.replace_schedule(person.episode, {visit});
      tx.insert_transition({person.episode, EpisodeState::product_released, EpisodeState::injected,
                            "reason naming " + person.latin, "surgeon.a", "surgeon", "2026-01-01T00:00:00.000Z",
                            person.injection});
      QuestionnaireResponseRow r;
      r.episode_id = person.episode;
      r.centre_id = person.centre;
      r.instrument = "nrs";
      r.item_id = "prom-6m";
      r.answers_json = R"({"pain_rest":3})";
      r.scores_json = R"({"instrument":"nrs","title":"NRS","scores":{"pain_rest":3,"pain_mean":4.5,"returned_on":")" +
                      shifted_by(person.injection, 30).iso() + R"(","withheld":null,"walks":true}})";
      r.source = "patient";
      r.submitted_by = person.mobile;
      r.submitted_at = shifted_by(person.injection, 182).iso() + "T08:00:00.000Z";
      tx.insert_questionnaire_response(r);
      AdverseEventRow a;
      a.episode_id = person.episode;
      a.centre_id = person.centre;
      a.kind = "adverse_event";
      a.category = "swelling";
      a.severity = "moderate";
      a.description = "called " + person.latin + " at home";
      a.onset_date = shifted_by(person.injection, 3).iso();
      a.reported_by = "surgeon.a";
      a.role = "surgeon";
      a.reported_at = shifted_by(person.injection, 4).iso() + "T10:00:00.000Z";
      a.status = "open";
      a.assessment.ctcae_grade = 2;
      tx.insert_adverse_event(a);
      // The cells harvested 14 days before the injection and injected that day.
      product::Product cells;
      cells.din = din_of(person);
      cells.product_code = "S1234000";
      cells.episode_id = person.episode;
      cells.patient_id = person.id;
      cells.centre_id = person.centre;
      cells.source = CellSource::bone_marrow;
      cells.state = product::State::used;
      cells.harvest_volume_ml = 60;
      cells.harvest_started_at = shifted_by(person.injection, -14).iso() + "T07:30:00.000Z";
      cells.harvested_by = "surgeon.a";
      cells.method = product::Method::density_gradient;
      cells.total_nucleated_cells = 2.4e8;
      cells.viability_percent = 91.5;
      cells.sterility = {product::QcResult::passed, std::nullopt};
      cells.used_at = person.injection.iso() + "T09:00:00.000Z";
      cells.used_by = "surgeon.a";
      tx.insert_product(cells, "2026-01-01T00:00:00.000Z");
      // The baseline radiograph, graded 20 days before the injection.
      imaging::RadiographicGrade graded;
      graded.episode_id = person.episode;
      graded.centre_id = person.centre;
      graded.study_uid = study_uid_of(person);
      graded.study_date = shifted_by(person.injection, -20);
      graded.kl_grade = 3;
      graded.joint_space_tenths_mm = 25;
      graded.recorded_by = "surgeon.a";
      graded.recorded_at = "2026-01-01T00:00:00.000Z";
      tx.save_radiographic_grade(graded);
    });
  }
  // The study's DICOM UID, the archive's name for it: an identifier the export leaves out.
  static std::string study_uid_of(const Person& person) {
    return "1.2.826.0.1.3680043.8.498.55." + std::to_string(person.episode);
  }
  // A DIN of the person's own (ISBT 128: facility, year, serial, flags).
  static std::string din_of(const Person& person) { return "A9999260" + person.mrn.substr(4, 5); }
  static CivilDate shifted_by(const CivilDate& d, int days) {
    return CivilDate::from_days(d.days_since_epoch() + days);
  }

  DeidentifiedExport run(const service::Actor& actor = service::Actor::cli_operator(),
                         service::ExportRequest request = {}) {
    return service::export_deidentified(*s_, Clock::fixed(1'780'000'000'000), actor, request);
  }

  std::unique_ptr<Store> s_;
  std::vector<Person> people_;
};
INSTANTIATE_ENGINES(DeidentifiedExportTest);

const ExportTable& table(const DeidentifiedExport& e, const std::string& name) {
  for (const auto& t : e.tables)
    if (t.name == name) return t;
  throw std::logic_error("no table " + name);
}

// The cells of one column, row by row.
std::vector<std::string> column(const ExportTable& t, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& row : t.rows) out.push_back(row[t.column(name)].value_or(""));
  return out;
}

// The row whose `key` column holds `value`.
std::map<std::string, std::string> row_where(const ExportTable& t, const std::string& key, const std::string& value) {
  for (const auto& row : t.rows)
    if (row[t.column(key)] == value) {
      std::map<std::string, std::string> out;
      for (std::size_t i = 0; i < row.size(); ++i) out[t.columns[i].name] = row[i].value_or("");
      return out;
    }
  throw std::logic_error("no row with " + key + " " + value);
}

std::int64_t days(const std::string& iso) { return parse_gregorian(iso).days_since_epoch(); }

// A minimal RFC 4180 reader for what api/deidentified_files.cpp writes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += text[++i];
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r') {
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  rows.pop_back();  // after the last line break
  return rows;
}

TEST_P(DeidentifiedExportTest, PseudonymsAreKeptOncePerRecordAndNeverTwice) {
  s_->write([](Transaction& tx) {
    EXPECT_TRUE(tx.insert_pseudonym({"patient", 7, "P-aa", -12}));
    EXPECT_TRUE(tx.insert_pseudonym({"episode", 7, "E-aa", 0}));    // the same id, another kind
    EXPECT_FALSE(tx.insert_pseudonym({"patient", 7, "P-bb", 30}));  // the record has one
    EXPECT_FALSE(tx.insert_pseudonym({"patient", 8, "P-aa", 30}));  // the name is taken
    EXPECT_TRUE(tx.insert_pseudonym({"patient", 3, "P-cc", 180}));
  });
  s_->read([](Transaction& tx) {
    const auto patients = tx.pseudonyms("patient");
    ASSERT_EQ(patients.size(), 2u);
    EXPECT_EQ(patients[0].record_id, 3);
    EXPECT_EQ(patients[0].shift_days, 180);
    EXPECT_EQ(patients[1].pseudonym, "P-aa");
    EXPECT_EQ(patients[1].shift_days, -12);
    EXPECT_EQ(tx.pseudonyms("episode").size(), 1u);
  });
}

TEST_P(DeidentifiedExportTest, NoByteOfTheFilesNamesAPatient) {
  const auto e = run();
  std::string bytes;
  for (const auto& t : e.tables) bytes += api::export_csv(t) + api::export_ndjson(t);
  bytes += api::data_dictionary_csv(e.tables);
  for (const auto& p : people_) {
    for (const std::string& identifier : {p.mrn, p.latin, p.fa, p.mobile, p.mobile.substr(3), "0" + p.mobile.substr(3),
                                          test::test_national_id(p.mrn), p.birth.iso(), din_of(p), study_uid_of(p)})
      EXPECT_EQ(bytes.find(identifier), std::string::npos) << identifier;
  }
  EXPECT_EQ(bytes.find("at home"), std::string::npos) << "an adverse event's description is free text";
  EXPECT_EQ(bytes.find("reason naming"), std::string::npos) << "a transition's reason is free text";
  // Pseudonyms are random names, never a database id.
  const std::regex patient_name("P-[0-9a-f]{16}"), episode_name("E-[0-9a-f]{16}");
  for (const auto& v : column(table(e, "patients"), "patient")) EXPECT_TRUE(std::regex_match(v, patient_name)) << v;
  for (const auto& v : column(table(e, "episodes"), "episode")) EXPECT_TRUE(std::regex_match(v, episode_name)) << v;
}

TEST_P(DeidentifiedExportTest, PatientsWithoutRegistryConsentAreLeftOut) {
  const auto e = run();
  EXPECT_EQ(e.patients, 3);
  EXPECT_EQ(e.withdrawn_left_out, 1);
  EXPECT_EQ(table(e, "patients").rows.size(), 3u);
  for (const char* name : {"episodes", "visits", "transitions", "adverse_events"})
    EXPECT_EQ(table(e, name).rows.size(), 3u) << name;
  EXPECT_EQ(table(e, "scores").rows.size(), 3u * 5);
  // Nor does the withdrawn patient get a pseudonym.
  s_->read([&](Transaction& tx) {
    for (const auto& r : tx.pseudonyms("patient")) EXPECT_NE(r.record_id, people_[3].id);
    EXPECT_EQ(tx.pseudonyms("patient").size(), 3u);
  });
}

TEST_P(DeidentifiedExportTest, EveryDateOfAPatientMovesByOneShiftAndAgesAreBandsAtTheTrueDay) {
  const auto e = run();
  const auto& episodes = table(e, "episodes");
  std::map<std::string, int> shift_of_patient;
  s_->read([&](Transaction& tx) {
    for (const auto& r : tx.pseudonyms("patient")) {
      EXPECT_NE(r.shift_days, 0);
      EXPECT_LE(std::abs(r.shift_days), 180);
      shift_of_patient[r.pseudonym] = r.shift_days;
    }
  });
  ASSERT_EQ(episodes.rows.size(), 3u);
  std::set<int> shifts;
  for (std::size_t i = 0; i < 3; ++i) {
    const Person& p = people_[i];
    const auto ep = episodes.rows[i][episodes.column("episode")].value();
    const auto row = row_where(episodes, "episode", ep);
    const int shift = shift_of_patient.at(row.at("patient"));
    shifts.insert(shift);
    EXPECT_EQ(days(row.at("injection_date")), p.injection.days_since_epoch() + shift);
    EXPECT_EQ(days(row.at("injection_date")) - days(row.at("harvest_date")), 14);
    const auto visit = row_where(table(e, "visits"), "episode", ep);
    EXPECT_EQ(days(visit.at("done_on")) - days(row.at("injection_date")), 15);
    EXPECT_EQ(days(visit.at("window_end")) - days(visit.at("window_start")), 6);
    const auto step = row_where(table(e, "transitions"), "episode", ep);
    EXPECT_EQ(step.at("on"), row.at("injection_date"));
    const auto event = row_where(table(e, "adverse_events"), "episode", ep);
    EXPECT_EQ(days(event.at("onset_date")) - days(row.at("injection_date")), 3);
    EXPECT_EQ(days(event.at("reported_on")) - days(row.at("injection_date")), 4);
    EXPECT_EQ(event.at("ctcae_grade"), "2");
    // The cells: their days moved like the rest, the lab's measures as recorded.
    const auto cells = row_where(table(e, "products"), "episode", ep);
    EXPECT_EQ(days(cells.at("injected_on")), days(row.at("injection_date")));
    EXPECT_EQ(days(cells.at("injected_on")) - days(cells.at("harvested_on")), 14);
    EXPECT_EQ(cells.at("total_nucleated_cells"), "2.4e+08");  // the shortest form, as the records export writes
    EXPECT_EQ(cells.at("viability_percent"), "91.5");
    EXPECT_EQ(cells.at("sterility"), "passed");
    EXPECT_EQ(cells.at("method"), "density_gradient");
    EXPECT_EQ(cells.at("cryopreserved"), "0");
    // The radiograph: its day moved like the rest, the grades as read, the baseline marked.
    const auto graded = row_where(table(e, "radiographs"), "episode", ep);
    EXPECT_EQ(days(graded.at("study_date")) - days(row.at("injection_date")), -20);
    EXPECT_EQ(graded.at("kl_grade"), "3");
    EXPECT_EQ(graded.at("joint_space_mm"), "2.5");
    EXPECT_EQ(graded.at("baseline"), "1");
    const auto scores = table(e, "scores");
    for (const auto& r : scores.rows) {
      if (r[scores.column("episode")] != ep) continue;
      EXPECT_EQ(days(*r[scores.column("answered_on")]) - days(row.at("injection_date")), 182);
      const auto score = r[scores.column("score")].value_or("");
      const auto value = r[scores.column("value")];
      if (score == "returned_on") {
        EXPECT_EQ(days(*r[scores.column("text")]) - days(row.at("injection_date")), 30);
      } else if (score == "pain_mean") {
        EXPECT_EQ(value, "4.5");
      } else if (score == "walks") {
        EXPECT_EQ(value, "1");
      } else if (score == "withheld") {
        EXPECT_FALSE(value);
      }
    }
  }
  // The edges: 65 on the birthday itself, 64 the day before; 75 in the third.
  EXPECT_EQ(column(episodes, "age_band_at_injection"), (std::vector<std::string>{"65-69", "60-64", "75-79"}));
  EXPECT_EQ(column(table(e, "transitions"), "age_band"), (std::vector<std::string>{"65-69", "60-64", "75-79"}));
}

TEST_P(DeidentifiedExportTest, TwoExportsNameAndShiftAlike) {
  const auto first = run();
  const auto second = run();
  ASSERT_EQ(first.tables.size(), second.tables.size());
  for (std::size_t i = 0; i < first.tables.size(); ++i)
    EXPECT_EQ(first.tables[i].rows, second.tables[i].rows) << first.tables[i].name;
  // A centre's export names its patients as the full one does.
  service::ExportRequest shiraz;
  shiraz.centre_id = "shiraz-1";
  const auto part = run(service::Actor::cli_operator(), shiraz);
  ASSERT_EQ(table(part, "episodes").rows.size(), 1u);
  const auto& in_full = row_where(table(first, "episodes"), "centre", "shiraz-1");
  EXPECT_EQ(table(part, "episodes").rows[0][0], in_full.at("episode"));
}

TEST_P(DeidentifiedExportTest, CsvAndNdjsonCarryTheSameRowsAndTheDictionaryListsEveryColumn) {
  const auto e = run();
  const auto dictionary = parse_csv(api::data_dictionary_csv(e.tables));
  ASSERT_FALSE(dictionary.empty());
  std::set<std::pair<std::string, std::string>> described;
  for (std::size_t i = 1; i < dictionary.size(); ++i) {
    ASSERT_EQ(dictionary[i].size(), 7u);
    EXPECT_FALSE(dictionary[i][5].empty());
    EXPECT_FALSE(dictionary[i][6].empty()) << "every column is described in Persian too";
    described.insert({dictionary[i][0], dictionary[i][1]});
  }
  for (const auto& t : e.tables) {
    const auto csv = parse_csv(api::export_csv(t));
    ASSERT_EQ(csv.size(), t.rows.size() + 1) << t.name;
    for (const auto& name : csv[0]) EXPECT_TRUE(described.count({t.name, name})) << t.name << "." << name;
    std::istringstream lines(api::export_ndjson(t));
    std::string line;
    std::size_t r = 0;
    while (std::getline(lines, line)) {
      const auto o = nlohmann::json::parse(line);
      ASSERT_LT(r + 1, csv.size());
      ASSERT_EQ(o.size(), csv[0].size());
      for (std::size_t c = 0; c < csv[0].size(); ++c) {
        const auto& v = o.at(csv[0][c]);
        // A number is the same number in both (2.4e+08 in CSV is 240000000.0 in JSON).
        if (v.is_number_float()) {
          EXPECT_EQ(v.get<double>(), std::stod(csv[r + 1][c])) << t.name << "." << csv[0][c];
          continue;
        }
        const std::string as_text = v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump();
        EXPECT_EQ(as_text, csv[r + 1][c]) << t.name << "." << csv[0][c];
      }
      ++r;
    }
    EXPECT_EQ(r, t.rows.size()) << t.name;
  }
}

TEST_P(DeidentifiedExportTest, TheAnalystExportsAnyCentreAndACentresAdminOnlyTheirOwn) {
  const service::Actor analyst{"analyst", service::Role::analyst, "", false};
  EXPECT_EQ(run(analyst).patients, 3);
  const service::Actor admin{"admin.s", service::Role::admin, "shiraz-1", false};
  const auto own = run(admin);
  EXPECT_EQ(own.patients, 1);
  EXPECT_EQ(column(table(own, "patients"), "centre"), std::vector<std::string>{"shiraz-1"});
  service::ExportRequest other;
  other.centre_id = "tehran-1";
  EXPECT_THROW(run(admin, other), ForbiddenError);
  const service::Actor surgeon{"surgeon.s", service::Role::surgeon, "shiraz-1", false};
  EXPECT_THROW(run(surgeon), ForbiddenError);
  // Each export leaves an audit row naming no patient.
  s_->read([&](Transaction& tx) {
    const auto last = tx.last_audit_row();
    ASSERT_TRUE(last);
    EXPECT_EQ(last->action, "registry.export");
    EXPECT_EQ(last->centre_id, "shiraz-1");
  });
}

}  // namespace
}  // namespace rp::store
