#pragma once
// The form a questionnaire is asked with: what a patient reads and may answer, taken from
// a FHIR R4 Questionnaire (the project's short labels under instruments/, or a clinic's
// licensed wording). Wording lives in data and scoring rules in code: the form carries the
// answers' ids (linkId = the item id the instrument scores) and codes, never a score.
// Reading the Questionnaire is store/questionnaire_form's; writing the form for clients is
// api/contract/instruments'.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rp::instruments {

// A text in English and, where the wording has one, in Persian. A licensed instrument's
// Persian is loaded by the clinic; the project's own files may lack it.
struct FormText {
  std::string en;
  std::optional<std::string> fa;

  // Whether the text is there, not empty, in `lang` ("en", "fa").
  bool worded_in(std::string_view lang) const;
};

// A bound as the wording writes it: a whole number stays whole (0, not 0.0).
struct FormNumber {
  std::variant<std::int64_t, double> value;

  double as_double() const;
  // Equal as numbers (0 and 0.0 are the same bound).
  bool operator==(const FormNumber& other) const;
};

// What a patient sends for an answer option: a number for a numeric code ("3" → 3), else
// the code as text ("none").
using AnswerCode = std::variant<int, std::string>;
std::string code_text(const AnswerCode& code);

struct FormOption {
  AnswerCode value;
  FormText label;
};

struct FormGroup {
  std::string id;  // the group's linkId (a HOOS subscale, a Harris section)
  FormText text;
};

struct FormQuestion {
  std::string id;                    // linkId: the item id the instrument scores
  std::optional<std::string> group;  // the enclosing group's id; none at the top level
  std::string type;                  // the FHIR item type: integer, decimal, choice, ...
  FormText text;
  bool required = false;
  std::optional<FormNumber> min, max;
  std::optional<std::string> unit;          // a UCUM code ("deg")
  std::optional<std::string> entry_format;  // what may be typed besides the options
  // Present when the item lists its answers (even none), absent for a typed answer.
  std::optional<std::vector<FormOption>> options;
};

struct InstrumentForm {
  FormText title;
  std::optional<std::string> copyright;
  std::string version;  // the wording's FHIR canonical reference, "url|version"
  std::vector<FormGroup> groups;
  std::vector<FormQuestion> questions;  // the answerable items, in order
  // The languages in which every text a patient reads is worded (languages_of).
  std::vector<std::string> languages;
  std::optional<std::string> loaded_at;  // a clinic's wording: when it was loaded
};

// The languages ("en", "fa") in which every text of the form is worded: the title, every
// section heading, every question and every answer label. One English question in a
// Persian form would be one too many.
std::vector<std::string> languages_of(const InstrumentForm& form);
// Whether the form is fully worded in `lang`, as its `languages` say.
bool has_language(const InstrumentForm& form, std::string_view lang);

}  // namespace rp::instruments
