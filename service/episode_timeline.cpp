// The clinician's timeline of one episode, read with its audit row, and the rendered
// timeline cache that serves repeated reads while nothing in the store has changed.
#include <utility>

#include "base/error.hpp"
#include "service/audit_entry.hpp"
#include "service/centre_scope.hpp"
#include "service/episode_access.hpp"
#include "service/submissions.hpp"

namespace rp::service {
namespace {

EpisodeTimeline read_timeline(store::Transaction& tx, const Actor& actor, std::int64_t episode_id) {
  EpisodeTimeline t;
  t.record.episode = visible_episode(tx, actor, episode_id);
  t.record.schedule = tx.schedule_of(episode_id);
  t.record.transitions = tx.transitions_of(episode_id);
  t.record.eligibility = tx.eligibility_of(episode_id);
  t.questionnaires = tx.responses_of(episode_id);
  t.events = tx.adverse_events_of(episode_id);
  return t;
}

store::AuditEntry timeline_audit(const Clock& clock, const Actor& actor, const std::string& centre,
                                 std::int64_t episode_id) {
  return audit_entry(clock, actor, centre, "episode.read", "episode", std::to_string(episode_id), "timeline");
}

}  // namespace

EpisodeTimeline Submissions::timeline(const Actor& actor, std::int64_t episode_id) {
  require(actor, Permission::patient_read);
  EpisodeTimeline t;
  store_.write(record_scope(actor), [&](store::Transaction& tx) {
    t = read_timeline(tx, actor, episode_id);
    tx.append_audit(timeline_audit(clock_, actor, t.record.episode.centre_id, episode_id));
  });
  return t;
}

Submissions::AuditWrite Submissions::timeline_audit_write(const Actor& actor, std::int64_t episode_id) {
  AuditWrite w;
  if (auto centre = centres_.find(episode_id)) {
    if (!actor.sees_centre(*centre)) throw NotFoundError("episode", "episode_not_found"_err, {{"id", episode_id}});
    w.entry = timeline_audit(clock_, actor, *centre, episode_id);
    return w;
  }
  w.read_centre = std::make_shared<std::string>();
  w.lookup_and_row = [this, actor, episode_id, centre = w.read_centre](store::Transaction& tx) {
    const Episode e = visible_episode(tx, actor, episode_id);
    tx.append_audit(timeline_audit(clock_, actor, e.centre_id, episode_id));
    *centre = e.centre_id;
  };
  return w;
}

std::function<void(store::Transaction&)> Submissions::AuditWrite::write() const {
  if (!entry) return lookup_and_row;
  return [row = *entry](store::Transaction& tx) { tx.append_audit(row); };
}

void Submissions::AuditWrite::committed(EpisodeCentres& centres, std::int64_t episode_id) const {
  // Only once committed: an episode read inside a batch that then failed may not exist.
  if (read_centre && !read_centre->empty()) centres.remember(episode_id, *read_centre);
}

void Submissions::rendered_timeline_then(const Actor& actor, std::int64_t episode_id, std::string variant,
                                         std::function<std::string(const EpisodeTimeline&)> render,
                                         std::function<void(Fetch)> done) {
  require(actor, Permission::patient_read);
  AuditWrite audit = timeline_audit_write(actor, episode_id);
  auto entry = std::move(audit.entry);
  auto lookup_and_row = std::move(audit.lookup_and_row);
  auto then = [this, actor, episode_id, audit = std::move(audit), variant = std::move(variant),
               render = std::move(render), done = std::move(done)](const std::exception_ptr& error) {
    if (!error) audit.committed(centres_, episode_id);
    // Only after the audit row is durable (or refused) is the rendering handed out.
    done([this, actor, episode_id, variant, render, error] {
      if (error) std::rethrow_exception(error);
      return timeline_after_audit(actor, episode_id, variant, render);
    });
  };
  if (entry) {
    store_.audit_then(std::move(*entry), std::move(then));
  } else {
    store_.write_then(record_scope(actor), std::move(lookup_and_row), std::move(then));
  }
}

Submissions::Rendering Submissions::timeline_after_audit(
    const Actor& actor, std::int64_t episode_id, const std::string& variant,
    const std::function<std::string(const EpisodeTimeline&)>& render) {
  const auto generation = store_.data_generation();
  if (generation) {
    if (auto body = timelines_.find(episode_id, variant, *generation)) return body;
  }
  EpisodeTimeline t;
  store_.read(record_scope(actor), [&](store::Transaction& tx) { t = read_timeline(tx, actor, episode_id); });
  auto body = std::make_shared<const CompressibleText>(render(t));
  if (generation) timelines_.put(episode_id, variant, *generation, body);
  return body;
}

}  // namespace rp::service
