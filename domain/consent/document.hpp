#pragma once
// A centre's informed-consent document (issue 21): for one protocol and one consent (to
// the treatment, to the registry's de-identified use, to being contacted), in English and
// Persian, the sections the clinic writes (the procedure, the risks of harvest and
// injection, the alternatives, the costs, the use of data, whom to call) and the questions
// a patient answers to show they understood. A section's body embeds a claim as
// `{{claim:ID}}`, which stands for the centre's measured figure with the published
// evidence beside it when the patient reads and signs; a claim's figure is never written
// as a fact. Every save of a published document is a new version, so a version once
// published (and signed) never changes; a draft, the latest version not yet published, is
// saved over in place. Pure: the store keeps versions, service/ checks who writes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/claims.hpp"
#include "domain/protocol.hpp"

namespace rp::consent {

enum class ConsentKind { treatment, registry, contact };
std::string_view to_string(ConsentKind k);
// InputError(field, not_one_of) naming the kinds.
ConsentKind parse_consent_kind(std::string_view text, std::string_view field = "kind");

inline constexpr std::size_t kMaxSections = 20, kMaxQuestions = 10, kMinOptions = 2, kMaxOptions = 6;

struct Section {
  LocalText heading, body;
};

// A comprehension question: its prompt, its options and the one that is right.
struct Question {
  LocalText prompt;
  std::vector<LocalText> options;
  int correct = 0;  // index into options
};

struct Document {
  std::int64_t id = 0;
  std::string centre_id, protocol;
  ConsentKind kind = ConsentKind::treatment;
  int version = 0;
  LocalText title;
  std::vector<Section> sections;
  std::vector<Question> questions;
  std::string written_by, written_at;
  std::string published_by, published_at;  // empty: a draft
  bool published() const { return !published_at.empty(); }
};

// The same title, sections and questions: saving it again changes nothing.
bool same_content(const Document& a, const Document& b);

// The title in both languages (title_en, title_fa: one line), 1 to kMaxSections sections
// (sections), each with both headings and bodies (sections[i].heading_en, ...body_fa:
// required, embeds of the protocol's claims only, no claim's figure as a fact), at most
// kMaxQuestions questions (questions), each with both prompts and kMinOptions to
// kMaxOptions options (questions[i].options) of both languages and a correct option among
// them (questions[i].correct). InputError naming the first bad field.
void validate_document(const Document& d, const ClaimSet& claims);

}  // namespace rp::consent
