// The label routes over real HTTP against a real SQLite file: the product label and the
// wristband as SVG and PDF with their content types, each print recorded (the product's
// chain gains a label_printed event, the audit a row); another centre's product or patient
// is not found, nobody signed in is refused, and a bad DIN or format is a 422 naming it.
#include <gtest/gtest.h>

#include "http_test_support.hpp"
#include "product_route_clinic.hpp"

namespace rp::test {
namespace {

class LabelRoutes : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { clinic_ = new ProductClinicServer("labels.db"); }
  static void TearDownTestSuite() { delete clinic_; }
  static Client signed_in(const std::string& user) { return clinic_->signed_in(user); }
  static std::int64_t audit_rows(const std::string& action) { return product_route_audit_count(clinic_->db, action); }
  static std::string label_path(const std::string& din, const std::string& query = "") {
    return "/api/v1/products/" + din + "/label" + query;
  }
  static std::string wristband_path(std::int64_t patient, const std::string& query = "") {
    return "/api/v1/patients/" + std::to_string(patient) + "/wristband" + query;
  }

  static inline ProductClinicServer* clinic_ = nullptr;
};

TEST_F(LabelRoutes, TheProductLabelIsSvgOrPdfAndEachPrintJoinsTheChain) {
  const Client lab = signed_in("lab.a");
  const auto printed = audit_rows("product.label_printed");
  const auto svg = lab.get(label_path(clinic_->clinic.released));
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.header("content-type").rfind("image/svg+xml", 0), 0u) << svg.header("content-type");
  EXPECT_EQ(svg.body.rfind("<?xml", 0), 0u);
  const product::Din din = product::parse_din(clinic_->clinic.released);
  EXPECT_NE(svg.body.find("<desc>" + din.scan_data() + "</desc>"), std::string::npos);
  EXPECT_NE(svg.body.find(">MRN: MRN-a<"), std::string::npos);

  const auto pdf = lab.get(label_path(clinic_->clinic.released, "?format=pdf&lang=fa&location=lab%20bench"));
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(pdf.header("content-disposition").find(clinic_->clinic.released + ".pdf"), std::string::npos);

  EXPECT_EQ(audit_rows("product.label_printed"), printed + 2);
  const auto chain = lab.get("/api/v1/products/" + clinic_->clinic.released).json();
  std::vector<std::string> labels;
  for (const auto& e : chain["events"])
    if (e["kind"] == "label_printed") labels.push_back(e.dump());
  ASSERT_EQ(labels.size(), 2u) << chain.dump();
  EXPECT_NE(labels[1].find("pdf fa"), std::string::npos) << labels[1];
  EXPECT_NE(labels[1].find("lab bench"), std::string::npos) << labels[1];
}

TEST_F(LabelRoutes, AnotherCentreNobodyAndBadInputAreRefused) {
  const auto printed = audit_rows("product.label_printed");
  const auto other = signed_in("lab.b").get(label_path(clinic_->clinic.released));
  ASSERT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(other.json()["error"]["field"], "din");
  EXPECT_EQ(Client{clinic_->server.port()}.get(label_path(clinic_->clinic.released)).status, 401);

  const Client lab = signed_in("lab.a");
  std::string wrong = clinic_->clinic.released;
  wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad : {std::string("garbage"), wrong}) {
    const auto r = lab.get(label_path(bad));
    ASSERT_EQ(r.status, 422) << bad << " " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "din") << r.body;
  }
  const auto png = lab.get(label_path(clinic_->clinic.released, "?format=png"));
  ASSERT_EQ(png.status, 422) << png.body;
  EXPECT_EQ(png.json()["error"]["field"], "format");
  EXPECT_EQ(png.json()["error"]["reason"], "not_one_of");
  const auto lang = lab.get(label_path(clinic_->clinic.released, "?lang=de"));
  ASSERT_EQ(lang.status, 422) << lang.body;
  EXPECT_EQ(lang.json()["error"]["field"], "lang");
  EXPECT_EQ(audit_rows("product.label_printed"), printed) << "a refused print was recorded";
}

TEST_F(LabelRoutes, TheWristbandCarriesTheRecordNumberAtTheOwnCentreOnly) {
  const Client coordinator = signed_in("coordinator.a");
  const auto printed = audit_rows("patient.wristband_printed");
  const auto svg = coordinator.get(wristband_path(clinic_->seeded.patient_a, "?lang=fa"));
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.header("content-type").rfind("image/svg+xml", 0), 0u);
  EXPECT_NE(svg.body.find("<desc>MRN-a</desc>"), std::string::npos);
  EXPECT_NE(svg.body.find("direction=\"rtl\""), std::string::npos);
  const auto pdf = coordinator.get(wristband_path(clinic_->seeded.patient_a, "?format=pdf"));
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_EQ(audit_rows("patient.wristband_printed"), printed + 2);

  const auto other = coordinator.get(wristband_path(clinic_->seeded.patient_b));
  ASSERT_EQ(other.status, 404) << other.body;
  EXPECT_EQ(other.json()["error"]["field"], "patient");
  EXPECT_EQ(Client{clinic_->server.port()}.get(wristband_path(clinic_->seeded.patient_a)).status, 401);
  EXPECT_EQ(audit_rows("patient.wristband_printed"), printed + 2);
}

// HEAD answers what GET would, headers only: no label leaves the server, so no print is
// recorded, neither in the product's chain nor in the audit.
TEST_F(LabelRoutes, AHeadRequestAnswersThePrintsHeadersAndRecordsNothing) {
  const Client lab = signed_in("lab.a");
  const std::string path = label_path(clinic_->clinic.released, "?lang=fa");
  auto label_events = [&] {
    const auto product = lab.get("/api/v1/products/" + clinic_->clinic.released);
    EXPECT_EQ(product.status, 200) << product.body;
    const auto chain = product.json();
    int n = 0;
    for (const auto& e : chain["events"]) n += e["kind"] == "label_printed";
    return n;
  };
  const int events = label_events();
  const auto printed = audit_rows("product.label_printed");
  const auto head = lab.call("HEAD", path);
  ASSERT_EQ(head.status, 200) << head.body;
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(label_events(), events) << "a HEAD request joined the chain";
  EXPECT_EQ(audit_rows("product.label_printed"), printed);
  // The same headers as the print itself, which is recorded.
  const auto get = lab.get(path);
  ASSERT_EQ(get.status, 200) << get.body;
  for (const char* h : {"content-type", "content-disposition", "content-length"})
    EXPECT_EQ(head.header(h), get.header(h)) << h;
  EXPECT_EQ(label_events(), events + 1);
  EXPECT_EQ(audit_rows("product.label_printed"), printed + 1);

  const Client coordinator = signed_in("coordinator.a");
  const auto wristbands = audit_rows("patient.wristband_printed");
  const auto band = coordinator.call("HEAD", wristband_path(clinic_->seeded.patient_a));
  ASSERT_EQ(band.status, 200) << band.body;
  EXPECT_EQ(band.header("content-type").rfind("image/svg+xml", 0), 0u);
  EXPECT_EQ(audit_rows("patient.wristband_printed"), wristbands);
}

}  // namespace
}  // namespace rp::test
