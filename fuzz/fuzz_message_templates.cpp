// Fuzzes the patient messages' template file reader (domain/messaging/templates.hpp): any
// text either parses into templates that each render in both languages with every
// placeholder filled and a one-line subject, or throws InputError. Nothing else may escape.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "domain/messaging/templates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto templates = rp::messaging::MessageTemplates::parse(text);
    const std::map<std::string, std::string> values = {
        {"name", "n"}, {"item", "i"}, {"date", "d"}, {"link", "l"}, {"centre", "c"}};
    for (const char* id : {"hold_soon", "visit_day_before", "questionnaire_invite", "a"}) {
      if (!templates.has(id)) continue;
      for (const char* lang : {"en", "fa"}) {
        const std::string out = templates.render(id, lang, values);
        if (out.find('{') != std::string::npos) __builtin_trap();  // every placeholder was checked and filled
        // A subject is one header line, its placeholders filled.
        const std::string subject = templates.render_subject(id, lang, values);
        if (subject.find_first_of("{\r\n") != std::string::npos) __builtin_trap();
      }
    }
  } catch (const rp::InputError&) {
  }
  return 0;
}
