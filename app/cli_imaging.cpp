// `regenpath imaging candidates|link|show|grade`: the imaging archive at the command line,
// as the operator (issue 20, service/imaging.hpp): look a patient up in the archive by an
// identifier, link them, read an episode's studies and grades, record a grade. The archive
// is the server config's `orthanc:` block (or REGENPATH_ORTHANC_*); without one, grades
// are recorded with the study's date given.
#include <CLI/CLI.hpp>

#include "api/contract/imaging.hpp"
#include "api/http/contract.hpp"
#include "api/http/server_config.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/clock.hpp"
#include "base/error.hpp"
#include "service/imaging.hpp"

namespace rp::app {
namespace {

struct ImagingArgs {
  std::string db = kDefaultDb, config, dicom_patient_id, study_uid, study_date;
  std::int64_t patient = 0, episode = 0;
  std::optional<int> kl, tonnis;
  std::optional<double> joint_space_mm;
};

// The archive the config names, or none.
std::unique_ptr<channels::ImagingArchive> configured_archive(const std::string& config_path) {
  const auto config = api::http::load_server_config(config_path);
  if (!config.orthanc.configured()) return nullptr;
  return channels::orthanc_archive(config.orthanc);
}

void add_archive_options(CLI::App* cmd, ImagingArgs& a) {
  add_db_option(cmd, a.db);
  cmd->add_option("--config", a.config, "the server's YAML config file: its orthanc block (REGENPATH_ORTHANC_* too)");
}

}  // namespace

void add_imaging_commands(CLI::App& app) {
  auto* imaging = app.add_subcommand(
      "imaging", "The imaging archive (Orthanc): find a patient there, link them, read studies, record grades");
  imaging->require_subcommand(1);
  auto a = std::make_shared<ImagingArgs>();

  auto* candidates = imaging->add_subcommand(
      "candidates", "The archive's patients with a Patient ID (default: the patient's record number and national id)");
  add_archive_options(candidates, *a);
  candidates->add_option("--patient", a->patient, "the patient's id")->required();
  candidates->add_option("--dicom-patient-id", a->dicom_patient_id, "the Patient ID to look for");
  candidates->callback([a] {
    auto store = open_store(a->db);
    auto archive = configured_archive(a->config);
    const auto found = service::Imaging(*store, Clock::system(), archive.get())
                           .candidates(service::Actor::cli_operator(), a->patient, a->dicom_patient_id);
    print_json(api::http::encode(api::contract::archive_candidates_out(found)));
  });

  auto* link = imaging->add_subcommand("link", "Links the patient to the archive's Patient ID (JSON)");
  add_archive_options(link, *a);
  link->add_option("--patient", a->patient, "the patient's id")->required();
  link->add_option("--dicom-patient-id", a->dicom_patient_id, "the archive's Patient ID")->required();
  link->callback([a] {
    auto store = open_store(a->db);
    auto archive = configured_archive(a->config);
    bool changed = false;
    const auto l = service::Imaging(*store, Clock::system(), archive.get())
                       .link(service::Actor::cli_operator(), a->patient, a->dicom_patient_id, &changed);
    print_json(api::http::encode(api::contract::archive_link_out(l, changed)));
  });

  auto* show = imaging->add_subcommand("show", "The episode's studies against its schedule, and its grades (JSON)");
  add_archive_options(show, *a);
  show->add_option("--episode", a->episode, "the episode's id")->required();
  show->callback([a] {
    auto store = open_store(a->db);
    auto archive = configured_archive(a->config);
    print_json(api::http::encode(
        api::contract::episode_imaging_out(service::Imaging(*store, Clock::system(), archive.get())
                                               .of_episode(service::Actor::cli_operator(), a->episode))));
  });

  auto* grade = imaging->add_subcommand(
      "grade", "Records the grades read on a study; the episode takes its baseline study's (JSON)");
  add_archive_options(grade, *a);
  grade->add_option("--episode", a->episode, "the episode's id")->required();
  grade->add_option("--study-uid", a->study_uid, "the study's Study Instance UID")->required();
  grade->add_option("--study-date", a->study_date, "the study's date, YYYY-MM-DD (when the archive cannot say it)");
  grade->add_option("--kl", a->kl, "Kellgren-Lawrence grade, 0-4");
  grade->add_option("--tonnis", a->tonnis, "Tönnis grade, 0-3");
  grade->add_option("--joint-space-mm", a->joint_space_mm, "minimal joint-space width, mm to a tenth (3.5)");
  grade->callback([a] {
    service::GradeRequest r;
    r.study_uid = a->study_uid;
    if (!a->study_date.empty()) r.study_date = parse_gregorian(a->study_date, "study_date");
    r.kl_grade = a->kl;
    r.tonnis_grade = a->tonnis;
    if (a->joint_space_mm) r.joint_space_tenths_mm = imaging::joint_space_tenths(*a->joint_space_mm);
    auto store = open_store(a->db);
    auto archive = configured_archive(a->config);
    const auto recorded = service::Imaging(*store, Clock::system(), archive.get())
                              .record_grade(service::Actor::cli_operator(), a->episode, r);
    print_json(api::http::encode(api::contract::grade_recorded_out(recorded)));
  });
}

}  // namespace rp::app
