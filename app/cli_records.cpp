// patient and episode sub-commands: the pathway from the command line, as the operator.
#include "api/answers_json.hpp"
#include "api/json_pathway.hpp"
#include "app/store_options.hpp"
#include "base/date_input.hpp"
#include "base/error.hpp"
#include "base/jalali.hpp"
#include "domain/centre_licence.hpp"
#include "domain/product/din.hpp"
#include "service/pathway.hpp"
#include "service/protocols.hpp"

namespace rp::app {
namespace {

std::optional<CivilDate> opt_date(const std::string& text, const std::string& field) {
  if (text.empty()) return std::nullopt;
  return parse_gregorian_input(text, field);
}

template <typename F>
void with_pathway(const std::string& db, F&& f) {
  auto s = open_store(db);
  service::Pathway pathway(*s, Clock::system());
  f(pathway, service::Actor::cli_operator());
}

nlohmann::json episode_record_json(const service::EpisodeRecord& r, const std::string& lang) {
  nlohmann::json j = api::to_json(r.episode);
  const auto protocol = service::load_protocol(r.episode.protocol_id);
  j["schedule"] = api::to_json(r.schedule, *protocol, lang, Clock::system().today());
  j["transitions"] = nlohmann::json::array();
  for (const auto& t : r.transitions) j["transitions"].push_back(api::to_json(t));
  j["eligibility"] = nlohmann::json::array();
  for (const auto& a : r.eligibility) {
    j["eligibility"].push_back({{"decision", a.decision},
                                {"findings", nlohmann::json::parse(a.findings_json)},
                                {"reasons", nlohmann::json::parse(a.reasons_json)},
                                {"by", a.actor},
                                {"at", a.at}});
  }
  return j;
}

void add_patient_add(CLI::App* patient, const std::shared_ptr<std::string>& db) {
  struct Opts {
    std::string centre, mrn, name_fa, name_latin, sex = "unknown", birth, birth_jalali, mobile, national_id,
                                                  language = "fa", email, preferred_channel = "sms";
    std::vector<std::string> consent;
  };
  auto o = std::make_shared<Opts>();
  auto* add = patient->add_subcommand("add", "Register a patient");
  add_db_option(add, *db);
  add->add_option("--centre", o->centre, "centre id")->required();
  add->add_option("--mrn", o->mrn, "medical record number, unique within the centre")->required();
  add->add_option("--name-fa", o->name_fa, "name in Persian script");
  add->add_option("--name-latin", o->name_latin, "name in Latin script");
  add->add_option("--sex", o->sex, "female, male, other or unknown");
  add->add_option("--birth-date", o->birth, "birth date, Gregorian YYYY-MM-DD");
  add->add_option("--birth-date-jalali", o->birth_jalali, "birth date, Jalali YYYY/MM/DD");
  add->add_option("--mobile", o->mobile, "mobile number (09…, +989…)");
  add->add_option("--national-id", o->national_id, "10-digit national id");
  add->add_option("--consent", o->consent, "treatment, registry, contact")->delimiter(',');
  add->add_option("--language", o->language, "fa or en: the language of the patient's messages (default fa)");
  add->add_option("--email", o->email, "e-mail address (name@example.ir)");
  add->add_option("--preferred-channel", o->preferred_channel,
                  "sms or email: how reminders and invitations go (default sms; email needs --email)");
  add->callback([o, db] {
    Patient p;
    p.centre_id = o->centre;
    p.mrn = o->mrn;
    p.name_fa = o->name_fa;
    p.name_latin = o->name_latin;
    p.sex = parse_sex(o->sex);
    p.language = parse_language(o->language);
    p.email = o->email;
    p.preferred_channel = parse_contact_channel(o->preferred_channel);
    if (o->birth.empty() == o->birth_jalali.empty()) {
      throw InputError("birth_date", "birth_date_exactly_one"_err);
    }
    p.birth_date = o->birth.empty() ? parse_jalali_input(o->birth_jalali, "birth_date", "--birth-date")
                                    : parse_gregorian_input(o->birth, "birth_date", "--birth-date-jalali");
    p.mobile = o->mobile;
    p.national_id = o->national_id;
    for (const auto& c : o->consent) {
      if (c == "treatment") {
        p.consent.treatment = true;
      } else if (c == "registry") {
        p.consent.registry = true;
      } else if (c == "contact") {
        p.consent.contact = true;
      } else {
        throw InputError("consent", "not_a_consent_kind"_err, {{"value", c}});
      }
    }
    with_pathway(
        *db, [&](service::Pathway& pw, const service::Actor& a) { print_json(api::to_json(pw.add_patient(a, p))); });
  });
}

std::optional<bool> yes_no(const std::string& text, const std::string& field) {
  if (text.empty()) return std::nullopt;
  if (text == "yes") return true;
  if (text == "no") return false;
  throw InputError(field, "not_yes_or_no"_err);
}

void add_patient_update(CLI::App* patient, const std::shared_ptr<std::string>& db) {
  struct Opts {
    std::int64_t id = 0;
    std::string mrn, name_fa, name_latin, sex, birth, birth_jalali, mobile, national_id, language, email,
        preferred_channel, reason;
    std::string treatment, registry, contact;
  };
  auto o = std::make_shared<Opts>();
  auto* update = patient->add_subcommand("update", "Correct a patient's details (only the options given change)");
  add_db_option(update, *db);
  update->add_option("ID", o->id, "patient id")->required();
  update->add_option("--reason", o->reason, "why the details change (kept in the audit row)")->required();
  update->add_option("--mrn", o->mrn, "medical record number");
  update->add_option("--name-fa", o->name_fa, "name in Persian script");
  update->add_option("--name-latin", o->name_latin, "name in Latin script");
  update->add_option("--sex", o->sex, "female, male, other or unknown");
  update->add_option("--birth-date", o->birth, "birth date, Gregorian YYYY-MM-DD");
  update->add_option("--birth-date-jalali", o->birth_jalali, "birth date, Jalali YYYY/MM/DD");
  update->add_option("--mobile", o->mobile, "mobile number (09…, +989…)");
  update->add_option("--national-id", o->national_id, "10-digit national id");
  update->add_option("--consent-treatment", o->treatment, "yes or no");
  update->add_option("--consent-registry", o->registry, "yes or no");
  update->add_option("--consent-contact", o->contact, "yes or no");
  update->add_option("--language", o->language, "fa or en: the language of the patient's messages");
  update->add_option("--email", o->email, "e-mail address; \"\" removes it");
  update->add_option("--preferred-channel", o->preferred_channel, "sms or email (email needs an address)");
  update->callback([o, db, update] {
    service::PatientChange c;
    c.reason = o->reason;
    const auto given = [update](const char* option) { return update->count(option) > 0; };
    if (given("--mrn")) c.mrn = o->mrn;
    if (given("--name-fa")) c.name_fa = o->name_fa;
    if (given("--name-latin")) c.name_latin = o->name_latin;
    if (given("--sex")) c.sex = parse_sex(o->sex);
    if (given("--birth-date") && given("--birth-date-jalali")) {
      throw InputError("birth_date", "birth_date_at_most_one"_err);
    }
    if (given("--birth-date")) c.birth_date = parse_gregorian_input(o->birth, "birth_date", "--birth-date-jalali");
    if (given("--birth-date-jalali")) c.birth_date = parse_jalali_input(o->birth_jalali, "birth_date", "--birth-date");
    if (given("--mobile")) c.mobile = o->mobile;
    if (given("--national-id")) c.national_id = o->national_id;
    if (given("--language")) c.language = parse_language(o->language);
    if (given("--email")) c.email = o->email;
    if (given("--preferred-channel")) c.preferred_channel = parse_contact_channel(o->preferred_channel);
    c.consent_treatment = yes_no(o->treatment, "consent.treatment");
    c.consent_registry = yes_no(o->registry, "consent.registry");
    c.consent_contact = yes_no(o->contact, "consent.contact");
    with_pathway(*db, [&](service::Pathway& pw, const service::Actor& a) {
      print_json(api::to_json(pw.update_patient(a, o->id, c)));
    });
  });
}

void add_patient_list_show(CLI::App* patient, const std::shared_ptr<std::string>& db) {
  struct Opts {
    std::string centre, search, state;
    int limit = 200;
    std::int64_t id = 0, after = 0;
  };
  auto o = std::make_shared<Opts>();
  auto* list = patient->add_subcommand("list", "Find patients (JSON array)");
  add_db_option(list, *db);
  list->add_option("--centre", o->centre, "only this centre");
  list->add_option("--search", o->search, "name (either script), record number, national id or mobile");
  list->add_option("--state", o->state, "with an episode in this state");
  list->add_option("--limit", o->limit, "at most this many, in id order");
  list->add_option("--after", o->after, "the next page: patients whose id is greater than this one")
      ->check(CLI::NonNegativeNumber);
  list->callback([o, db] {
    store::PatientQuery q;
    if (!o->centre.empty()) q.centre_id = o->centre;
    q.text = o->search;
    if (!o->state.empty()) q.episode_state = parse_episode_state(o->state);
    q.limit = o->limit;
    q.after = o->after;
    with_pathway(*db, [&](service::Pathway& pw, const service::Actor& a) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : pw.find_patients(a, q)) out.push_back(api::to_json(r.patient));
      print_json(out);
    });
  });
  auto* show = patient->add_subcommand("show", "One patient with their episodes");
  add_db_option(show, *db);
  show->add_option("ID", o->id, "patient id")->required();
  show->callback([o, db] {
    with_pathway(*db, [&](service::Pathway& pw, const service::Actor& a) {
      const auto r = pw.patient_record(a, o->id);
      nlohmann::json j = api::to_json(r.patient);
      j["episodes"] = nlohmann::json::array();
      for (const auto& e : r.episodes) j["episodes"].push_back(api::to_json(e));
      print_json(j);
    });
  });
}

