#pragma once
// Idempotency-Key, recorded by the creating use case itself: the key and a reference to
// what the first request created are written in the use case's own transaction, so the
// created row and its key are durable together (a retry after a crash finds both or
// neither). A retry with the same key and request is answered with what the first one
// created, read back in the retry's transaction; the same key with another request is a
// ConflictError. The API fills the RequestContext once per request (api/http/api.cpp);
// handlers and use case signatures do not carry the key.
#include <optional>
#include <stdexcept>
#include <string>

#include "service/actor.hpp"
#include "store/store.hpp"

namespace rp::service {

struct RequestContext {
  std::string idempotency_key;  // empty: none sent
  // "POST /api/v1/patients body <hash>": the same key with another path or body is another
  // request. `route` alone ("POST /api/v1/patients") matches keys recorded before bodies
  // were part of the request's identity.
  std::string request_id, route;
  // Set by the use case when it answered from an earlier request with the key.
  bool replayed = false;
  // Set when the use case recorded the key: a creating route whose use case neither
  // records nor replays it would ignore the key, which the API reports as an error.
  bool recorded = false;
};

// A key recorded by an earlier version, which kept the answer's JSON itself: the API sends
// it back as it was (status and body).
class RecordedAnswer : public std::runtime_error {
 public:
  RecordedAnswer(int status, std::string body)
      : std::runtime_error("idempotent replay"), status_(status), body_(std::move(body)) {}
  int status() const { return status_; }
  const std::string& body() const { return body_; }

 private:
  int status_;
  std::string body_;
};

// Inside a creating use case's transaction, before it writes: the reference the first
// request with this actor's key recorded (and marks the request as replayed), or nullopt
// when no key was sent or the key is new. ConflictError when the key was used for another
// request; RecordedAnswer for a key an earlier version recorded.
std::optional<std::string> earlier_request(store::Transaction& tx, const Actor& actor);
// After the use case's writes, in the same transaction: records the key (when one was
// sent) with `reference`, what earlier_request hands a retry.
void remember_request(store::Transaction& tx, const Actor& actor, const std::string& reference, const std::string& at);

}  // namespace rp::service
