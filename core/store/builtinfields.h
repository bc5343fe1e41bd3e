#pragma once

namespace segmenta::store {

class Database;

// Registers the fields every workspace has: the built-in customer and order columns and the derived
// per-customer metrics. Labels are English source strings; the UI translates them (context "Field").
void insertBuiltinFields(Database &db);

} // namespace segmenta::store
