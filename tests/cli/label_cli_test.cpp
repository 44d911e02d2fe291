// `regenpath product label` and `regenpath patient wristband` on the demo clinic: the PDF
// written to a file scans (poppler rasterises, zbar decodes) as the DIN's ISBT 128 data
// structure that `din check` gives; the wristband's SVG goes to standard output; the
// print joins the product's chain; bad options exit 2 naming the option.
#include <gtest/gtest.h>

#include "../support/made_once.hpp"
#include "score_cli_support.hpp"

namespace rp::cli_test {
namespace {

class LabelCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::filesystem::remove_all(scratch() / "label-demo");
    std::filesystem::create_directories(scratch() / "label-demo");
    std::filesystem::copy_file(test::demo_made_once("--patients 30"), scratch() / "label-demo" / "demo.db");
  }
  static std::string db() { return " --db " + (scratch() / "label-demo" / "demo.db").string(); }
  static nlohmann::json released() {
    const auto r = run("product list --state released" + db(), "");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 && !r.json().empty() ? r.json()[0] : nlohmann::json::object();
  }
};

std::string label_cli_scan(const std::filesystem::path& pdf) {
  const auto png = scratch() / "label-scan";
  std::filesystem::remove(png.string() + ".png");
  const std::string rasterise = "pdftoppm -r 300 -png -singlefile " + pdf.string() + " " + png.string();
  EXPECT_EQ(std::system(rasterise.c_str()), 0);
  const auto out = scratch() / "label-scan.txt";
  const std::string decode = "zbarimg -q --raw " + png.string() + ".png >" + out.string() + " 2>/dev/null";
  EXPECT_EQ(std::system(decode.c_str()), 0);
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST_F(LabelCli, TheProductLabelScansAsTheDinAndJoinsTheChain) {
  const auto p = released();
  ASSERT_TRUE(p.contains("din"));
  const std::string din = p["din"];
  const auto check = run("din check '" + din + "'", "");
  ASSERT_EQ(check.exit_code, 0) << check.err;
  const std::string expected = "=" + check.json()["din"].get<std::string>() + check.json()["flag"].get<std::string>();

  const auto file = scratch() / "product-label.pdf";
  const auto r = run("product label '" + din + "' --format pdf --lang fa --out " + file.string() + db(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.json()["format"], "pdf");
  EXPECT_EQ(label_cli_scan(file), expected);

  const auto trace = run("product trace '" + din + "'" + db(), "");
  ASSERT_EQ(trace.exit_code, 0) << trace.err;
  int labels = 0;
  const auto chain = trace.json();
  for (const auto& e : chain["events"]) labels += e["kind"] == "label_printed";
  EXPECT_EQ(labels, 1) << trace.out;

  const auto bad = run("product label '" + din + "' --format png" + db(), "");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.error_field(), "format");
  const auto malformed = run("product label RPDEM26" + db(), "");
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_EQ(malformed.error_field(), "din");
}

TEST_F(LabelCli, TheWristbandGoesToStandardOutput) {
  const std::string mrn = released()["patient"]["mrn"];
  const auto r = run("patient wristband --mrn " + mrn + db(), "");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("<?xml", 0), 0u);
  EXPECT_NE(r.out.find("<desc>" + mrn + "</desc>"), std::string::npos);
  const auto unknown = run("patient wristband --mrn NO-SUCH-MRN" + db(), "");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.error_field(), "mrn");
}

}  // namespace
}  // namespace rp::cli_test
