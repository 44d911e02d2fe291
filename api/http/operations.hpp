#pragma once
// The operator's endpoints: /healthz for a load balancer, who may read /metrics, and
// who may call back with an SMS provider's delivery report.
#include <optional>
#include <string>
#include <string_view>

#include "api/http/message.hpp"
#include "store/group_commit.hpp"

namespace rp::api::http {

// 200 {"status": "ok"} when the store opens a transaction and the disk takes writes.
// 503 {"status": "degraded", "reason": "disk_full", "message", "degraded_for_s"} while
// the disk is full: writes answer 507 then, and a load balancer needs a non-200 to send
// traffic elsewhere. While degraded, each check probes with one small write, so the
// health recovers by itself once space returns even if no request writes.
// `group_commit` may be null (no group commit: the disk is not watched).
Response health_check(store::Store& store, store::GroupCommitStore* group_commit);

// Who may read /metrics: anyone when no token is configured (the server listens on
// loopback by default); otherwise only a request with `Authorization: Bearer <token>`,
// compared in constant time. Returns the refusal (401), or nothing when it may read.
std::optional<Response> refuse_metrics_reader(const Request& request, const std::string& token);

// Whether `presented` is `token`, compared in constant time (digests of one size).
bool same_token(std::string_view presented, std::string_view token);

// Who may report a message's delivery: nobody when no token is configured (404, as if the
// route were not there); otherwise a request with the token as a bearer token, or as
// ?token= for a gateway that calls a configured URL and sets no header (401 without it).
// Returns the refusal, or nothing when it may report.
std::optional<Response> refuse_delivery_reporter(const Request& request, const std::string& token);

}  // namespace rp::api::http
