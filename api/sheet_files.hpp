#pragma once
// A printed A4 sheet as the answer of a route (the payment plan's, the estimate's): the
// language its query asks for, and the PDF as a file to open in the browser.
#include <string>

#include "api/contract/labels.hpp"
#include "api/http/router.hpp"
#include "api/labels/label.hpp"

namespace rp::api {

// en (the default) or fa; InputError(lang, not_one_of) for another.
std::string sheet_language(const contract::SheetQuery& q);

// The sheet drawn as a PDF, to open inline as `name`.pdf.
http::Response sheet_pdf(const labels::Label& sheet, const std::string& name);

}  // namespace rp::api
