#pragma once
// A service header that sees SQLite: cmake/check_layers.cmake must refuse both includes
// (the `layers_refuse_engine_above_store` test).
#include <SQLiteCpp/SQLiteCpp.h>

#include "store/sqlite/sqlite_store.hpp"
