// The FHIR import's use case (service/records_import.hpp) on every engine: a demo clinic's
// resources sent back by "another system" (a source of its own) are linked record by
// record, patients matched by national id rather than registered twice; the same resources
// again write nothing; the clinic's own export (its own source) writes nothing; a failure
// half way leaves nothing; an import goes on in the next transaction, and knows the records
// the earlier ones linked.
#include <gtest/gtest.h>

#include <set>

#include "api/fhir/from_fhir.hpp"
#include "api/fhir/resources.hpp"
#include "base/error.hpp"
#include "demo/demo.hpp"
#include "service/records_export.hpp"
#include "service/records_import.hpp"
#include "store_suite.hpp"

namespace rp::store {
namespace {

class RecordsImportTest : public test::EngineTest {
 protected:
  void SetUp() override {
    s_ = open();
    demo::build_demo(*s_, CivilDate::from_ymd(2026, 11, 24), 12);
  }

  // The clinic's export as resources by type, in the order an import reads them.
  std::map<std::string, std::vector<nlohmann::json>> exported() {
    std::map<std::string, std::vector<nlohmann::json>> out;
    std::string source;
    service::RecordsExportSink sink;
    sink.centres = [&](const std::vector<Centre>& centres, const std::string& from) {
      source = from;
      for (const auto& c : centres)
        out["Organization"].push_back(nlohmann::json::parse(api::fhir::organization(c, source).dump()));
    };
    sink.patient = [&](const service::PatientRecords& p) {
      api::fhir::patient_resources(p, source, [&](nlohmann::ordered_json&& r) {
        out[r["resourceType"].get<std::string>()].push_back(nlohmann::json::parse(r.dump()));
      });
    };
    service::export_records(*s_, Clock::fixed(1'780'000'000'000), service::Actor::cli_operator(), {}, sink);
    return out;
  }

  service::ImportCounts take(const std::map<std::string, std::vector<nlohmann::json>>& resources,
                             const std::optional<std::string>& source) {
    service::ImportCounts counts;
    s_->write([&](Transaction& tx) {
      service::RecordsImport import(tx, Clock::fixed(1'780'000'000'000), service::Actor::cli_operator());
      for (const auto& type : api::fhir::imported_types()) {
        auto it = resources.find(type);
        if (it == resources.end()) continue;
        for (auto body : it->second) {
          if (source) body["meta"]["source"] = *source;
          api::fhir::take_resource(api::fhir::read_ndjson_line(body.dump(), type), &import);
        }
      }
      import.finish();
      counts = import.counts();
    });
    return counts;
  }

  std::int64_t count(const std::string& kind) {
    std::int64_t n = 0;
    s_->read([&](Transaction& tx) { n = static_cast<std::int64_t>(tx.record_ids(kind).size()); });
    return n;
  }

