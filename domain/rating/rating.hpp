#pragma once
// A patient's rating of their treatment (issue 19): one per episode, 1-5 stars and an
// optional comment, given once the 12-week visit is done and changed as often as the
// patient likes (the last counts). A comment is shown to the public only once the centre
// approves it; a changed comment waits again. The summary a centre's directory page shows
// counts every rating, approved comment or not.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rp::rating {

// The schedule item whose completion opens rating: the patient has lived with the result.
inline constexpr std::string_view kOpensAfterItem = "visit-12w";
inline constexpr std::size_t kMaxCommentBytes = 1000;

enum class CommentStatus { none, pending, approved, rejected };
std::string_view to_string(CommentStatus s);
// Throws InputError(field) for another text.
CommentStatus parse_comment_status(std::string_view text, std::string_view field);

struct Rating {
  std::int64_t id = 0, episode_id = 0, patient_id = 0;
  std::string centre_id;
  int stars = 0;
  std::string comment;
  CommentStatus comment_status = CommentStatus::none;
  std::string moderated_by, moderated_at;  // empty until a comment is moderated
  std::string created_at, updated_at;
  bool operator==(const Rating&) const = default;
};

// Stars 1-5 (field stars); the comment one's own typed text, lines allowed, at most
// kMaxCommentBytes (field comment). Throws InputError.
void validate_rating(const Rating& r);

// The rating as changed to `stars` and `comment` (trimmed): a new or changed comment waits
// for moderation, no comment needs none, and an unchanged one keeps its decision.
Rating changed_rating(const std::optional<Rating>& before, int stars, const std::string& comment);

struct Summary {
  std::int64_t count = 0;
  std::array<std::int64_t, 5> distribution{};  // how many gave 1, 2, ... 5
  std::optional<double> mean;                  // unset without a rating
};
// Scores outside 1-5 are not counted.
Summary summarise(const std::vector<int>& stars);

}  // namespace rp::rating
