#include "demo/product_walk.hpp"

namespace rp::demo {

ProductCrew ProductCrew::of(const service::Actor& op) {
  service::Actor second = op;
  second.user = op.user + ".second";
  return {op, op, second, op};
}

std::string walk_product(store::Store& store, const Clock& clock, const ProductCrew& crew, std::int64_t episode,
                         EpisodeState until) {
  Episode e;
  std::string mrn;
  store.read([&](store::Transaction& tx) {
    e = *tx.find_episode(episode);
    mrn = tx.find_patient(e.patient_id)->mrn;
  });
  service::Products products(store, clock);
  service::HarvestRecord h;
  h.episode_id = episode;
  h.wristband_mrn = mrn;
  h.source = e.cell_source.value_or(CellSource::bone_marrow);
  h.volume_ml = 60;
  h.location = "theatre";
  const std::string din = product::parse_din(products.register_harvest(crew.theatre, h).front().din).with_check();
  if (until == EpisodeState::harvested) return din;

  products.receive(crew.lab, din, 4.0, "lab");
  products.process(crew.lab, din, product::Method::density_gradient, std::nullopt);
  service::QcRecord qc;
  qc.total_nucleated_cells = 1.5e8;
  qc.viability_percent = 90;
  qc.sterility = product::QcTest{product::QcResult::passed, std::nullopt};
  qc.endotoxin = product::QcTest{product::QcResult::passed, std::nullopt};
  qc.mycoplasma = product::QcTest{product::QcResult::passed, std::nullopt};
  qc.complete = true;
  products.record_qc(crew.lab, din, qc);
  products.release(crew.releaser, din, std::nullopt);
  if (until == EpisodeState::product_released) return din;

  service::Actor surgeon = crew.surgeon;
  if (e.injected_by) surgeon.user = *e.injected_by;
  service::InjectionRecord shot;
  shot.din = din;
  shot.mrn = mrn;
  shot.guidance = e.guidance.value_or(Guidance::ultrasound);
  shot.location = "injection room";
  products.inject(surgeon, shot);
  return din;
}

}  // namespace rp::demo
