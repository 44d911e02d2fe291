#pragma once
// The worklist's page cursor on the wire: opaque text a client hands back as `after` to
// get the page that follows. It is the last row's place in the worklist's order
// (store::WorklistCursor) written as "group|window end|start|episode|item" and then in
// URL-safe base64 without padding, so it passes in a query string as is. Opaque to the
// client: only the server reads it, and reads it strictly.
#include <string>
#include <string_view>

#include "store/worklist_records.hpp"

namespace rp::service {

std::string encode_cursor(const store::WorklistCursor& c);

// InputError naming `field` (worklist_cursor_invalid) for anything encode_cursor did not
// write: bad base64, a missing part, a group other than 0-2, a date that is not one, an
// episode that is not a positive whole number, an empty item.
store::WorklistCursor decode_cursor(std::string_view text, std::string_view field = "after");

}  // namespace rp::service
