#pragma once

#include "store/field.h"

#include <QStringList>

#include <vector>

namespace segmenta::store {

class Database;

// The names of the customer fields (of `fields`, entity "customer") that no customer holds a value in: every
// row's value is NULL or text of blanks only. A zero is a value. The Customers view hides such columns until
// the user shows them. Reads the first rows of each table, then scans the whole table only for the fields
// still empty, once per table. Any thread, on that thread's connection; throws DatabaseError. Fields of other
// tables than customers and customer_metrics are never reported empty.
QStringList emptyCustomerFields(Database &db, const std::vector<FieldInfo> &fields);

} // namespace segmenta::store
