#pragma once
// Signing a consent document (issue 21): the published version filled in for the patient
// in their language, as they read it on the day (the clinic's paragraphs, each embedded
// claim with this centre's measured figure and the published evidence beside it, and a
// closing section with every claim of the protocol so), their answers to its questions,
// their typed name and their drawn signature. What they read is kept as it was shown:
// a later change of the figures or of the document changes no signed copy. Pure: the
// figures and the evidence are handed in, service/ reads and keeps them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/claims.hpp"
#include "domain/consent/document.hpp"
#include "domain/evidence/evidence.hpp"
#include "domain/outcomes/report.hpp"

namespace rp::consent {

// A paragraph as shown: the clinic's words, or a claim's figure and evidence as regenpath
// wrote them (figure: true), each line of it one line.
struct ShownBlock {
  std::string text;
  bool figure = false;
};
struct ShownSection {
  std::string heading;
  std::vector<ShownBlock> blocks;
};
struct ShownQuestion {
  std::string prompt;
  std::vector<std::string> options;
};

// The document as one patient read it, in one language.
struct ShownCopy {
  std::string language;  // en | fa
  std::string title;
  std::vector<ShownSection> sections;
  std::vector<ShownQuestion> questions;
  std::string figures_as_of;  // UTC instant of the data the figures rest on
};

// One claim's figures at the centre, as the public reads them.
struct ClaimFigure {
  const Claim* claim = nullptr;
  const outcomes::ClaimResult* result = nullptr;  // null: not measured here
  bool hidden = false;                            // 1-4 patients: the counts are not shown
};

// What fills a document: the protocol's claims with the centre's results, and the
// standing evidence entries of the protocol.
struct Figures {
  std::vector<ClaimFigure> claims;
  std::vector<evidence::Entry> evidence;
  std::string as_of;
};

// The document in `language` (en | fa) with every embed and the closing section filled.
ShownCopy fill(const Document& document, const std::string& language, const Figures& figures);

// The lines that stand for one claim: the claim in the article's words, the centre's
// measured figure with its 95 % CI and n and what it says of the claim (or that it is not
// yet known, or cannot be known here), each published study on it, and, when no randomised
// trial or review supports it, that none does.
std::vector<std::string> claim_lines(const ClaimFigure& figure, const std::vector<evidence::Entry>& evidence, bool fa);

inline constexpr std::size_t kMaxSignedNameBytes = 200, kMaxStrokes = 60, kMaxPoints = 4000;

// A drawn signature: strokes of points in the pad's unit square (0 to 1 across, 0 to 1
// down, the pad three times as wide as high).
struct Point {
  double x = 0, y = 0;
};
using Stroke = std::vector<Point>;

struct Signing {
  std::vector<int> answers;  // per question, the option chosen
  std::string name;          // typed by the patient
  std::vector<Stroke> strokes;
  // The patient cannot draw (a screen reader, a hand that will not hold a line): their
  // typed name is their signature, and the clinic's witness countersigns it as for any.
  bool typed_only = false;
};

// The answers (answers: one per question, answers[i]: the right option, consent_answer_wrong
// naming the question, so the patient rereads it), the typed name (name: a person's name, at
// most kMaxSignedNameBytes) and the signature (signature: at least one stroke of two points,
// at most kMaxStrokes strokes and kMaxPoints points, each inside the unit square; none
// when typed_only, which a drawing contradicts: signature_and_typed_only).
// InputError naming the first bad field.
void validate_signing(const Document& document, const Signing& signing);

// A signed consent as kept (0044_consent_signatures.sql): what was signed, by whom, and
// the signed copy as a PDF with its SHA-256; a witness's countersignature and a
// withdrawal are added to it, nothing else changes.
struct SignedConsent {
  std::int64_t id = 0;
  std::string centre_id;
  std::int64_t patient_id = 0;
  std::optional<std::int64_t> episode_id;  // a treatment consent's; none for the registry, contact
  std::int64_t document_id = 0;
  std::string protocol;
  ConsentKind kind = ConsentKind::treatment;
  int version = 0;
  std::string language;  // en | fa: the copy the patient read
  std::string signed_name;
  std::vector<Stroke> strokes;
  std::vector<int> answers;
  ShownCopy shown;
  std::string pdf;         // the bytes
  std::string pdf_sha256;  // hex
  std::string signed_at;   // UTC
  std::string witness_by, witness_role, witnessed_at;
  std::string withdrawn_at, withdrawn_by, withdrawal_reason;
  bool witnessed() const { return !witnessed_at.empty(); }
  bool withdrawn() const { return !withdrawn_at.empty(); }
};

// The strokes as text ("x y,x y;x y,...": strokes split by ';', points by ',', a point's
// two numbers by a space, three decimals), as the store keeps them and the API takes them,
// and back. InputError(field, signature_malformed) for anything else, and for more than
// kMaxStrokes strokes or kMaxPoints points (signature_too_long).
std::string strokes_text(const std::vector<Stroke>& strokes);
std::vector<Stroke> parse_strokes(std::string_view text, std::string_view field = "signature");

}  // namespace rp::consent
