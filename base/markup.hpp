#pragma once
// Text put into HTML or XML (the report's pages, the labels' SVG).
#include <string>
#include <string_view>

namespace rp {

// `text` with &, <, > and " written as entities: safe as element text and as a quoted
// attribute's value.
std::string escape_markup(std::string_view text);

}  // namespace rp
