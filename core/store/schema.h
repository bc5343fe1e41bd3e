#pragma once

#include <QString>

#include <functional>
#include <vector>

namespace segmenta::store {

class Database;

// The workspace schema and its forward migrations. PRAGMA user_version holds the schema version;
// PRAGMA application_id marks the file as a Segmenta workspace.
namespace schema {

inline constexpr int kApplicationId = 0x53474D54; // "SGMT"
inline constexpr int kCurrentVersion = 10;

// Brings a database at `fromVersion` (0 for a new file) to kCurrentVersion. The caller holds a transaction.
void migrate(Database &db, int fromVersion);
// Brings it only to `toVersion`; tests use this to make files of older versions.
void migrateTo(Database &db, int fromVersion, int toVersion);

// Tables every version from 1 on must have; a file lacking one is damaged or not a workspace.
const std::vector<const char *> &requiredTables();

} // namespace schema
} // namespace segmenta::store
