// Every typed query of the API (api/contract/queries.hpp) read from an arbitrary request
// target: the target parser and each decoder must give a typed query, a refusal
// (InputError, NotFoundError for an id) or a 400 for the target, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/contract/queries.hpp"
#include "api/http/message.hpp"
#include "base/error.hpp"

namespace {

template <class Q>
void attempt(const rp::api::http::Request& r) {
  try {
    (void)rp::api::http::decode_query<Q>(r.query);
  } catch (const rp::InputError&) {  // NotFoundError (a bad id) is one too
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rp::api::http::Request r;
  const std::string target = "/api/v1/x?" + std::string(reinterpret_cast<const char*>(data), size);
  if (!rp::api::http::parse_target(target, r)) return 0;
  namespace c = rp::api::contract;
  attempt<c::OutcomesQuery>(r);
  attempt<c::PatientSearch>(r);
  attempt<c::WorklistFilterQuery>(r);
  attempt<c::WorklistQuery>(r);
  attempt<c::AuditPageQuery>(r);
  attempt<c::AuditExportQuery>(r);
  attempt<c::WhoSawQuery>(r);
  return 0;
}
