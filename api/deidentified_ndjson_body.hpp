#pragma once
// GET /api/v1/registry/export's body: the de-identified export (service/
// deidentified_export.hpp) as NDJSON lines {"table": name, "row": {...}}, table after
// table in the dictionary's order (api::ndjson_row_line, tagged), made without holding
// the registry in memory: the rows go, as the store hands them out, into an
// unnamed temporary file per table (gone with the last reference to the body), and the
// answer is sent from those files a part at a time (http::BodyParts). A registry of a
// hundred thousand patients held whole took gigabytes of the server's memory.
#include <memory>

#include "api/http/message.hpp"
#include "base/clock.hpp"
#include "service/deidentified_export.hpp"

namespace rp::api {

// Bytes a part of the body holds (the last fewer): what the server holds of the answer
// at a time.
inline constexpr std::int64_t kNdjsonPartBytes = std::int64_t{1} << 20;

// The export's refusals as service::export_deidentified_rows throws them, before any
// file is made. `gzip`: the body is one gzip member (the answer's Content-Encoding), each
// table's rows compressed as they come into their own piece (base/gzip_pieces.hpp), so
// that nothing is compressed again when it is sent.
std::shared_ptr<http::BodyParts> deidentified_ndjson_body(store::Store& store, const Clock& clock,
                                                          const service::Actor& actor,
                                                          const service::ExportRequest& request,
                                                          service::HeavyReads* heavy, bool gzip = false);

}  // namespace rp::api
