#pragma once
// The two labels regenpath prints, laid out in the label's language: English with
// Gregorian ISO dates, Persian right to left with Jalali dates and Persian digits (the DIN
// and the record number stay as they are scanned and typed).
#include <string_view>

#include "api/labels/label.hpp"
#include "domain/patient.hpp"
#include "domain/product/product.hpp"

namespace rp::labels {

// The cell product's label: the DIN in Code 128 as the ISBT 128 data structure (data
// identifier '=', the DIN, the type-3 flag), the DIN to read with its check character
// boxed, what the product is, its donor and record number, the harvest date and expiry.
Label product_label(const product::Product& p, const Patient& donor, std::string_view lang);

// The patient's wristband: the record number in Code 128, the name and the record number.
Label wristband_label(const Patient& patient, std::string_view lang);

}  // namespace rp::labels
