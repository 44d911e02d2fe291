#pragma once
// A clinic with cell products, for the product and label route tests: centre a's episode
// walked to its harvest, which gives two products, one released and one only received.
#include <SQLiteCpp/SQLiteCpp.h>

#include "../service/eligible_findings.hpp"
#include "domain/product/din.hpp"
#include "http_test_support.hpp"
#include "service/products.hpp"

namespace rp::test {

struct ProductRouteClinic {
  std::string released, received;  // DINs with their check characters
};

// Episode a walked to its harvest, which gives two products: one released, one only received.
inline ProductRouteClinic build_product_route_clinic(const std::string& db, const Seeded& seeded) {
  auto store = store::open_sqlite(db);
  const service::Actor coordinator{"coordinator.a", service::Role::coordinator, "a"};
  const service::Actor surgeon{"surgeon.a", service::Role::surgeon, "a"};
  const service::Actor lab{"lab.a", service::Role::lab, "a"};
  const service::Actor second_lab{"lab2.a", service::Role::lab, "a"};
  service::Pathway pathway(*store, Clock::system());
  const auto episode = seeded.episode_a;
  pathway.advance(coordinator, episode, {EpisodeState::screening, "", std::nullopt});
  pathway.assess_eligibility(surgeon, episode, eligible_hip_findings());
  pathway.advance(surgeon, episode, {EpisodeState::eligible, "", std::nullopt});
  pathway.advance(surgeon, episode, {EpisodeState::workup, "", std::nullopt});
  const CivilDate today = Clock::system().today();
  pathway.plan(coordinator, episode, today, today);
  pathway.advance(coordinator, episode, {EpisodeState::scheduled, "", std::nullopt});

  service::Products products(*store, Clock::system());
  service::HarvestRecord h;
  h.episode_id = episode;
  h.wristband_mrn = "MRN-a";
  h.volume_ml = 60;
  h.products = 2;
  h.location = "theatre 1";
  const auto made = products.register_harvest(surgeon, h);
  ProductRouteClinic c{product::parse_din(made.at(0).din).with_check(),
                       product::parse_din(made.at(1).din).with_check()};
  products.receive(lab, c.released, 4.0, "lab");
  products.receive(lab, c.received, 4.0, "lab");
  products.process(lab, c.released, product::Method::density_gradient, std::nullopt);
  service::QcRecord qc;
  qc.total_nucleated_cells = 2.1e8;
  qc.viability_percent = 92;
  qc.sterility = product::QcTest{product::QcResult::passed, std::nullopt};
  qc.complete = true;
  products.record_qc(lab, c.released, qc);
  products.release(second_lab, c.released, std::nullopt);
  return c;
}

inline std::int64_t product_route_audit_count(const std::string& db, const std::string& action) {
  SQLite::Database d(db);
  SQLite::Statement q(d, "SELECT COUNT(*) FROM audit_log WHERE action = ?");
  q.bind(1, action);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

// The clinic in a fresh SQLite file with a server over it, for one test suite.
struct ProductClinicServer {
  explicit ProductClinicServer(const std::string& file)
      : db(dir.file(file)), seeded(seed(db)), clinic(build_product_route_clinic(db, seeded)), server(db) {}
  Client signed_in(const std::string& user) const {
    Client c{server.port()};
    EXPECT_EQ(c.login(user).status, 200);
    return c;
  }

  TempDir dir;
  std::string db;
  Seeded seeded;
  ProductRouteClinic clinic;
  ServerProcess server;
};

}  // namespace rp::test
