// Printable labels at the command line: `product label DIN` and `patient wristband --mrn`,
// as SVG or PDF, on standard output or into a file (then a JSON line says what was
// written). Each print is recorded like the server's (service/labels.hpp).
#include <fstream>
#include <iostream>

#include "api/labels/layouts.hpp"
#include "app/cli.hpp"
#include "app/store_options.hpp"
#include "base/error.hpp"
#include "service/labels.hpp"

namespace rp::app {
namespace {

struct LabelOptions {
  std::string db = kDefaultDb;
  std::string din, mrn, centre, format = "svg", lang = "en", out, location, by;
};

void add_label_options(CLI::App* cmd, LabelOptions& o) {
  add_db_option(cmd, o.db);
  cmd->add_option("--format", o.format, "svg or pdf (for the label printer)")->capture_default_str();
  cmd->add_option("--lang", o.lang, "en (Gregorian dates) or fa (Jalali dates, Persian digits)")->capture_default_str();
  cmd->add_option("--out", o.out, "write the label to this file (default: standard output)");
  cmd->add_option("--location", o.location, "where the label is printed");
  cmd->add_option("--by", o.by, "who prints it, for the audit row");
}

service::LabelPrint print_of(const LabelOptions& o) {
  if (o.format != "svg" && o.format != "pdf")
    throw InputError("format", "not_one_of"_err, {{"value", o.format}, {"allowed", "svg, pdf"}});
  if (o.lang != "en" && o.lang != "fa")
    throw InputError("lang", "not_one_of"_err, {{"value", o.lang}, {"allowed", "en, fa"}});
  return {o.format, o.lang, o.location};
}

service::Actor actor_of(const LabelOptions& o) {
  service::Actor a = service::Actor::cli_operator();
  if (!o.by.empty()) a.user = "cli:" + o.by;
  return a;
}

std::string drawn(const labels::Label& label, const std::string& format) {
  return format == "pdf" ? labels::pdf(label) : labels::svg(label);
}

// Where the label goes: the file is opened before anything is drawn or recorded, so a
// print is never recorded for a file that cannot be written.
class Destination {
 public:
  explicit Destination(const LabelOptions& o) : o_(o) {
    if (o.out.empty()) return;
    file_.open(o.out, std::ios::binary | std::ios::trunc);
    if (!file_) throw InputError("out", "cannot_write_file"_err, {{"path", o.out}});
  }
  void deliver(const std::string& body) {
    if (o_.out.empty()) {
      std::cout.write(body.data(), static_cast<std::streamsize>(body.size()));
      std::cout.flush();
      return;
    }
    file_.write(body.data(), static_cast<std::streamsize>(body.size()));
    file_.close();
    if (!file_) throw InputError("out", "cannot_write_file"_err, {{"path", o_.out}});
    print_json({{"file", o_.out}, {"format", o_.format}, {"lang", o_.lang}, {"bytes", body.size()}});
  }

 private:
  const LabelOptions& o_;
  std::ofstream file_;
};

}  // namespace

void add_product_label_command(CLI::App* product) {
  auto o = std::make_shared<LabelOptions>();
  auto* label = product->add_subcommand("label", "The product's label: DIN in Code 128, donor, harvest and expiry");
  label->add_option("DIN", o->din, "the DIN as typed (with its check character) or scanned")->required();
  add_label_options(label, *o);
  label->callback([o] {
    const auto print = print_of(*o);
    Destination to(*o);
    auto store = open_store(o->db);
    to.deliver(service::Labels(*store, Clock::system())
                   .product_label(actor_of(*o), o->din, print, [&](const product::Product& p, const Patient& donor) {
                     return drawn(labels::product_label(p, donor, print.lang), print.format);
                   }));
  });
}

void add_patient_wristband_command(CLI::App* patient) {
  auto o = std::make_shared<LabelOptions>();
  auto* band = patient->add_subcommand("wristband", "The patient's wristband: the record number in Code 128");
  band->add_option("--mrn", o->mrn, "the patient's record number")->required();
  band->add_option("--centre", o->centre, "the patient's centre, where the record number is at more than one");
  add_label_options(band, *o);
  band->callback([o] {
    const auto print = print_of(*o);
    Destination to(*o);
    auto store = open_store(o->db);
    to.deliver(service::Labels(*store, Clock::system())
                   .wristband_by_mrn(actor_of(*o), o->mrn, o->centre, print, [&](const Patient& p) {
                     return drawn(labels::wristband_label(p, print.lang), print.format);
                   }));
  });
}

}  // namespace rp::app
