#include "demo/demo.hpp"
#include "demo/history.hpp"
#include "service/evidence.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <random>

#include "base/error.hpp"
#include "base/jalali.hpp"
#include "channels/log_channel.hpp"
#include "domain/messaging/quiet_hours.hpp"
#include "service/accounts.hpp"
#include "service/audit_entry.hpp"
#include "service/messaging/scheduler.hpp"
#include "service/price_lists.hpp"
#include "service/protocols.hpp"

namespace rp::demo {
using namespace rp::service;

namespace {

const std::vector<Centre>& demo_centres() {
  static const std::vector<Centre> centres{
      {"tehran-1", "Tehran Cell Therapy Centre", "مرکز سلول‌درمانی تهران", "Tehran", "تهران",
       "licensed", "TH-1402-117", "+982100000001"},
      {"mashhad-1", "Mashhad Orthopaedic Centre", "مرکز ارتوپدی مشهد", "Mashhad", "مشهد", "licensed", "MS-1401-052",
       "+985100000002"},
      {"shiraz-1", "Shiraz Regenerative Clinic", "درمانگاه طب بازساختی شیراز", "Shiraz", "شیراز", "pending", "",
       "+987100000003"},
  };
  return centres;
}

// What the public directory shows of a demo centre: an invented address, a map link,
// its services, and a licence issuer and last valid day (Mashhad's runs out in three
// months, just after the demo's last booking, 81 days ahead; Shiraz's is still pending).
Centre with_directory_facts(Centre c, const CivilDate& today) {
  if (c.id == "tehran-1") {
    c.address_en = "12 Kargar Street, Tehran";
    c.address_fa = "تهران، خیابان کارگر، پلاک ۱۲";
    c.map_url = "https://www.openstreetmap.org/?mlat=35.7040&mlon=51.3890#map=16/35.7040/51.3890";
    c.services = {"bone_marrow", "adipose", "expansion_lab", "ultrasound", "fluoroscopy"};
    c.licence_issuer = "Ministry of Health and Medical Education";
    c.licence_expires = today.plus_days(300);
  } else if (c.id == "mashhad-1") {
    c.address_en = "40 Ahmadabad Boulevard, Mashhad";
    c.address_fa = "مشهد، بلوار احمدآباد، پلاک ۴۰";
    c.map_url = "https://www.openstreetmap.org/?mlat=36.3040&mlon=59.5770#map=16/36.3040/59.5770";
    c.services = {"bone_marrow", "ultrasound"};
    c.licence_issuer = "Ministry of Health and Medical Education";
    c.licence_expires = today.plus_days(90);
  } else {
    c.address_en = "7 Zand Street, Shiraz";
    c.address_fa = "شیراز، خیابان زند، پلاک ۷";
    c.services = {"adipose", "ultrasound"};
  }
  return c;
}

RecordedFindings findings(bool eligible, std::mt19937& rng) {
  std::uniform_int_distribution<int> kl(2, 3), bmi(21, 33);
  return demo_hip_findings(eligible ? kl(rng) : 4, bmi(rng));
}

// Answers for each questionnaire the schedule shows as done (up to a conversion), one
// adverse event for some patients, written as staff would enter them.
void add_outcome_data(store::Store& store, const Clock& clock, const Actor& op, const Protocol& protocol,
                      const EpisodeRecord& record, const CivilDate& injection, int index) {
  std::mt19937 rng(static_cast<unsigned>(7919 * index + 17));  // per patient, so the main sequence is untouched
  const Course c = course_of(rng);
  const Episode& e = record.episode;
  std::optional<CivilDate> converted;
  for (const Transition& t : record.transitions)
    if (t.to == EpisodeState::converted_to_thr) converted = t.on;
  std::bernoulli_distribution unanswered(0.08);
  store.write([&](store::Transaction& tx) {
    for (const ScheduledItem& item : record.schedule) {
      if (item.kind != "questionnaire" || item.status != ItemStatus::done || !item.done_on) continue;
      if ((converted && *item.done_on > *converted) || unanswered(rng)) continue;
      const ProtocolItem* def = protocol.find_item(item.id);
      if (def == nullptr) continue;
      for (const std::string& key : def->instruments) {
        auto r = demo_response(key, c, item, injection, e.centre_id, op.user, rng);
        if (!r) continue;
        r->episode_id = e.id;
        r->id = tx.insert_questionnaire_response(*r);
        tx.append_audit(audit_entry(clock, op, e.centre_id, "questionnaire.submit", "episode", std::to_string(e.id),
                                    key + " " + item.id));
      }
    }
    if (index % 6 != 1) return;
    const DemoEvent& ev = kDemoEvents[static_cast<std::size_t>(index / 6) % kDemoEvents.size()];
    store::AdverseEventRow a;
    a.episode_id = e.id;
    a.centre_id = e.centre_id;
    a.kind = "adverse_event";
    a.category = ev.category;
    a.severity = ev.severity;
    a.description = ev.description;
    a.onset_date = injection.plus_days(2 + index % 5).iso();
    a.reported_by = op.user;
    a.role = to_string(op.role);
    a.reported_at = clock.now_iso();
    a.status = "resolved";
    a.assessment.ctcae_grade = ev.grade;
    if (ev.hospitalised) a.assessment.serious = {SeriousReason::hospitalisation};
    a.assessment.relatedness = ev.related;
    a.assessment.outcome = EventOutcome::resolved;
    validate_assessment(a.assessment);
    a.serious = a.assessment.is_serious();
    a.assessed_by = op.user;
    a.assessed_at = a.reported_at;
    a.id = tx.insert_adverse_event(a);
    tx.append_audit(audit_entry(clock, op, e.centre_id, "adverse_event.record", "episode", std::to_string(e.id),
                                std::string(ev.category)));
  });
}

}  // namespace

RecordedFindings demo_hip_findings(int kl_grade, int bmi) {
  return {{"kl_grade", kl_grade},
          {"active_infection", false},
          {"malignancy", false},
          {"bleeding_disorder", false},
          {"pregnancy", false},
          {"inflammatory_arthritis", false},
          {"weeks_since_intra_articular_steroid", 26},
          {"anticoagulant_use", false},
          {"diabetes", false},
          {"bmi", bmi}};
}

std::string demo_surgeon(const std::string& centre_id) { return "surgeon." + centre_id; }

// Each centre's price list for last year and this (Jalali), within the seed's 12 to 20
// million tomans for a whole treatment, a little dearer in Tehran; written as a centre's
// admin would, so the estimate screens have prices to show.
void add_demo_price_lists(store::Store& store, const Clock& clock, const CivilDate& today) {
  using cost::PriceItem;
  const int year = to_jalali(today).y;
  const std::vector<std::pair<PriceItem, std::int64_t>> tomans = {
      {PriceItem::consultation, 1'500'000},         {PriceItem::tests, 2'500'000},
      {PriceItem::harvest_bone_marrow, 3'500'000},  {PriceItem::harvest_adipose, 4'000'000},
      {PriceItem::processing, 4'000'000},           {PriceItem::processing_expansion, 8'000'000},
      {PriceItem::injection_ultrasound, 2'000'000}, {PriceItem::injection_fluoroscopy, 2'500'000}};
  PriceLists lists(store, clock);
  for (const Centre& c : demo_centres()) {
    const int percent = c.id == "tehran-1" ? 110 : c.id == "shiraz-1" ? 90 : 100;
    cost::PriceList l;
    l.centre_id = c.id;
    l.from_year = year - 1;
    l.to_year = year;
    l.note = "demo prices";
    // Rounded to 100,000 tomans, as a clinic prices.
    for (const auto& [item, t] : tomans)
      l.lines.push_back({item, Money::tomans(t * percent / 100 / 100'000 * 100'000)});
    lists.save(Actor::cli_operator(), l);
  }
}

DemoSummary build_demo(store::Store& store, const CivilDate& today, int patient_count, const std::string& portal_link) {
  std::mt19937 rng(20261124);
  // Timestamps are the clinic's noon of `today`, so the demo is the same on every run.
  const Clock clock = clock_on(today);
  Pathway pathway(store, clock);
  const Actor op = Actor::cli_operator();
  DemoSummary summary;
  for (const Centre& c : demo_centres()) pathway.upsert_centre(op, with_directory_facts(c, today));
  // Each centre's surgeon, recorded as the one who injected its patients (injected_by must
  // name an account of the centre). Serving the demo gives the account a password to show.
  Accounts accounts(store, clock);
  for (const Centre& c : demo_centres()) accounts.create(op, demo_surgeon(c.id), "surgeon", c.id, random_password());
  summary.centres = static_cast<int>(demo_centres().size());
  add_demo_price_lists(store, clock, today);
  std::vector<std::string> centre_ids;
  for (const Centre& c : demo_centres()) centre_ids.push_back(c.id);
  add_demo_pages(store, clock, centre_ids);
  // The published evidence the installation ships, beside the claims.
  service::Evidence(store, clock).import(op, service::starting_evidence());

  const auto& states = all_episode_states();
  const auto protocol = load_protocol("hip-msc-v1");
  std::uniform_int_distribution<int> pick_name(0, 11), pick_family(0, 15), age(45, 75), day_of_year(0, 364);
  for (int i = 0; i < patient_count; ++i) {
    const bool female = i % 2 == 0;
    const Name& first = female ? kFemale[pick_name(rng)] : kMale[pick_name(rng)];
    const Name& family = kFamily[pick_family(rng)];
    Patient p;
    p.centre_id = demo_centres()[i % demo_centres().size()].id;
    p.mrn = "MRN-" + std::to_string(1000 + i);
    p.name_fa = std::string(first.fa) + " " + family.fa;
    p.name_latin = std::string(first.latin) + " " + family.latin;
    p.sex = female ? Sex::female : Sex::male;
    p.birth_date = CivilDate::from_ymd(today.year() - age(rng), 1, 1).plus_days(day_of_year(rng));
    p.mobile = "+98912" + std::to_string(1000000 + i * 7919 % 9000000);
    p.national_id = national_id(rng);
    p.consent = {true, i % 7 != 0, i % 5 != 0};
    // Some give an e-mail address, and half of those would rather be written to there.
    if (i % 4 == 1) {
      p.email = std::string(first.latin) + "." + family.latin + "." + std::to_string(i) + "@example.com";
      std::transform(p.email.begin(), p.email.end(), p.email.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (i % 8 == 1) p.preferred_channel = ContactChannel::email;
    }
    // When this episode's steps happen (see day_of_step): harvests over three years ago
    // for completed episodes, up to three years ago for the others past injection, in the last days for products
    // awaiting release or injection, in the coming weeks for the others.
    const EpisodeState target = states[i % states.size()];
    const std::vector<EpisodeState> path = path_to(target);
    const auto passes = [&path](EpisodeState s) { return std::find(path.begin(), path.end(), s) != path.end(); };
    const bool injected = passes(EpisodeState::injected);
    const bool awaiting_injection = passes(EpisodeState::harvested) && !injected;
    std::uniform_int_distribution<int> days_ago(40, 1000), days_ahead(5, 60), days_since_harvest(1, 6);
    std::uniform_int_distribution<int> over_three_years(1100, 1300);
    const CivilDate harvest = target == EpisodeState::completed ? today.plus_days(-over_three_years(rng))
                              : injected                        ? today.plus_days(-days_ago(rng))
                              : awaiting_injection              ? today.plus_days(-days_since_harvest(rng))
                                                                : today.plus_days(days_ahead(rng));
    // Some products are expanded in the laboratory for three weeks first.
    const CivilDate injection = harvest.plus_days(i % 5 == 0 || awaiting_injection ? 21 : 0);
    const CivilDate referral = std::min(today, harvest.plus_days(-56));
    const auto on = [&](const CivilDate& day) { return Pathway(store, clock_on(day)); };

    p = on(referral).add_patient(op, p);
    Episode e;
    e.patient_id = p.id;
    e.protocol_id = "hip-msc-v1";
    e.side = i % 3 == 0 ? Side::left : Side::right;
    e.diagnosis = {std::string(kIcd10Cm), e.side == Side::left ? "M16.12" : "M16.11"};
    e.tonnis_grade = 1 + i % 2;
    e.cell_source = i % 4 == 0 ? CellSource::adipose : CellSource::bone_marrow;
    e.guidance = i % 3 == 0 ? Guidance::fluoroscopy : Guidance::ultrasound;
    if (injected) e.injected_by = demo_surgeon(p.centre_id);
    e = on(referral).add_episode(op, e);

    for (EpisodeState s : path) {
      CivilDate day = day_of_step(s, referral, harvest, injection, injected, today);
      TransitionRequest req{s, "", day};
      if (s == EpisodeState::ineligible) req.reason = "severe osteoarthritis on X-ray";
      if (s == EpisodeState::withdrawn) req.reason = "patient chose not to proceed";
      const auto since = today.days_since_epoch() - injection.days_since_epoch();
      if (s == EpisodeState::lost_to_follow_up) {
        // Lost some months after the injection: the schedule after that day stays undone.
        req.reason = "no answer to three calls";
        req.on = injection.plus_days(std::max<std::int64_t>(1, since * (40 + i % 50) / 100));
      }
      if (s == EpisodeState::converted_to_thr) {
        req.reason = "total hip replacement after persistent pain";
        req.on = injection.plus_days(std::max<std::int64_t>(1, since * (30 + i % 60) / 100));
      }
      day = *req.on;
      Pathway at = on(day);
      if (s == EpisodeState::eligible || s == EpisodeState::ineligible) {
        at.assess_eligibility(op, e.id, findings(target != EpisodeState::ineligible, rng));
      }
      if (s == EpisodeState::scheduled) at.plan(op, e.id, harvest, injection);
      if (s == EpisodeState::harvested || s == EpisodeState::product_released || s == EpisodeState::injected) {
        // The product's own steps, days apart here (an expanded product waits three weeks):
        // the episode is moved as its product was, and add_demo_products builds that product
        // with its custody chain, as migration 0021 does for a clinic's earlier courses.
        store.write([&](store::Transaction& tx) { at.advance_in(tx, op, e.id, req); });
      } else {
        at.advance(op, e.id, req);
      }
    }
    // Items whose window has passed were mostly done; a few were missed. Nothing is done
    // after the episode ended (lost to follow-up, converted to hip replacement).
    if (injected) {
      const auto record = pathway.episode_record(op, e.id);
      const CivilDate until = record.transitions.empty() ? today : std::min(today, record.transitions.back().on);
      int n = 0;
      for (const auto& item : record.schedule) {
        if (item.status != ItemStatus::planned || item.window_end >= until) continue;
        if (item.kind != "visit" && item.kind != "imaging" && item.kind != "questionnaire" && item.kind != "order")
          continue;
        const bool missed = (++n + i) % 9 == 0;
        pathway.mark_item(op, e.id, item.id, missed ? ItemStatus::missed : ItemStatus::done,
                          missed ? std::nullopt : std::optional<CivilDate>(item.start));
      }
      const auto done = pathway.episode_record(op, e.id);
      add_outcome_data(store, clock, op, *protocol, done, injection, i);
      add_demo_rating(store, clock, done, i);
      add_demo_payments(store, today, done, i);
    }
    ++summary.episodes_by_state[std::string(to_string(target))];
    ++summary.patients;
  }
  add_demo_extras(store, today, summary);
  add_demo_products(store, today);
  // After the histories: a published treatment consent asks for a signature before a harvest.
  add_demo_consents(store, clock, centre_ids);
  // The outbox as the scheduler leaves it early on `today`: every message still to come
  // planned, none sent (the server's passes send them, to its log).
  channels::LogChannel log;
  rp::service::messaging::SchedulerSettings settings;
  settings.portal_link = portal_link;
  rp::service::messaging::Scheduler(store, log, settings).plan(rp::messaging::local_instant(today, 7 * 60, {}));
  return summary;
}

}  // namespace rp::demo
