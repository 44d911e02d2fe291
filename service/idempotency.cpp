#include "service/idempotency.hpp"

#include "base/error.hpp"

namespace rp::service {
namespace {

// What a creating use case answers with; the route renders it as 201 Created.
constexpr int kCreated = 201;

const RequestContext* keyed(const Actor& actor) {
  const RequestContext* r = actor.request;
  if (!r || r->idempotency_key.empty()) return nullptr;
  if (r->idempotency_key.size() > 128) throw InputError("Idempotency-Key", "too_many_bytes"_err, {{"max", 128}});
  return r;
}

}  // namespace

std::optional<std::string> earlier_request(store::Transaction& tx, const Actor& actor) {
  const RequestContext* r = keyed(actor);
  if (!r) return std::nullopt;
  const auto earlier = tx.find_idempotency(actor.user, r->idempotency_key);
  if (!earlier) return std::nullopt;
  // The same key with another body is another request: refused, never replayed as if equal.
  if (earlier->route != r->request_id && earlier->route != r->route) {
    throw ConflictError("Idempotency-Key", "idempotency_key_reused"_err);
  }
  actor.request->replayed = true;
  // Earlier versions kept the rendered answer, a JSON object; references never start so.
  if (!earlier->response.empty() && earlier->response.front() == '{')
    throw RecordedAnswer(earlier->status, earlier->response);
  return earlier->response;
}

void remember_request(store::Transaction& tx, const Actor& actor, const std::string& reference, const std::string& at) {
  const RequestContext* r = keyed(actor);
  if (!r) return;
  tx.insert_idempotency({actor.user, r->idempotency_key, r->request_id, kCreated, reference, at});
  actor.request->recorded = true;
}

}  // namespace rp::service
