#pragma once
// A signed consent as a PDF (issue 21): the document as the patient read it on the day,
// in their language (Persian right to left, Jalali dates, Persian digits), every figure
// and study as shown, their answers, their typed name and drawn signature, and the
// witness's countersignature once given; A4 pages, as many as the text needs, each
// numbered. Its bytes are what the audit chain's hash is taken of, so it is drawn once,
// at signing (and again at countersigning), and kept.
#include <string>

#include "domain/consent/signing.hpp"

namespace rp::labels {

std::string consent_pdf(const consent::SignedConsent& signed_consent);

}  // namespace rp::labels