// The directory fields `centre add` takes: nullopt when not given.
struct CentreDirectoryOptions {
  std::optional<std::string> address_en, address_fa, map_url, services, issuer, expires, expires_jalali;
};

void apply_directory_options(const CentreDirectoryOptions& d, Centre& c) {
  if (d.address_en) c.address_en = *d.address_en;
  if (d.address_fa) c.address_fa = *d.address_fa;
  if (d.map_url) c.map_url = *d.map_url;
  if (d.services) c.services = services_from_list(*d.services);
  if (d.issuer) c.licence_issuer = *d.issuer;
  const bool cleared = d.expires && d.expires->empty() && !d.expires_jalali;
  if (cleared) {
    c.licence_expires.reset();
  } else if (auto day = date_from_twins(d.expires, d.expires_jalali, "licence_expires")) {
    c.licence_expires = day;
  }
}

}  // namespace

void add_centre_commands(CLI::App& app) {
  auto* centre = app.add_subcommand("centre", "Treatment centres and their licence status");
  centre->require_subcommand(1);
  auto db = std::make_shared<std::string>(kDefaultDb);
  auto c = std::make_shared<Centre>();
  auto* add = centre->add_subcommand("add", "Add or update a centre");
  add_db_option(add, *db);
  add->add_option("--id", c->id, "short id, e.g. tehran-shariati")->required();
  add->add_option("--name-en", c->name_en, "name in English")->required();
  add->add_option("--name-fa", c->name_fa, "name in Persian")->required();
  add->add_option("--city-en", c->city_en, "city in English");
  add->add_option("--city-fa", c->city_fa, "city in Persian");
  add->add_option("--licence-status", c->licence_status, "licensed, pending, suspended or unknown")
      ->check(CLI::IsMember({"licensed", "pending", "suspended", "unknown"}));
  add->add_option("--licence-number", c->licence_number, "licence number");
  add->add_option("--phone", c->phone, "contact phone");
  auto* facility = add->add_option("--facility-code", c->facility_code,
                                   "the ISBT 128 facility identification number that begins the centre's DINs "
                                   "(5 letters or digits); not given: it stays as it was, \"\": unset");
  auto* on_call = add->add_option("--on-call-mobile", c->on_call_mobile,
                                  "the on-call clinician's mobile: a patient's red flag goes to it by SMS at any "
                                  "hour; not given: it stays as it was, \"\": none");
  // The public directory's fields: each not given stays as it was.
  auto d = std::make_shared<CentreDirectoryOptions>();
  add->add_option("--address-en", d->address_en, "street address in English");
  add->add_option("--address-fa", d->address_fa, "street address in Persian");
  add->add_option("--map-url", d->map_url, "an https link to the centre on a map; \"\": none");
  add->add_option("--services", d->services,
                  "comma-separated, of bone_marrow, adipose, expansion_lab, ultrasound, fluoroscopy; \"\": none");
  add->add_option("--licence-issuer", d->issuer, "who issued the licence");
  add->add_option("--licence-expires", d->expires, "the licence's last valid day, Gregorian YYYY-MM-DD; \"\": unknown");
  add->add_option("--licence-expires-jalali", d->expires_jalali, "the same day in the Jalali calendar, YYYY/MM/DD");
  add->callback([c, db, facility, on_call, d] {
    with_pathway(*db, [&](service::Pathway& pw, const service::Actor& a) {
      for (const auto& now : pw.centres()) {
        if (now.id != c->id) continue;
        if (facility->count() == 0) c->facility_code = now.facility_code;
        if (on_call->count() == 0) c->on_call_mobile = now.on_call_mobile;
        c->address_en = now.address_en;
        c->address_fa = now.address_fa;
        c->map_url = now.map_url;
        c->services = now.services;
        c->licence_issuer = now.licence_issuer;
        c->licence_expires = now.licence_expires;
      }
      apply_directory_options(*d, *c);
      pw.upsert_centre(a, *c);
      for (const auto& now : pw.centres())
        if (now.id == c->id) print_json(api::to_json(now));
    });
  });
  auto* list = centre->add_subcommand("list", "Every centre");
  add_db_option(list, *db);
  list->callback([db] {
    with_pathway(*db, [&](service::Pathway& pw, const service::Actor&) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& c : pw.centres()) out.push_back(api::to_json(c));
      print_json(out);
    });
  });
}

