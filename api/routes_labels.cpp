// Printable labels (issue 17): the cell product's label with its DIN in Code 128, and the
// patient's wristband with the record number in Code 128, as SVG or PDF. Each print is
// recorded by the service (service/labels.hpp); api/labels draws them.
#include <algorithm>

#include "api/contract/labels.hpp"
#include "api/labels/layouts.hpp"
#include "api/routes.hpp"
#include "base/error.hpp"
#include "service/labels.hpp"

namespace rp::api {
namespace {

std::string one_of(const std::optional<std::string>& value, const std::vector<std::string>& allowed,
                   const char* field) {
  if (!value) return allowed.front();
  if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end())
    throw InputError(field, "not_one_of"_err, {{"value", *value}, {"allowed", allowed[0] + ", " + allowed[1]}});
  return *value;
}

// A HEAD request answers the print's headers without printing: nothing is recorded.
service::LabelPrint label_print(const http::Call& c, const contract::LabelQuery& q) {
  return {one_of(q.format, contract::label_formats(), "format"), one_of(q.lang, contract::label_languages(), "lang"),
          q.location.value_or(""), c.request.method != "HEAD"};
}

std::string drawn(const labels::Label& label, const std::string& format) {
  return format == "pdf" ? labels::pdf(label) : labels::svg(label);
}

http::Response label_file(std::string body, const std::string& format, const std::string& name) {
  http::Response res;
  res.body = std::move(body);
  res.content_type = format == "pdf" ? "application/pdf" : "image/svg+xml; charset=utf-8";
  res.headers.emplace_back("Content-Disposition", "inline; filename=\"" + name + "." + format + "\"");
  return res;
}

}  // namespace

void add_label_routes(http::Router& r, Services& s) {
  r.add({"GET",
         "/api/v1/products/{din}/label",
         "The product's label: the DIN in Code 128 (ISBT 128: data identifier, DIN, type-3 flag), the DIN with its "
         "check character boxed, what the product is, the donor's name and record number, the harvest date and "
         "expiry. Each print is a label_printed event in the product's chain. A malformed or wrongly checked DIN is a "
         "422 naming din; another centre's product is not found",
         service::Permission::episode_read,
         {},
         "",
         false,
         false,
         http::answering_files({"image/svg+xml", "application/pdf"},
                               http::querying<contract::LabelQuery>([&s](http::Call& c, const contract::LabelQuery& q) {
                                 const auto print = label_print(c, q);
                                 std::string name;
                                 auto body = service::Labels(s.store, s.clock)
                                                 .product_label(
                                                     c.actor, c.request.params.at("din"), print,
                                                     [&](const product::Product& p, const Patient& donor) {
                                                       const auto label = labels::product_label(p, donor, print.lang);
                                                       name = "label-" + product::Din::parse13(p.din).with_check();
                                                       return drawn(label, print.format);
                                                     });
                                 return label_file(std::move(body), print.format, name);
                               }))});
  r.add({"GET",
         "/api/v1/patients/{patient_id}/wristband",
         "The patient's wristband: the record number in Code 128, the name, the record number and birth date. Each "
         "print is an audit row. A record number a barcode cannot carry is a 409 naming mrn",
         service::Permission::patient_read,
         {},
         "",
         false,
         false,
         http::answering_files(
             {"image/svg+xml", "application/pdf"},
             http::querying<contract::LabelQuery>([&s](http::Call& c, const contract::LabelQuery& q) {
               const auto print = label_print(c, q);
               const auto id = http::id_param(c.request.params.at("patient_id"), "patient");
               auto body = service::Labels(s.store, s.clock).wristband(c.actor, id, print, [&](const Patient& p) {
                 return drawn(labels::wristband_label(p, print.lang), print.format);
               });
               return label_file(std::move(body), print.format, "wristband-" + std::to_string(id));
             }))});
}

}  // namespace rp::api
