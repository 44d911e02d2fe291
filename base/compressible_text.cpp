#include "base/compressible_text.hpp"

#include "base/gzip.hpp"

namespace rp {

const std::string& CompressibleText::gzip() const {
  std::call_once(once_, [this] { gzip_ = gzip_compress(text_); });
  return gzip_;
}

}  // namespace rp
