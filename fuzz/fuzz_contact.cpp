// Fuzzes the readers of a patient's contact details (domain/email_address.hpp,
// domain/patient.hpp): any text is an e-mail address, a mobile number or a national id
// in its one normal form (which reads back as itself), or an InputError naming the
// field. A normal e-mail address never holds a space, a line break, a second "@" or a
// byte past ASCII: nothing a mail header or an SMTP command could be split by. And a
// centre's directory fields (domain/centre_licence.hpp): a map link accepted begins
// https:// and holds no space, quote or angle bracket a page could be broken by; services
// accepted are known codes in the directory's order, once each.
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "domain/centre_licence.hpp"
#include "domain/email_address.hpp"
#include "domain/patient.hpp"

namespace {

template <class Read>
void normal_form(std::string_view text, const char* field, Read read, bool email) {
  try {
    const std::string once = read(text, field);
    if (read(once, field) != once) __builtin_trap();
    if (email) {
      if (once.size() > 254 || once.find('@') != once.rfind('@')) __builtin_trap();
      for (unsigned char c : once)
        if (c <= ' ' || c >= 0x7f) __builtin_trap();
    }
  } catch (const rp::InputError& e) {
    if (e.field() != field) __builtin_trap();
  }
}

void centre_directory(std::string_view text) {
  rp::Centre c;
  c.map_url = std::string(text);
  try {
    rp::validate_centre_directory(c);
    if (!c.map_url.empty() &&
        (c.map_url.rfind("https://", 0) != 0 || c.map_url.find_first_of(" \"<>") != std::string::npos))
      __builtin_trap();
  } catch (const rp::InputError& e) {
    if (e.field() != "map_url") __builtin_trap();
  }
  rp::Centre s;
  s.services = rp::services_from_list(text);
  for (const auto& service : s.services)
    if (service.empty() || service.front() == ' ' || service.back() == ' ' || service.find(',') != std::string::npos)
      __builtin_trap();
  try {
    rp::validate_centre_directory(s);
    std::size_t at = 0;
    for (const auto& service : s.services) {
      while (at < std::size(rp::kCentreServices) && rp::kCentreServices[at] != service) ++at;
      if (at == std::size(rp::kCentreServices)) __builtin_trap();  // unknown, repeated or out of order
      ++at;
    }
  } catch (const rp::InputError& e) {
    if (e.field() != "services") __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  normal_form(
      text, "email", [](std::string_view t, std::string_view f) { return rp::normalise_email(t, f); }, true);
  normal_form(
      text, "mobile", [](std::string_view t, std::string_view f) { return rp::normalise_mobile(t, f); }, false);
  normal_form(
      text, "national_id", [](std::string_view t, std::string_view f) { return rp::normalise_national_id(t, f); },
      false);
  centre_directory(text);
  return 0;
}
