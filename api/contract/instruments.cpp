#include "api/contract/instruments.hpp"

namespace rp::api::contract {
namespace {

FormTextOut text_out(const instruments::FormText& t) { return {t.en, t.fa}; }

FormQuestionOut question_out(const instruments::FormQuestion& q) {
  FormQuestionOut out{q.id, q.group, q.type, text_out(q.text), q.required};
  if (q.min) out.min = FormNumberOut{*q.min};
  if (q.max) out.max = FormNumberOut{*q.max};
  out.unit = q.unit;
  out.entry_format = q.entry_format;
  if (q.options) {
    out.options.emplace();
    for (const auto& o : *q.options) out.options->push_back({{o.value}, text_out(o.label)});
  }
  return out;
}

}  // namespace

nlohmann::json AnswerValueOut::json() const {
  if (const auto* n = std::get_if<int>(&code)) return *n;
  return std::get<std::string>(code);
}

nlohmann::json FormNumberOut::json() const {
  return std::visit([](auto v) { return nlohmann::json(v); }, number.value);
}

InstrumentFormOut instrument_form_out(const instruments::InstrumentForm& form) {
  InstrumentFormOut out{text_out(form.title), form.copyright, form.version};
  for (const auto& g : form.groups) out.groups.push_back({g.id, text_out(g.text)});
  for (const auto& q : form.questions) out.questions.push_back(question_out(q));
  out.languages = form.languages;
  out.loaded_at = form.loaded_at;
  return out;
}

}  // namespace rp::api::contract
