#pragma once
// A text sent many times (a cached rendering, a web-app file): its gzip form is made once,
// on first demand, and kept beside it, so a repeated read costs no compression.
#include <mutex>
#include <string>

namespace rp {

class CompressibleText {
 public:
  explicit CompressibleText(std::string text) : text_(std::move(text)) {}

  const std::string& text() const { return text_; }
  // gzip at the default level; safe to call from many threads at once.
  const std::string& gzip() const;

 private:
  std::string text_;
  mutable std::once_flag once_;
  mutable std::string gzip_;
};

}  // namespace rp
