// A fuzz target's corpus replayed without libFuzzer: the sanitizer build (GCC, ASan and
// UBSan) links every fuzz/fuzz_<name>.cpp with this driver into one program, and CTest runs
// `fuzz_replay <name> fuzz/corpus/<name>/` (every seed and every input a fuzzing run once
// found worth keeping), the empty input first. A crash, a sanitizer report or a trap fails
// the test.
// The fuzzing itself (new inputs, coverage-guided) runs in the clang build: scripts/fuzz.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/replay_targets.hpp"

namespace {

using rp::fuzz::TestOneInput;

void run_one(TestOneInput target, const std::string& bytes) {
  // A copy of exactly the input's size, as libFuzzer hands it: a read past the end is the
  // sanitizer's to see.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  target(input.data(), input.size());
}

TestOneInput find_target(const char* name) {
  for (std::size_t i = 0; i < rp::fuzz::target_count; ++i)
    if (std::strcmp(rp::fuzz::targets[i].name, name) == 0) return rp::fuzz::targets[i].test_one_input;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const TestOneInput target = argc > 1 ? find_target(argv[1]) : nullptr;
  if (target == nullptr) {
    std::fprintf(stderr, "usage: fuzz_replay TARGET [CORPUS_DIR|FILE]...\ntargets:");
    for (std::size_t i = 0; i < rp::fuzz::target_count; ++i) std::fprintf(stderr, " %s", rp::fuzz::targets[i].name);
    std::fprintf(stderr, "\n");
    return 2;
  }
  run_one(target, "");
  std::size_t inputs = 1;
  for (int i = 2; i < argc; ++i) {
    std::vector<fs::path> files;
    if (fs::is_directory(argv[i])) {
      for (const auto& entry : fs::directory_iterator(argv[i]))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
    } else if (fs::exists(argv[i])) {
      files.emplace_back(argv[i]);
    }
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      run_one(target, std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
      ++inputs;
    }
  }
  std::printf("%zu inputs replayed\n", inputs);
  return 0;
}
