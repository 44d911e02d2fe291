#pragma once
// Who pays what of a treatment's price (issue 19). Insurance rules are data
// (insurance/insurers.yaml in the data folder): a basic insurer (social security, medical
// services) pays nothing for this treatment; a supplementary insurer pays a share of the
// items it covers, up to a ceiling, once the patient has been insured for its waiting
// period. The estimate shows each payer's share and the patient's: an insurer's share is
// rounded up to the rial (in the patient's favour) and the patient pays the rest, so the
// shares sum to the total exactly. Pure.
#include <string>
#include <string_view>
#include <vector>

#include "base/money.hpp"
#include "domain/cost/price_list.hpp"
#include "domain/protocol.hpp"

namespace rp::cost {

enum class InsurerKind { basic, supplementary };

struct Insurer {
  std::string id;
  LocalText name;
  InsurerKind kind = InsurerKind::basic;
  int share_percent = 0;          // of the covered items; 0 for a basic insurer
  Money ceiling;                  // the most it pays for one treatment; zero: no ceiling
  std::vector<PriceItem> covers;  // the items its share applies to
  int waiting_months = 0;         // insured this long before it pays anything
  LocalText conditions;           // what else it asks, as its staff would say it
};

class InsuranceRules {
 public:
  // Reads insurers.yaml's text. InputError("insurance", insurance_rules) naming the
  // insurer and key: a share over 100 % or a basic insurer's share above 0, an unknown
  // item, a negative ceiling or waiting period, an id twice, a name missing a language.
  static InsuranceRules parse(std::string_view yaml_text);
  const std::vector<Insurer>& insurers() const { return insurers_; }
  // InputError(field, unknown_insurer) naming the known ones.
  const Insurer& find(std::string_view id, std::string_view field = "insurer") const;
  // The insurer's name, or its id in both languages when the rules no longer list it (a
  // plan agreed before an insurer was taken out of the file still names it).
  LocalText name_of(std::string_view id) const;

 private:
  std::vector<Insurer> insurers_;
};

struct PayerShare {
  std::string insurer;  // the insurer's id
  Money amount;
  // pays_nothing (a basic insurer, or nothing it covers), waiting_period (not insured long
  // enough yet), share (its percentage), ceiling (its percentage reached the ceiling),
  // rest_paid (the other payers left less than its share)
  std::string why;
};

struct Estimate {
  std::vector<PriceLine> lines;
  Money total;
  std::vector<PayerShare> payers;  // in the order given
  Money patient;                   // total less every payer's share
};

// The estimate of `lines` with the patient's insurers (months insured by each, in
// order): each pays its share of what it covers, never more than is left to pay.
struct Cover {
  const Insurer* insurer = nullptr;
  int months_insured = 0;
};
Estimate estimate(const std::vector<PriceLine>& lines, const std::vector<Cover>& cover);

}  // namespace rp::cost
