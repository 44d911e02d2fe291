// The derived outcome rows' rules (outcome_rows.hpp). They follow the whole-table read
// (store/*/..._outcomes.cpp) fact by fact, so that both give the same columns.
#include "store/outcome_rows.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace rp::store {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

int index_of(const std::vector<std::string>& list, std::string_view text) {
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i] == text) return static_cast<int>(i);
  return -1;
}

// The facts blob: fixed-width native integers and doubles, strings prefixed by length.
// A blob is read by the machine that wrote it or one of the same byte order (x86-64 and
// arm64 alike); a copied database recomputes nothing, so this is the one assumption.
class Writer {
 public:
  template <class T>
  void put(T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    s_.append(b, sizeof(T));
  }
  void text(std::string_view t) {
    put(static_cast<std::uint16_t>(std::min<std::size_t>(t.size(), 65535)));
    s_.append(t.substr(0, 65535));
  }
  std::string take() { return std::move(s_); }

 private:
  std::string s_;
};

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  template <class T>
  T get() {
    T v{};
    if (at_ + sizeof(T) > s_.size()) throw std::runtime_error("outcome_joints: a facts blob ends early");
    std::memcpy(&v, s_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  std::string_view text() {
    const auto n = get<std::uint16_t>();
    if (at_ + n > s_.size()) throw std::runtime_error("outcome_joints: a facts blob ends early");
    const std::string_view t = s_.substr(at_, n);
    at_ += n;
    return t;
  }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

}  // namespace

// Which answer of which instrument fills which measure (the whole-table read's mapping).
// Outside the anonymous namespace: JointFacts::Answer, declared in the header, holds one.
enum class AnswerInstrument : std::int8_t { nrs, hoos, oxford, global, returned, other };

namespace {

AnswerInstrument instrument_of(std::string_view name) {
  if (name == "nrs") return AnswerInstrument::nrs;
  if (name == "hoos") return AnswerInstrument::hoos;
  if (name == "oxford-hip") return AnswerInstrument::oxford;
  if (name == "patient-global") return AnswerInstrument::global;
  if (name == "return-to-activity") return AnswerInstrument::returned;
  return AnswerInstrument::other;
}

// Item mask bits in the blob.
constexpr std::uint8_t kHasWindow = 1, kHasReturned = 1 << 6;
constexpr std::uint8_t value_bit(int measure) { return static_cast<std::uint8_t>(1 << (measure + 1)); }

}  // namespace

std::int32_t outcome_day_of(std::string_view s) {
  // Days since 1970-01-01 (H. Hinnant's days_from_civil).
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return kNoDay;
  auto digits = [s](int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = digits(0, 4);
  const int m = digits(5, 2), d = digits(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return kNoDay;
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// ---- JointFacts ----

struct JointFacts::Joint {
  std::int64_t episode = 0;
  bool known = false;  // the first episode was read (of the protocol table, with its patient)
  std::string protocol, centre, birth, injected_on, op;
  bool consent = false, has_op = false;
  std::int8_t kl = EpisodeColumns::kUnknown, cell = EpisodeColumns::kUnknown;
  std::int32_t converted = kNoDay, exit = kNoDay, last_contact = kNoDay, repeat = kNoDay, untriaged = 0;
  std::unordered_map<std::int64_t, std::string> repeat_injected;  // repeat -> MIN(on_date)
  struct Item {
    std::string id;
    std::uint8_t mask = 0;
    std::int32_t window = kNoDay, returned_after = kNoDay;
    double value[kPromMeasures] = {kNaN, kNaN, kNaN, kNaN, kNaN};
    double returned = kNaN;
    std::int32_t back = kNoDay;
  };
  std::vector<Item> items;
  struct Event {
    std::int64_t id;
    std::int8_t grade, serious, assessed;
    std::string category;
  };
  std::vector<Event> events;
  Item& item(std::string_view id) {
    for (Item& i : items)
      if (i.id == id) return i;
    items.push_back({std::string(id)});
    return items.back();
  }
};

struct JointFacts::Answer {
  std::size_t joint;
  std::int64_t id;
  std::string item;
  AnswerInstrument instrument;
  struct Score {
    std::string name;
    double value;
    std::string text;
    bool has_text;
  };
  std::vector<Score> scores;
};

JointFacts::JointFacts(const std::vector<std::int64_t>& firsts,
                       const std::vector<std::pair<std::int64_t, std::int64_t>>& repeats) {
  joints_.resize(firsts.size());
  for (std::size_t i = 0; i < firsts.size(); ++i) {
    joints_[i].episode = firsts[i];
    member_[firsts[i]] = {i, true};
  }
  for (const auto& [episode, first] : repeats) {
    const auto it = member_.find(first);
    if (it != member_.end()) member_[episode] = {it->second.first, false};
  }
}

JointFacts::~JointFacts() = default;

JointFacts::Joint* JointFacts::joint_of(std::int64_t episode, bool* first) {
  const auto it = member_.find(episode);
  if (it == member_.end()) return nullptr;
  *first = it->second.second;
  return &joints_[it->second.first];
}

void JointFacts::first(std::int64_t episode, std::string_view protocol, std::string_view centre, bool consent_registry,
                       std::string_view birth_date, std::optional<int> kl_grade,
                       std::optional<std::string_view> cell_source, std::optional<std::string_view> injected_by) {
  bool is_first = false;
  Joint* j = joint_of(episode, &is_first);
  if (!j || !is_first) return;
  j->known = true;
  j->protocol = protocol;
  j->centre = centre;
  j->consent = consent_registry;
  j->birth = birth_date;
  j->kl = kl_grade ? static_cast<std::int8_t>(*kl_grade) : EpisodeColumns::kUnknown;
  j->cell = cell_source ? cell_source_index(*cell_source) : EpisodeColumns::kUnknown;
  j->has_op = injected_by.has_value();
  if (injected_by) j->op = *injected_by;
}

void JointFacts::transition(std::int64_t episode, std::string_view to_state, std::string_view on_date) {
  bool is_first = false;
  Joint* j = joint_of(episode, &is_first);
  if (!j) return;
  if (to_state == "injected") {
    // MIN(on_date) as text, as the whole-table read takes it.
    std::string& min = is_first ? j->injected_on : j->repeat_injected[episode];
    if (min.empty() || on_date < min) min = on_date;
    return;
  }
  auto& slot = to_state == "converted_to_thr" ? j->converted : j->exit;
  slot = std::max(slot, outcome_day_of(on_date));
}

void JointFacts::schedule_item(std::int64_t episode, std::string_view item_id, bool done,
                               std::optional<std::string_view> done_on, std::optional<std::string_view> window_end,
                               bool missed) {
  bool is_first = false;
  Joint* j = joint_of(episode, &is_first);
  if (!j) return;
  if (done) j->last_contact = std::max(j->last_contact, done_on ? outcome_day_of(*done_on) : kNoDay);
  if (!is_first) return;
  Joint::Item& item = j->item(item_id);
  item.mask |= kHasWindow;
  item.window = missed ? PromColumns::kMissedDay : window_end ? outcome_day_of(*window_end) : kNoDay;
}

void JointFacts::response(std::int64_t id, std::int64_t episode, std::string_view item_id, std::string_view instrument,
                          std::string_view submitted_at) {
  bool is_first = false;
  Joint* j = joint_of(episode, &is_first);
  if (!j) return;
  j->last_contact = std::max(j->last_contact, outcome_day_of(submitted_at));
  if (!is_first) return;
  answer_of_[id] = answers_.size();
  answers_.push_back(
      {static_cast<std::size_t>(j - joints_.data()), id, std::string(item_id), instrument_of(instrument), {}});
}

void JointFacts::score(std::int64_t response, std::string_view name, std::optional<double> value,
                       std::optional<std::string_view> text) {
  const auto it = answer_of_.find(response);
  if (it == answer_of_.end()) return;
  answers_[it->second].scores.push_back(
      {std::string(name), value.value_or(kNaN), std::string(text.value_or("")), text.has_value()});
}

void JointFacts::adverse_event(std::int64_t id, std::int64_t episode, bool red_flag, int ctcae_grade, bool serious,
                               bool assessed, std::string_view category) {
  bool is_first = false;
  Joint* j = joint_of(episode, &is_first);
  if (!j) return;
  if (red_flag) {
    ++j->untriaged;
    return;
  }
  j->events.push_back({id, static_cast<std::int8_t>(ctcae_grade), static_cast<std::int8_t>(serious),
                       static_cast<std::int8_t>(assessed || serious), std::string(category)});
}

std::vector<JointRow> JointFacts::rows() {
  // Answers in response id order: a later answer to the same item overwrites an earlier.
  std::sort(answers_.begin(), answers_.end(), [](const Answer& a, const Answer& b) { return a.id < b.id; });
  for (const Answer& a : answers_) {
    Joint& j = joints_[a.joint];
    Joint::Item& item = j.item(a.item);
    auto score = [&](std::string_view name) -> const Answer::Score* {
      for (const auto& s : a.scores)
        if (s.name == name) return &s;
      return nullptr;
    };
    auto set = [&](PromMeasure m, std::string_view name) {
      const auto* s = score(name);
      item.value[static_cast<int>(m)] = s ? s->value : kNaN;
    };
    switch (a.instrument) {
      case AnswerInstrument::nrs:
        set(PromMeasure::nrs_pain, "pain");
        break;
      case AnswerInstrument::hoos:
        set(PromMeasure::hoos_pain, "pain");
        set(PromMeasure::hoos_adl, "adl");
        break;
      case AnswerInstrument::oxford:
        set(PromMeasure::oxford_total, "total");
        break;
      case AnswerInstrument::global:
        set(PromMeasure::patient_global, "global");
        break;
      case AnswerInstrument::returned:
        if (const auto* r = score("returned"); r && !std::isnan(r->value)) {
          const auto* date = score("date");
          item.returned = r->value;
          item.back = date && date->has_text ? outcome_day_of(date->text) : kNoDay;
          item.mask |= kHasReturned;
        }
        break;
      case AnswerInstrument::other:
        break;
    }
  }
  std::vector<JointRow> out;
  for (Joint& j : joints_) {
    if (!j.known || j.injected_on.empty()) continue;  // not a treated joint
    const std::int32_t injected = outcome_day_of(j.injected_on);
    for (const auto& [repeat, on] : j.repeat_injected) {
      const std::int32_t day = outcome_day_of(on);
      if (day != kNoDay && (j.repeat == kNoDay || day < j.repeat)) j.repeat = day;
    }
    Writer w;
    w.put(injected);
    w.put(j.converted);
    w.put(j.exit);
    w.put(j.last_contact);
    w.put(j.repeat);
    w.put(age_band_of(j.birth, j.injected_on));
    w.put(j.kl);
    w.put(j.cell);
    w.put(j.untriaged);
    w.put(static_cast<std::uint8_t>(j.has_op));
    if (j.has_op) w.text(j.op);
    std::uint16_t items = 0;
    for (Joint::Item& item : j.items) {
      for (int m = 0; m < kPromMeasures; ++m)
        if (!std::isnan(item.value[m])) item.mask |= value_bit(m);
      items += item.mask != 0;
    }
    w.put(items);
    for (const Joint::Item& item : j.items) {
      if (item.mask == 0) continue;
      w.text(item.id);
      w.put(item.mask);
      if (item.mask & kHasWindow) w.put(item.window);
      for (int m = 0; m < kPromMeasures; ++m)
        if (item.mask & value_bit(m)) w.put(item.value[m]);
      if (item.mask & kHasReturned)
        w.put(static_cast<std::int64_t>(item.returned) == 0 || item.back == kNoDay || injected == kNoDay
                  ? PromColumns::kNotYet
                  : std::max(0, item.back - injected));
    }
    w.put(static_cast<std::uint32_t>(j.events.size()));
    for (const Joint::Event& e : j.events) {
      w.put(e.id);
      w.put(e.grade);
      w.put(e.serious);
      w.put(e.assessed);
      w.text(e.category);
    }
    out.push_back({j.episode, std::move(j.protocol), std::move(j.centre), j.consent, w.take()});
  }
  return out;
}

// ---- following repeat_of ----

std::vector<std::int64_t> first_episodes_of(JointSource& source, std::vector<std::int64_t> episodes) {
  std::vector<std::int64_t> firsts;
  std::sort(episodes.begin(), episodes.end());
  episodes.erase(std::unique(episodes.begin(), episodes.end()), episodes.end());
  // One level of repeat_of per round: a chain of repeats is short.
  while (!episodes.empty()) {
    const auto links = source.episodes_among(episodes);
    std::vector<std::int64_t> found, up;
    for (const auto& l : links) {
      found.push_back(l.id);
      (l.repeat_of == 0 ? firsts : up).push_back(l.repeat_of == 0 ? l.id : l.repeat_of);
    }
    std::sort(found.begin(), found.end());
    for (std::int64_t id : episodes)
      if (!std::binary_search(found.begin(), found.end(), id)) firsts.push_back(id);  // gone
    std::sort(up.begin(), up.end());
    up.erase(std::unique(up.begin(), up.end()), up.end());
    episodes = std::move(up);
  }
  std::sort(firsts.begin(), firsts.end());
  firsts.erase(std::unique(firsts.begin(), firsts.end()), firsts.end());
  return firsts;
}

std::vector<JointRow> joint_rows(JointSource& source, const std::vector<std::int64_t>& firsts) {
  if (firsts.empty()) return {};
  std::vector<std::pair<std::int64_t, std::int64_t>> repeats;  // (repeat, first)
  std::unordered_map<std::int64_t, std::int64_t> first_of;
  std::vector<std::int64_t> members = firsts, level = firsts;
  for (std::int64_t f : firsts) first_of[f] = f;
  while (!level.empty()) {
    std::vector<std::int64_t> next;
    for (const auto& l : source.repeats_of(level)) {
      const auto it = first_of.find(l.repeat_of);
      if (it == first_of.end() || first_of.count(l.id)) continue;
      first_of[l.id] = it->second;
      repeats.emplace_back(l.id, it->second);
      next.push_back(l.id);
    }
    members.insert(members.end(), next.begin(), next.end());
    level = std::move(next);
  }
  std::sort(members.begin(), members.end());
  JointFacts facts(firsts, repeats);
  source.read_facts(firsts, members, facts);
  return facts.rows();
}

std::size_t recompute_joints(
    JointSource& source, const std::vector<std::int64_t>& marked,
    const std::function<void(const std::vector<std::int64_t>& firsts, const std::vector<JointRow>& rows)>& store) {
  constexpr std::size_t kJointsPerRound = 50'000;
  const std::vector<std::int64_t> firsts = first_episodes_of(source, marked);
  for (std::size_t from = 0; from < firsts.size(); from += kJointsPerRound) {
    const auto begin = firsts.begin() + static_cast<std::ptrdiff_t>(from);
    const std::vector<std::int64_t> round(
        begin, begin + static_cast<std::ptrdiff_t>(std::min(kJointsPerRound, firsts.size() - from)));
    store(round, joint_rows(source, round));
  }
  return firsts.size();
}

std::string joined_ids(const std::vector<std::int64_t>& ids, char open, char close) {
  std::string a(1, open);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) a += ',';
    a += std::to_string(ids[i]);
  }
  return a + close;
}

bool joint_counts(const JointRow& row, const std::string& protocol, const ConsentScope& consent) {
  return row.protocol == protocol &&
         (consent.every_patient || row.consent_registry || row.centre == consent.own_centre);
}

// ---- OutcomeRowsMerge ----

struct OutcomeRowsMerge::Event {
  std::int64_t id;
  std::int32_t row;
  std::int8_t grade, serious, assessed;
  std::string category;
};

OutcomeRowsMerge::OutcomeRowsMerge(OutcomeColumns& out, const std::vector<std::string>& time_points,
                                   std::vector<std::int64_t> stale, std::vector<JointRow> fresh,
                                   const std::string& protocol, const ConsentScope& consent)
    : out_(out),
      time_points_(time_points),
      stale_(std::move(stale)),
      fresh_(std::move(fresh)),
      protocol_(protocol),
      consent_(consent) {
  out_.proms.resize(static_cast<int>(time_points.size()), 0);
  for (std::size_t c = 0; c < out_.centre_ids.size(); ++c)
    centres_.emplace(out_.centre_ids[c], static_cast<std::int32_t>(c));  // the first of a repeated id, as before
}

OutcomeRowsMerge::~OutcomeRowsMerge() = default;

void OutcomeRowsMerge::fresh_before(std::int64_t episode) {
  for (; next_fresh_ < fresh_.size() && fresh_[next_fresh_].episode < episode; ++next_fresh_) {
    const JointRow& r = fresh_[next_fresh_];
    if (joint_counts(r, protocol_, consent_)) add(r.centre, r.facts);
  }
}

void OutcomeRowsMerge::reserve(std::size_t rows) {
  EpisodeColumns& e = out_.episodes;
  for (auto* column : {&e.centre, &e.injection_day, &e.converted_day, &e.exit_day, &e.last_contact_day, &e.repeat_day,
                       &e.injecting_operator, &out_.adverse_events.untriaged_red_flags})
    column->reserve(rows);
  for (auto* column : {&e.age_band, &e.kl_grade, &e.cell_source}) column->reserve(rows);
  out_.proms.reserve(rows);
}

void OutcomeRowsMerge::stored(std::int64_t episode, std::string_view centre, std::string_view facts) {
  if (std::binary_search(stale_.begin(), stale_.end(), episode)) return;
  fresh_before(episode);
  add(centre, facts);
}

void OutcomeRowsMerge::add(std::string_view centre, std::string_view facts) {
  EpisodeColumns& e = out_.episodes;
  PromColumns& p = out_.proms;
  const auto row = static_cast<std::int32_t>(e.centre.size());
  Reader r(facts);
  const auto centre_at = centres_.find(centre);
  e.centre.push_back(centre_at == centres_.end() ? -1 : centre_at->second);
  e.injection_day.push_back(r.get<std::int32_t>());
  e.converted_day.push_back(r.get<std::int32_t>());
  e.exit_day.push_back(r.get<std::int32_t>());
  e.last_contact_day.push_back(r.get<std::int32_t>());
  e.repeat_day.push_back(r.get<std::int32_t>());
  e.age_band.push_back(r.get<std::int8_t>());
  e.kl_grade.push_back(r.get<std::int8_t>());
  e.cell_source.push_back(r.get<std::int8_t>());
  out_.adverse_events.untriaged_red_flags.push_back(r.get<std::int32_t>());
  std::int32_t op = -1;
  if (r.get<std::uint8_t>() != 0) {
    const std::string_view name = r.text();
    auto known = operators_.find(name);
    if (known == operators_.end())
      known = operators_.emplace(std::string(name), static_cast<std::int32_t>(operators_.size())).first;
    op = known->second;
  }
  e.injecting_operator.push_back(op);
  // The score columns grow a block of rows ahead (finish() cuts them to the rows added).
  constexpr std::size_t kPromRowsAhead = 1 << 16;
  if (static_cast<std::size_t>(row) >= prom_rows_) p.resize_rows(prom_rows_ += kPromRowsAhead);
  const auto items = r.get<std::uint16_t>();
  if (item_time_point_.size() < items) item_time_point_.resize(items, -1);
  for (int i = 0; i < items; ++i) {
    // Rows list their items alike: the last row's i-th time point is checked first.
    const std::string_view item = r.text();
    int& guess = item_time_point_[static_cast<std::size_t>(i)];
    if (guess < 0 || time_points_[static_cast<std::size_t>(guess)] != item) guess = index_of(time_points_, item);
    const int tp = guess;
    const auto mask = r.get<std::uint8_t>();
    const std::int32_t window = mask & kHasWindow ? r.get<std::int32_t>() : kNoDay;
    double values[kPromMeasures];
    for (int m = 0; m < kPromMeasures; ++m) values[m] = mask & value_bit(m) ? r.get<double>() : kNaN;
    const std::int32_t returned = mask & kHasReturned ? r.get<std::int32_t>() : kNoDay;
    if (tp < 0) continue;
    if (mask & kHasWindow) p.window_end_day[tp][static_cast<std::size_t>(row)] = window;
    // The row was added with every score missing, and a row lists a time point's item once.
    for (int m = 0; m < kPromMeasures; ++m)
      if (!std::isnan(values[m])) p.set(static_cast<PromMeasure>(m), tp, static_cast<std::size_t>(row), values[m]);
    p.returned_after[tp][static_cast<std::size_t>(row)] = returned;
  }
  const auto events = r.get<std::uint32_t>();
  for (std::uint32_t i = 0; i < events; ++i) {
    Event ev{r.get<std::int64_t>(), row, r.get<std::int8_t>(), r.get<std::int8_t>(), r.get<std::int8_t>(), {}};
    ev.category = r.text();
    events_.push_back(std::move(ev));
  }
}

void OutcomeRowsMerge::finish() {
  fresh_before(std::numeric_limits<std::int64_t>::max());
  out_.proms.resize_rows(out_.episodes.centre.size());
  prom_rows_ = out_.episodes.centre.size();
  // Operators in name order, as the whole-table read lists them.
  std::vector<std::pair<std::string, std::int32_t>> names(operators_.begin(), operators_.end());
  std::sort(names.begin(), names.end());
  std::vector<std::int32_t> index(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    index[static_cast<std::size_t>(names[i].second)] = static_cast<std::int32_t>(i);
    out_.operator_ids.push_back(names[i].first);
  }
  for (auto& op : out_.episodes.injecting_operator)
    if (op >= 0) op = index[static_cast<std::size_t>(op)];
  // Adverse events in id order; categories named in the order they first appear.
  std::sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) { return a.id < b.id; });
  AdverseEventColumns& a = out_.adverse_events;
  for (const Event& ev : events_) {
    a.episode_row.push_back(ev.row);
    a.ctcae_grade.push_back(ev.grade);
    a.serious.push_back(ev.serious);
    a.assessed.push_back(ev.assessed);
    int category = index_of(a.category_names, ev.category);
    if (category < 0) {
      category = static_cast<int>(a.category_names.size());
      a.category_names.push_back(ev.category);
    }
    a.category.push_back(static_cast<std::int16_t>(category));
  }
}

}  // namespace rp::store
