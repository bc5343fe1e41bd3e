#pragma once

// What the two snapshot tests (tst_purchasesnapshot, tst_customersnapshot) check alike: a column read back from a
// copy equals the one read from SQLite, and a rule's members on a cache are those the SQL compiler gives.
#include "rules/columnarevaluator.h"
#include "rules/columncache.h"
#include "rules/rulecontext.h"
#include "rules/ruletext.h"
#include "rules/sqlcompiler.h"
#include "store/database.h"

#include <QString>

#include <vector>

namespace snapshotchecks {

using segmenta::rules::ColumnCache;

// The same field, dictionary, validity and value in every row.
inline bool sameColumn(const ColumnCache::Column &a, const ColumnCache::Column &b, size_t rows)
{
    if (a.field.name != b.field.name || a.dictionary != b.dictionary || a.valid.words() != b.valid.words() ||
        a.wordCount() != b.wordCount() || a.text != b.text)
        return false;
    for (size_t row = 0; row < rows; ++row) {
        if (a.dictionary ? a.code(row) != b.code(row) : a.number(row) != b.number(row))
            return false;
    }
    return true;
}

// A rule's members from the in-memory evaluator on `cache` and from the SQL compiler on `db`.
struct BothWays
{
    QString error; // the in-memory evaluator's, when it could not evaluate
    qint64 count = -1;
    std::vector<qint64> inMemory;
    std::vector<qint64> bySql;
};

inline BothWays membersBothWays(segmenta::store::Database &db, const segmenta::rules::RuleContext &context,
                                const ColumnCache &cache, const QString &text)
{
    using namespace segmenta::rules;
    BothWays both;
    const Rule rule = RuleText::parse(text).value();
    const auto members = ColumnarEvaluator::evaluate(rule, context, cache);
    if (!members.ok()) {
        both.error = members.errorMessage();
        return both;
    }
    both.count = qint64(members.value().count());
    both.inMemory = ColumnarEvaluator::memberIds(members.value(), cache);
    both.bySql = SqlCompiler::members(db, SqlCompiler::compile(rule, context).value());
    return both;
}

// A file of tests/data/exports.
inline QString exportFile(const char *name)
{
    return QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/exports/") + QString::fromUtf8(name);
}

} // namespace snapshotchecks
