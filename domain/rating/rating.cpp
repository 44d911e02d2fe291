#include "domain/rating/rating.hpp"

#include "base/error.hpp"
#include "base/text.hpp"

namespace rp::rating {

std::string_view to_string(CommentStatus s) {
  switch (s) {
    case CommentStatus::pending:
      return "pending";
    case CommentStatus::approved:
      return "approved";
    case CommentStatus::rejected:
      return "rejected";
    case CommentStatus::none:
      break;
  }
  return "none";
}

CommentStatus parse_comment_status(std::string_view text, std::string_view field) {
  for (const auto s : {CommentStatus::none, CommentStatus::pending, CommentStatus::approved, CommentStatus::rejected})
    if (to_string(s) == text) return s;
  throw InputError(std::string(field), "unknown_comment_status"_err);
}

void validate_rating(const Rating& r) {
  if (r.stars < 1 || r.stars > 5)
    throw InputError("stars", "integer_range"_err, {{"name", "stars"}, {"min", 1}, {"max", 5}});
  if (r.comment.size() > kMaxCommentBytes)
    throw InputError("comment", "too_many_bytes"_err, {{"max", static_cast<std::int64_t>(kMaxCommentBytes)}});
  check_typed_text(r.comment, "comment");
}

namespace {

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

Rating changed_rating(const std::optional<Rating>& before, int stars, const std::string& comment) {
  Rating r = before.value_or(Rating{});
  r.stars = stars;
  const std::string text = trimmed(comment);
  if (!before || text != before->comment) {
    r.comment = text;
    r.comment_status = text.empty() ? CommentStatus::none : CommentStatus::pending;
    r.moderated_by.clear();
    r.moderated_at.clear();
  }
  return r;
}

Summary summarise(const std::vector<int>& stars) {
  Summary s;
  std::int64_t sum = 0;
  for (const int n : stars) {
    if (n < 1 || n > 5) continue;
    ++s.count;
    ++s.distribution[static_cast<std::size_t>(n - 1)];
    sum += n;
  }
  if (s.count > 0) s.mean = static_cast<double>(sum) / static_cast<double>(s.count);
  return s;
}

}  // namespace rp::rating
