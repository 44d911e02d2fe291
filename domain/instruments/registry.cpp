#include "domain/instruments/registry.hpp"

#include <array>
#include <stdexcept>

#include "domain/instruments/harris_hip.hpp"
#include "domain/instruments/hoos.hpp"
#include "domain/instruments/hoos_jr.hpp"
#include "domain/instruments/oxford_hip.hpp"
#include "domain/instruments/single_items.hpp"
#include "domain/instruments/womac_from_hoos.hpp"

namespace rp::instruments {
namespace {

// LOINC codes only where two sources agree (clinical-facts §10.4).
constexpr std::array<ScoreDef, 3> kNrsScores{{{"pain", "72514-3"}, {"pain_rest", ""}, {"pain_activity", ""}}};
constexpr std::array<ScoreDef, 1> kGlobalScores{{{"global", ""}}};
constexpr std::array<ScoreDef, 2> kReturnScores{{{"returned", ""}, {"date", ""}}};
constexpr std::array<ScoreDef, 1> kSatisfactionScores{{{"satisfaction", ""}}};
constexpr std::array<ScoreDef, 5> kHoosScores{
    {{"symptoms", "72096-1"}, {"pain", "72097-9"}, {"adl", "72095-3"}, {"sport", "72094-6"}, {"qol", "72093-8"}}};
constexpr std::array<ScoreDef, 2> kHoosJrScores{{{"raw", ""}, {"interval", "82323-7"}}};
constexpr std::array<ScoreDef, 4> kWomacScores{{{"pain", ""}, {"stiffness", ""}, {"function", ""}, {"total", ""}}};
constexpr std::array<ScoreDef, 1> kOxfordScores{{{"total", ""}}};
constexpr std::array<ScoreDef, 4> kHarrisScores{
    {{"total", ""}, {"rom_points", ""}, {"deformity_points", ""}, {"band", ""}}};

constexpr std::array<InstrumentDef, 9> kInstruments{{
    {InstrumentId::nrs, "nrs", "Hip pain numeric rating scale (0–10, last week)", "nrs.json", false, kNrsItemIds,
     kNrsScores},
    {InstrumentId::patient_global, "patient-global", "Patient global assessment (0–100)", "patient-global.json", false,
     kPatientGlobalItemIds, kGlobalScores},
    {InstrumentId::return_to_activity, "return-to-activity", "Return to usual daily activities",
     "return-to-activity.json", false, kReturnToActivityItemIds, kReturnScores},
    {InstrumentId::satisfaction, "satisfaction", "Satisfaction with treatment (1–5)", "satisfaction.json", false,
     kSatisfactionItemIds, kSatisfactionScores},
    {InstrumentId::hoos, "hoos", "HOOS 2.0", "hoos.json", false, kHoosItemIds, kHoosScores},
    {InstrumentId::hoos_jr, "hoos-jr", "HOOS JR", "hoos-jr.json", false, kHoosItemIds, kHoosJrScores},
    {InstrumentId::womac_from_hoos, "womac-from-hoos", kWomacFromHoosLabel, "", false, kHoosItemIds, kWomacScores},
    {InstrumentId::oxford_hip, "oxford-hip", "Oxford Hip Score (0–48, 48 = best)", "oxford-hip.json", false,
     kOxfordHipItemIds, kOxfordScores},
    {InstrumentId::harris_hip, "harris-hip", "Harris Hip Score (clinician)", "harris-hip.json", true, kHarrisItemIds,
     kHarrisScores},
}};

template <typename T>
ScoreValue nullable(const std::optional<T>& v) {
  if (!v) return std::monostate{};
  if constexpr (std::is_integral_v<T>) {
    return static_cast<std::int64_t>(*v);
  } else {
    return *v;
  }
}

Scores score_hoos_family(InstrumentId id, const Answers& answers) {
  const HoosResponses r = hoos_responses(answers, instrument_key(id));
  Scores out{id, {}};
  if (id == InstrumentId::hoos) {
    const HoosScores s = score_hoos(r);
    out.add("symptoms", nullable(s.symptoms));
    out.add("pain", nullable(s.pain));
    out.add("adl", nullable(s.adl));
    out.add("sport", nullable(s.sport));
    out.add("qol", nullable(s.qol));
  } else if (id == InstrumentId::hoos_jr) {
    const auto s = score_hoos_jr(r);
    out.add("raw", s ? ScoreValue(std::int64_t{s->raw}) : ScoreValue{});
    out.add("interval", s ? ScoreValue(s->interval) : ScoreValue{});
  } else {
    const WomacScores s = score_womac_from_hoos(r);
    out.add("pain", nullable(s.pain));
    out.add("stiffness", nullable(s.stiffness));
    out.add("function", nullable(s.function));
    out.add("total", nullable(s.total));
  }
  return out;
}

}  // namespace

std::span<const InstrumentDef> all_instruments() { return kInstruments; }

const InstrumentDef& instrument(InstrumentId id) {
  for (const auto& def : kInstruments) {
    if (def.id == id) return def;
  }
  throw std::logic_error("instrument missing from the registry");
}

Scores score(InstrumentId id, const Answers& answers) {
  Scores out{id, {}};
  switch (id) {
    case InstrumentId::hoos:
    case InstrumentId::hoos_jr:
    case InstrumentId::womac_from_hoos:
      return score_hoos_family(id, answers);
    case InstrumentId::nrs: {
      const NrsScores s = score_nrs(answers);
      out.add("pain", nullable(s.pain));
      out.add("pain_rest", nullable(s.pain_rest));
      out.add("pain_activity", nullable(s.pain_activity));
      return out;
    }
    case InstrumentId::patient_global:
      out.add("global", nullable(score_patient_global(answers)));
      return out;
    case InstrumentId::return_to_activity: {
      const ReturnToActivity r = score_return_to_activity(answers);
      out.add("returned", r.returned ? ScoreValue(*r.returned) : ScoreValue{});
      out.add("date", r.date ? ScoreValue(r.date->iso()) : ScoreValue{});
      return out;
    }
    case InstrumentId::satisfaction:
      out.add("satisfaction", nullable(score_satisfaction(answers)));
      return out;
    case InstrumentId::oxford_hip:
      out.add("total", nullable(score_oxford_hip(oxford_hip_responses(answers))));
      return out;
    case InstrumentId::harris_hip: {
      const HarrisScore s = score_harris_hip(harris_answers(answers));
      out.add("total", s.total);
      out.add("rom_points", s.rom_points);
      out.add("deformity_points", std::int64_t{s.deformity_points});
      out.add("band", std::string(harris_band_name(s.band)));
      return out;
    }
  }
  throw std::logic_error("unhandled instrument");
}

}  // namespace rp::instruments