  std::unique_ptr<Store> s_;
};
INSTANTIATE_ENGINES(RecordsImportTest);

TEST_P(RecordsImportTest, AnotherSystemsResourcesAreLinkedOnceAndTheSameAgainWriteNothing) {
  const auto resources = exported();
  const std::int64_t patients = count("patient"), episodes = count("episode");
  const auto first = take(resources, "urn:other-system");
  // The same people are the same patients; their episodes are new records of this clinic.
  EXPECT_EQ(first.created.count("Patient"), 0U);
  EXPECT_EQ(first.unchanged.at("Patient"), patients);
  EXPECT_EQ(first.created.at("CarePlan"), episodes);
  EXPECT_EQ(count("patient"), patients);
  EXPECT_EQ(count("episode"), 2 * episodes);
  const auto again = take(resources, "urn:other-system");
  EXPECT_TRUE(again.created.empty());
  EXPECT_EQ(again.unchanged.at("CarePlan"), episodes);
  EXPECT_EQ(count("episode"), 2 * episodes);
}

TEST_P(RecordsImportTest, APatientsLinksAreWhatTheImportTookInOfTheirRecord) {
  const auto resources = exported();
  // A patient with answers: the first answer set's.
  const auto first_patient = [&] {
    return std::stoll(
        resources.at("QuestionnaireResponse").front()["subject"]["reference"].get<std::string>().substr(8));
  };
  std::vector<FhirLinkRow> before;
  s_->read([&](Transaction& tx) { before = tx.fhir_links_of_patient(first_patient()); });
  EXPECT_TRUE(before.empty());
  const auto counts = take(resources, "urn:other-system");
  std::vector<FhirLinkRow> links;
  std::set<std::string> kinds, every_resource;
  std::int64_t every_link = 0;
  s_->read([&](Transaction& tx) {
    links = tx.fhir_links_of_patient(first_patient());
    for (const auto& id : tx.record_ids("patient"))
      for (const auto& l : tx.fhir_links_of_patient(id)) {
        every_resource.insert(l.resource);
        ++every_link;
      }
  });
  for (const auto& l : links) {
    kinds.insert(l.record_kind);
    EXPECT_EQ(l.source, "urn:other-system");
  }
  // The patient (matched by national id: the clinic's own consents stay), its episodes and
  // answers.
  EXPECT_TRUE(kinds.count("patient"));
  EXPECT_TRUE(kinds.count("episode"));
  EXPECT_TRUE(kinds.count("response"));
  EXPECT_FALSE(kinds.count("consent"));
  EXPECT_TRUE(std::is_sorted(links.begin(), links.end(), [](const FhirLinkRow& a, const FhirLinkRow& b) {
    return std::tie(a.source, a.resource) < std::tie(b.source, b.resource);
  }));
  // Each link is one patient's, and every answer taken in is some patient's.
  EXPECT_EQ(static_cast<std::int64_t>(every_resource.size()), every_link);
  std::int64_t responses = 0;
  for (const auto& r : every_resource) responses += r.rfind("QuestionnaireResponse/", 0) == 0;
  EXPECT_EQ(responses, counts.created.at("QuestionnaireResponse"));
}

TEST_P(RecordsImportTest, TheClinicsOwnExportWritesNothing) {
  const auto resources = exported();
  const std::int64_t episodes = count("episode");
  const auto own = take(resources, std::nullopt);
  EXPECT_TRUE(own.created.empty());
  EXPECT_EQ(own.unchanged.at("QuestionnaireResponse"),
            static_cast<std::int64_t>(resources.at("QuestionnaireResponse").size()));
  EXPECT_EQ(count("episode"), episodes);
}

TEST_P(RecordsImportTest, AFailureHalfWayLeavesNothing) {
  auto resources = exported();
  const std::int64_t episodes = count("episode");
  // The last answer set names a patient nobody sent.
  resources["QuestionnaireResponse"].back()["subject"]["reference"] = "Patient/nobody";
  EXPECT_THROW(take(resources, "urn:other-system"), InputError);
  EXPECT_EQ(count("episode"), episodes);
  const auto clean = exported();
  EXPECT_EQ(take(clean, "urn:other-system").created.at("CarePlan"), episodes) << "no link was left behind";
}

TEST_P(RecordsImportTest, AnImportGoesOnInTheNextTransactionAndKnowsWhatTheEarlierOnesLinked) {
  const auto resources = exported();
  const std::string other = "urn:other-system";
  const std::int64_t episodes = count("episode");
  const auto take_types = [&](service::RecordsImport& import, const std::vector<std::string>& types) {
    for (const auto& type : types)
      for (auto body : resources.at(type)) {
        body["meta"]["source"] = other;
        api::fhir::take_resource(api::fhir::read_ndjson_line(body.dump(), type), &import);
      }
  };
  std::optional<service::RecordsImport> import;
  s_->write([&](Transaction& tx) {
    import.emplace(tx, Clock::fixed(1'780'000'000'000), service::Actor::cli_operator());
    take_types(*import, {"Organization", "Patient", "Consent", "Condition", "CarePlan", "Procedure", "Appointment"});
    import->finish();
  });
  EXPECT_EQ(count("episode"), 2 * episodes) << "the first transaction is committed";
  // The answers in a second transaction: their plans are found through the links the first
  // wrote. Its first attempt fails (as a serialization failure would) and the store runs it
  // again: what the failed attempt counted is forgotten.
  EXPECT_THROW(s_->write([&](Transaction& tx) {
    import->continue_in(tx);
    take_types(*import, {"QuestionnaireResponse"});
    throw std::runtime_error("the attempt failed");
  }),
               std::runtime_error);
  s_->write([&](Transaction& tx) {
    import->retry_in(tx);
    take_types(*import, {"QuestionnaireResponse"});
    import->finish();
  });
  EXPECT_EQ(import->counts().created.at("CarePlan"), episodes);
  EXPECT_EQ(import->counts().created.at("QuestionnaireResponse"),
            static_cast<std::int64_t>(resources.at("QuestionnaireResponse").size()));

  const std::string patient = "Patient/" + resources.at("Patient").front()["id"].get<std::string>();
  const std::string plan = "CarePlan/" + resources.at("CarePlan").front()["id"].get<std::string>();
  const std::string centre = "Organization/" + resources.at("Organization").front()["id"].get<std::string>();
  s_->read([&](Transaction& tx) {
    service::RecordsImport view(tx, Clock::fixed(1'780'000'000'000), service::Actor::cli_operator());
    const std::string own = service::export_source(tx);
    EXPECT_TRUE(view.knows(other, patient));
    EXPECT_TRUE(view.knows(other, plan));
    EXPECT_FALSE(view.knows(other, "Patient/nobody"));
    EXPECT_FALSE(view.knows("urn:a-third-system", patient)) << "a link is its sender's";
    EXPECT_TRUE(view.knows(own, patient)) << "this store's own ids";
    EXPECT_TRUE(view.knows(own, plan));
    EXPECT_FALSE(view.knows(own, "Patient/999999999"));
    EXPECT_TRUE(view.knows(other, centre));
    EXPECT_FALSE(view.knows(other, "Organization/no-such-centre"));
  });
}

}  // namespace
}  // namespace rp::store
