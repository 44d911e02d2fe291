// A fixture for the layers check: an api/ route that reads the store itself.
void route(Store& s) {
  s.store.read([&](store::Transaction& tx) { tx.find_centre(""); });
}
