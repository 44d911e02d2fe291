#pragma once
#include <fstream>
#include <sstream>
#include <string>

#include "domain/protocol.hpp"

namespace rp::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline const Protocol& hip_protocol() {
  static const Protocol p =
      parse_protocol(read_file(std::string(RP_DATA_DIR) + "/protocols/hip-msc-v1.yaml"), "hip-msc-v1.yaml");
  return p;
}

}  // namespace rp::test
