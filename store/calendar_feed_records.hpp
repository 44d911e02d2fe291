#pragma once
// A patient's private calendar feed (0026_calendar_feeds.sql): the hash of its token,
// whose it is, who made it and, once revoked, who revoked it and when.
#include <cstdint>
#include <optional>
#include <string>

namespace rp::store {

struct CalendarFeedRow {
  std::int64_t id = 0;
  std::string token_hash;  // BLAKE2b of the token (service::token_hash); the token is never kept
  std::int64_t patient_id = 0;
  std::string centre_id;
  std::string created_by, created_at;
  std::optional<std::string> revoked_by, revoked_at;
  bool live() const { return !revoked_at.has_value(); }
};

}  // namespace rp::store
