#pragma once
// The text poppler's pdftotext reads out of a PDF the server printed (a payment plan's or
// an estimate's sheet): what a reader of the sheet would see, to look for. pdftotext drops
// the zero-width non-joiner and may split a Persian word at its glyphs' gaps: look for
// phrases without it.
#include <cstdio>
#include <fstream>
#include <string>

#include "http_test_support.hpp"

namespace rp::test {

inline std::string pdf_text(const TempDir& dir, const std::string& pdf, const std::string& name) {
  const std::string file = dir.file(name + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string out;
  if (FILE* p = ::popen(("pdftotext -enc UTF-8 " + file + " -").c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

}  // namespace rp::test
