#include "api/sheet_files.hpp"

#include "base/error.hpp"

namespace rp::api {

std::string sheet_language(const contract::SheetQuery& q) {
  std::string lang = q.lang.value_or("en");
  if (lang != "en" && lang != "fa")
    throw InputError("lang", "not_one_of"_err, {{"value", lang.substr(0, 8)}, {"allowed", "en, fa"}});
  return lang;
}

http::Response sheet_pdf(const labels::Label& sheet, const std::string& name) {
  http::Response res;
  res.body = labels::pdf(sheet);
  res.content_type = "application/pdf";
  res.headers.emplace_back("Content-Disposition", "inline; filename=\"" + name + ".pdf\"");
  return res;
}

}  // namespace rp::api
