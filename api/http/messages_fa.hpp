#pragma once
// The API's error messages in Persian. The service and domain layers explain a refusal in
// English (the command line, the logs); this catalogue, keyed by that English text as a
// gettext catalogue is, gives the same meaning in Persian to a client that prefers it.
// Messages with values in them are matched by pattern; a message the catalogue does not
// know stays English, never lost.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rp::api::http {

// Messages with values longer than this are left in English (see persian_message).
inline constexpr std::size_t kLongestPatterned = 512;

std::optional<std::string> persian_message(std::string_view english);

// The messages known word for word, sorted: a test checks each is still one the code says.
std::vector<std::string_view> persian_catalogue();

}  // namespace rp::api::http
