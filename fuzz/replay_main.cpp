// A fuzz target's corpus replayed without libFuzzer: the sanitizer build (GCC, ASan and
// UBSan) links each fuzz/fuzz_<name>.cpp with this driver, and CTest runs it over
// fuzz/corpus/<name>/ (every seed and every input a fuzzing run once found worth
// keeping), the empty input first. A crash, a sanitizer report or a trap fails the test.
// The fuzzing itself (new inputs, coverage-guided) runs in the clang build: scripts/fuzz.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run_one(const std::string& bytes) {
  // A copy of exactly the input's size, as libFuzzer hands it: a read past the end is the
  // sanitizer's to see.
  std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(input.data(), input.size());
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  run_one("");
  std::size_t inputs = 1;
  for (int i = 1; i < argc; ++i) {
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
      run_one(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
      ++inputs;
    }
  }
  std::printf("%zu inputs replayed\n", inputs);
  return 0;
}
