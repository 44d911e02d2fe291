#pragma once
// What the three case runners share: find the case files of a kind, make one GTest test
// per case (named after the file and the case, so a failure says which case broke), and
// compare a computed number with a number as a person wrote it in a case.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace rp::cases {

// tests/cases/<kind>/*.yaml, sorted so the test order is stable.
inline std::vector<std::filesystem::path> case_files(const std::string& kind) {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path dir = std::filesystem::path(RP_SOURCE_DIR) / "tests" / "cases" / kind;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A GTest name: letters, digits and underscores ("raw 11 → 55.985" → "raw_11_55_985").
inline std::string test_name(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c)) {
      out += static_cast<char>(c);
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "unnamed" : out;
}

// Where a case sits, for the failure message: "tests/cases/instruments/hoos.yaml:12".
inline std::string where(const std::filesystem::path& file, const YAML::Node& node) {
  return file.filename().string() + ":" + std::to_string(node.Mark().line + 1);
}

class CaseTest : public ::testing::Test {
 public:
  explicit CaseTest(std::function<void()> body) : body_(std::move(body)) {}
  void TestBody() override { body_(); }

 private:
  std::function<void()> body_;
};

inline void register_test(const std::string& suite, const std::string& name, const std::string& file, int line,
                          std::function<void()> body) {
  ::testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, file.c_str(), line,
                          [body]() -> ::testing::Test* { return new CaseTest(body); });
}

// Registers one test per entry of the file's `cases:` list; `run` gets the whole file
// (for what its cases share) and the case. A file that does not load, a case without a
// title and two cases with one title each become a failing test rather than vanish.
inline void register_cases(const std::string& kind, const std::string& suite_prefix,
                           const std::function<void(const YAML::Node& file, const YAML::Node& one_case)>& run) {
  for (const auto& path : case_files(kind)) {
    const std::string suite = suite_prefix + "_" + test_name(path.stem().string());
    std::optional<YAML::Node> loaded;  // not `YAML::Node file; file = ...`: Node's operator= writes through
    try {
      loaded.emplace(YAML::LoadFile(path.string()));
    } catch (const YAML::Exception& e) {
      const std::string message = e.what();
      register_test(suite, "file_loads", path.string(), 1, [message] { FAIL() << message; });
      continue;
    }
    const YAML::Node file = *loaded;
    if (!file["cases"] || !file["cases"].IsSequence()) {
      register_test(suite, "file_loads", path.string(), 1, [] { FAIL() << "the file has no `cases:` list"; });
      continue;
    }
    std::set<std::string> names;
    for (const YAML::Node& one : file["cases"]) {
      const int line = one.Mark().line + 1;
      const std::string title = one["case"] ? one["case"].as<std::string>() : "";
      std::string name = test_name(title);
      if (title.empty() || !names.insert(name).second) {
        name = "line_" + std::to_string(line);
        register_test(suite, name, path.string(), line, [title] {
          FAIL() << (title.empty() ? "a case needs a `case:` title" : "two cases are titled '" + title + "'");
        });
        continue;
      }
      const std::string at = where(path, one);
      register_test(suite, name, path.string(), line, [run, file, one, at, title] {
        SCOPED_TRACE(at + " " + title);
        run(file, one);
      });
    }
  }
}

// A misspelt key ("score:" for "scores:") would otherwise be skipped without a word.
inline void expect_only_keys(const YAML::Node& node, std::initializer_list<std::string> keys) {
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << "unknown key '" << key << "'";
  }
}

// A number as a case writes it: 55.985 means "55.985 to three decimals", so the computed
// value passes when it rounds to it (within half a unit of the last decimal written); a
// whole number (65, 0) must be met exactly. `~` (null) means "no value": R's NA, a score
// the missing-item rule withholds, a median not reached.
inline ::testing::AssertionResult matches_written(const std::string& what, double computed, const YAML::Node& written) {
  if (written.IsNull()) {
    if (std::isnan(computed)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << what << ": expected no value (~), computed " << std::setprecision(12)
                                         << computed;
  }
  const std::string text = written.Scalar();
  const double expected = written.as<double>();
  const auto point = text.find('.');
  const bool scientific = text.find_first_of("eE") != std::string::npos;
  const int decimals = point == std::string::npos || scientific ? 0 : static_cast<int>(text.size() - point - 1);
  const double tolerance = decimals == 0 ? 1e-9 * std::max(1.0, std::abs(expected)) : 0.5 * std::pow(10.0, -decimals);
  if (std::abs(computed - expected) <= tolerance * (1 + 1e-9)) return ::testing::AssertionSuccess();
  std::ostringstream shown;
  shown << std::setprecision(12) << computed;
  return ::testing::AssertionFailure() << what << ": expected " << text << ", computed " << shown.str()
                                       << " (which does not round to it)";
}

}  // namespace rp::cases
