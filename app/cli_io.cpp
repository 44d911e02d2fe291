#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli.hpp"
#include "base/error.hpp"

namespace rp::app {

std::string read_text(const std::string& path, const std::string& field) {
  std::ostringstream out;
  if (path == "-") {
    out << std::cin.rdbuf();
    return out.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(field, "cannot_read_named_file"_err, {{"path", path}});
  out << in.rdbuf();
  return out.str();
}

nlohmann::json read_json(const std::string& path, const std::string& field) {
  const std::string text = read_text(path, field);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(field, "malformed_json"_err, {{"detail", e.what()}});
  }
}

void print_json(const nlohmann::json& value) { std::cout << value.dump(-1, ' ', false) << '\n'; }

}  // namespace rp::app
