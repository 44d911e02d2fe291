#pragma once
// A patient's e-mail address as staff type it. Pure.
#include <string>
#include <string_view>

namespace rp {

// Trimmed, the domain in lower case, at most 254 bytes (RFC 5321's path limit less the
// brackets): one "@" between a local part of at most 64 bytes made of dot-separated
// atoms (RFC 5322's dot-atom: letters, digits and !#$%&'*+/=?^_`{|}~-; no quoted forms,
// no comments) and a domain of two or more DNS labels (letters, digits, inner hyphens,
// at most 63 bytes each; an international name in its xn-- form). Nothing else, so an
// address can never carry a header line, a second recipient or a command to the mail
// server. Throws InputError naming `field` (email_format, too_many_bytes).
std::string normalise_email(std::string_view text, std::string_view field = "email");

}  // namespace rp