void add_patient_commands(CLI::App& app) {
  add_centre_commands(app);
  auto* patient = app.add_subcommand("patient", "Register and find patients");
  patient->require_subcommand(1);
  auto db = std::make_shared<std::string>(kDefaultDb);
  add_patient_add(patient, db);
  add_patient_list_show(patient, db);
  add_patient_update(patient, db);
  add_patient_wristband_command(patient);
}

void add_episode_commands(CLI::App& app) {
  auto* episode = app.add_subcommand("episode", "Treatment episodes: one course of treatment of one joint");
  episode->require_subcommand(1);
  struct Opts {
    std::string db = kDefaultDb, side, diagnosis, system = "icd-10-cm", protocol = "hip-msc-v1", cell_source, guidance,
                to, reason, on, harvest, injection, lang = "en", findings = "-", item, status = "done", injected_by;
    std::optional<int> kl, tonnis;
    std::optional<std::int64_t> bilateral_with, repeat_of;
    std::int64_t patient = 0, id = 0;
  };
  auto o = std::make_shared<Opts>();
  auto episode_details = [o](CLI::App* cmd) {
    cmd->add_option("--kl", o->kl, "Kellgren–Lawrence grade 0–4");
    cmd->add_option("--tonnis", o->tonnis, "Tönnis grade 0–3");
    cmd->add_option("--cell-source", o->cell_source, "bone_marrow or adipose");
    cmd->add_option("--guidance", o->guidance, "ultrasound or fluoroscopy");
    cmd->add_option("--injected-by", o->injected_by,
                    "USERNAME of the surgeon who performed the injection (an active account of the centre)");
  };

  auto* add = episode->add_subcommand("add", "Open an episode for one joint (state: referred)");
  add_db_option(add, o->db);
  add->add_option("--patient", o->patient, "patient id")->required();
  add->add_option("--side", o->side, "left or right")->required();
  add->add_option("--diagnosis", o->diagnosis, "ICD-10 code, e.g. M16.11")->required();
  add->add_option("--diagnosis-system", o->system, "icd-10-cm (default) or icd-10 (WHO)");
  add->add_option("--protocol", o->protocol, "protocol name")->capture_default_str();
  add->add_option("--bilateral-with", o->bilateral_with, "the other hip's episode of a bilateral course");
  add->add_option("--repeat-of", o->repeat_of, "the earlier episode this one repeats");
  episode_details(add);
  add->callback([o] {
    Episode e;
    e.patient_id = o->patient;
    e.side = parse_side(o->side);
    if (o->system != "icd-10-cm" && o->system != "icd-10")
      throw InputError("diagnosis_system", "unknown_code_system"_err);
    e.diagnosis = {std::string(o->system == "icd-10" ? kIcd10Who : kIcd10Cm), o->diagnosis};
    e.protocol_id = o->protocol;
    e.kl_grade = o->kl;
    e.tonnis_grade = o->tonnis;
    if (!o->cell_source.empty()) e.cell_source = parse_cell_source(o->cell_source);
    if (!o->guidance.empty()) e.guidance = parse_guidance(o->guidance);
    if (!o->injected_by.empty()) e.injected_by = o->injected_by;
    e.bilateral_with = o->bilateral_with;
    e.repeat_of = o->repeat_of;
    with_pathway(
        o->db, [&](service::Pathway& pw, const service::Actor& a) { print_json(api::to_json(pw.add_episode(a, e))); });
  });

  auto* update = episode->add_subcommand("update", "Record grades, cell source, guidance or who injected");
  add_db_option(update, o->db);
  update->add_option("ID", o->id, "episode id")->required();
  episode_details(update);
  update->add_option("--reason", o->reason,
                     "why, when correcting the cell source, guidance or operator after the injection");
  update->callback([o] {
    service::Pathway::Details d{o->kl, o->tonnis, std::nullopt, std::nullopt, o->reason};
    if (!o->cell_source.empty()) d.cell_source = parse_cell_source(o->cell_source);
    if (!o->guidance.empty()) d.guidance = parse_guidance(o->guidance);
    if (!o->injected_by.empty()) d.injected_by = o->injected_by;
    with_pathway(o->db, [&](service::Pathway& pw, const service::Actor& a) {
      print_json(api::to_json(pw.update_details(a, o->id, d)));
    });
  });

  auto* advance = episode->add_subcommand("advance", "Move an episode to its next state");
  add_db_option(advance, o->db);
  advance->add_option("ID", o->id, "episode id")->required();
  advance->add_option("--to", o->to, "target state")->required();
  advance->add_option("--reason", o->reason, "why (required for exits)");
  advance->add_option("--on", o->on, "the day it happened (harvest, injection), default today");
  advance->callback([o] {
    const service::TransitionRequest req{parse_episode_state(o->to, "to"), o->reason, opt_date(o->on, "on")};
    with_pathway(o->db, [&](service::Pathway& pw, const service::Actor& a) {
      print_json(api::to_json(pw.advance(a, o->id, req)));
    });
  });

  auto* plan = episode->add_subcommand("plan", "Set or move the harvest and injection dates");
  add_db_option(plan, o->db);
  plan->add_option("ID", o->id, "episode id")->required();
  plan->add_option("--harvest", o->harvest, "planned harvest date");
  plan->add_option("--injection", o->injection, "planned injection date");
  plan->add_option("--reason", o->reason, "why, for a date before today");
  plan->add_option("--lang", o->lang, "en or fa")->check(CLI::IsMember({"en", "fa"}));
  plan->callback([o] {
    with_pathway(o->db, [&](service::Pathway& pw, const service::Actor& a) {
      print_json(episode_record_json(
          pw.plan(a, o->id, opt_date(o->harvest, "harvest"), opt_date(o->injection, "injection"), o->reason), o->lang));
    });
  });

  auto* assess = episode->add_subcommand("assess", "Record findings and decide eligibility");
  add_db_option(assess, o->db);
  assess->add_option("ID", o->id, "episode id")->required();
  assess->add_option("FINDINGS", o->findings, "JSON file of findings, or - for stdin");
  assess->add_option("--lang", o->lang, "en or fa")->check(CLI::IsMember({"en", "fa"}));
  assess->callback([o] {
    const auto findings = read_json(o->findings, "findings");
    with_pathway(o->db, [&](service::Pathway& pw, const service::Actor& a) {
      print_json(api::to_json(pw.assess_eligibility(a, o->id, api::recorded_findings(findings)), o->lang));
    });
  });

  auto* mark = episode->add_subcommand("mark", "Mark a schedule item done, missed, cancelled or planned");
  add_db_option(mark, o->db);
  mark->add_option("ID", o->id, "episode id")->required();
  mark->add_option("ITEM", o->item, "item id, e.g. visit-2w")->required();
  mark->add_option("--status", o->status, "done, missed, cancelled or planned");
  mark->add_option("--on", o->on, "the day it was done, default today");
  mark->callback([o] {
    with_pathway(o->db, [&](service::Pathway& pw, const service::Actor& a) {
      const auto item = pw.mark_item(a, o->id, o->item, parse_item_status(o->status), opt_date(o->on, "on"));
      const auto rec = pw.episode_record(a, o->id);
      print_json(
          api::to_json(item, *service::load_protocol(rec.episode.protocol_id), o->lang, Clock::system().today()));
    });
  });

  auto* show = episode->add_subcommand("show", "One episode with its schedule, transitions and eligibility");
  add_db_option(show, o->db);
  show->add_option("ID", o->id, "episode id")->required();
  show->add_option("--lang", o->lang, "en or fa")->check(CLI::IsMember({"en", "fa"}));
  show->callback([o] {
    with_pathway(o->db, [&](service::Pathway& pw, const service::Actor& a) {
      print_json(episode_record_json(pw.episode_record(a, o->id), o->lang));
    });
  });
}

}  // namespace rp::app
