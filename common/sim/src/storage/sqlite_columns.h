// Reading and binding the counter store's SQLite columns (internal to common/sim).
#pragma once

#include <sqlite3.h>

#include <cstring>
#include <string>

#include "ctpgw/sim/engine/money.h"

namespace ctpgw::sim {

/// A CTP struct stored as a blob of its bytes (the schema's struct_layout says which build).
/// Not copied: `value` must outlive the statement's step (the writers step at once).
template <class T>
void bind_struct(sqlite3_stmt* st, int index, const T& value) {
  sqlite3_bind_blob(st, index, &value, sizeof value, SQLITE_STATIC);
}

/// False if the blob is not exactly a T (another build's layout, a damaged row).
template <class T>
bool read_struct(sqlite3_stmt* st, int column, T& out) {
  if (sqlite3_column_bytes(st, column) != static_cast<int>(sizeof out)) return false;
  std::memcpy(&out, sqlite3_column_blob(st, column), sizeof out);
  return true;
}

/// Money columns hold whole micro-yuan in INTEGER columns (schema version 3): exact.
inline void bind_money(sqlite3_stmt* st, int index, Money m) {
  sqlite3_bind_int64(st, index, m.micros());
}
inline Money money_column(sqlite3_stmt* st, int column) {
  return Money::micros(sqlite3_column_int64(st, column));
}

inline std::string text_column(sqlite3_stmt* st, int column) {
  const auto* p = sqlite3_column_text(st, column);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
}

}  // namespace ctpgw::sim
