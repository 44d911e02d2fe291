#pragma once
// The domain's enums as the API names them: each is one components/schemas entry with
// its values, parsed with the domain's own parse_* (and its error message).
#include <string_view>
#include <vector>

#include "api/http/contract.hpp"
#include "domain/adverse_event.hpp"
#include "domain/eligibility.hpp"
#include "domain/episode.hpp"
#include "domain/patient.hpp"
#include "domain/schedule.hpp"

namespace rp::api::http {

// An enum with a domain parse function.
template <class E, const char* Name, E (*Parse)(std::string_view, std::string_view)>
struct ParsedEnum {
  static constexpr const char* kSchema = Name;
  static std::string_view name(E e) { return to_string(e); }
  static E parse(std::string_view text, std::string_view field) { return Parse(text, field); }
};

// An enum the API only writes: reading one is refused.
template <class E, const char* Name>
struct WrittenEnum {
  static constexpr const char* kSchema = Name;
  static std::string_view name(E e) { return to_string(e); }
  static E parse(std::string_view, std::string_view field) {
    throw InputError(std::string(field), "not_accepted_in_request"_err);
  }
};

namespace enum_names {
inline constexpr char kEpisodeState[] = "EpisodeState";
inline constexpr char kSide[] = "Side";
inline constexpr char kSex[] = "Sex";
inline constexpr char kLanguage[] = "Language";
inline constexpr char kContactChannel[] = "ContactChannel";
inline constexpr char kCellSource[] = "CellSource";
inline constexpr char kGuidance[] = "Guidance";
inline constexpr char kItemStatus[] = "ItemStatus";
inline constexpr char kTimelineState[] = "TimelineState";
inline constexpr char kSeriousReason[] = "SeriousReason";
inline constexpr char kRelatedness[] = "Relatedness";
inline constexpr char kEventOutcome[] = "EventOutcome";
inline constexpr char kDecision[] = "EligibilityDecision";
}  // namespace enum_names

template <>
struct EnumNames<EpisodeState> : ParsedEnum<EpisodeState, enum_names::kEpisodeState, parse_episode_state> {
  static std::vector<EpisodeState> values() { return all_episode_states(); }
};
template <>
struct EnumNames<Side> : ParsedEnum<Side, enum_names::kSide, parse_side> {
  static std::vector<Side> values() { return {Side::left, Side::right}; }
};
template <>
struct EnumNames<Sex> : ParsedEnum<Sex, enum_names::kSex, parse_sex> {
  static std::vector<Sex> values() { return {Sex::female, Sex::male, Sex::other, Sex::unknown}; }
};
template <>
struct EnumNames<Language> : ParsedEnum<Language, enum_names::kLanguage, parse_language> {
  static std::vector<Language> values() { return {Language::fa, Language::en}; }
};
template <>
struct EnumNames<ContactChannel> : ParsedEnum<ContactChannel, enum_names::kContactChannel, parse_contact_channel> {
  static std::vector<ContactChannel> values() { return {ContactChannel::sms, ContactChannel::email}; }
};
template <>
struct EnumNames<CellSource> : ParsedEnum<CellSource, enum_names::kCellSource, parse_cell_source> {
  static std::vector<CellSource> values() { return {CellSource::bone_marrow, CellSource::adipose}; }
};
template <>
struct EnumNames<Guidance> : ParsedEnum<Guidance, enum_names::kGuidance, parse_guidance> {
  static std::vector<Guidance> values() { return {Guidance::ultrasound, Guidance::fluoroscopy}; }
};
template <>
struct EnumNames<ItemStatus> : ParsedEnum<ItemStatus, enum_names::kItemStatus, parse_item_status> {
  static std::vector<ItemStatus> values() {
    return {ItemStatus::planned, ItemStatus::done, ItemStatus::missed, ItemStatus::cancelled};
  }
};
template <>
struct EnumNames<TimelineState> : WrittenEnum<TimelineState, enum_names::kTimelineState> {
  static std::vector<TimelineState> values() {
    using S = TimelineState;
    return {S::done, S::missed, S::cancelled, S::upcoming, S::due, S::overdue, S::out_of_window, S::active, S::ended};
  }
};
template <>
struct EnumNames<SeriousReason> : ParsedEnum<SeriousReason, enum_names::kSeriousReason, parse_serious_reason> {
  static std::vector<SeriousReason> values() { return all_serious_reasons(); }
};
template <>
struct EnumNames<Relatedness> : ParsedEnum<Relatedness, enum_names::kRelatedness, parse_relatedness> {
  static std::vector<Relatedness> values() {
    return {Relatedness::harvest, Relatedness::injection, Relatedness::neither};
  }
};
template <>
struct EnumNames<EventOutcome> : ParsedEnum<EventOutcome, enum_names::kEventOutcome, parse_event_outcome> {
  static std::vector<EventOutcome> values() {
    return {EventOutcome::resolved, EventOutcome::ongoing, EventOutcome::sequelae, EventOutcome::death};
  }
};
template <>
struct EnumNames<Decision> : WrittenEnum<Decision, enum_names::kDecision> {
  static std::vector<Decision> values() { return {Decision::eligible, Decision::ineligible, Decision::needs_review}; }
};

}  // namespace rp::api::http
