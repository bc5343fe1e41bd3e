#pragma once

#include <memory>

#include "common/progress.h"
#include "common/result.h"

#include <QCoreApplication>
#include <QDate>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::demo {

struct DemoOptions
{
    qint64 customers = 20000;
    quint64 seed = 20240601;
    // The last day with orders; the workspace's analysis date becomes the day after it.
    QDate lastDay = QDate(2026, 6, 30);
};

// A demo workspace ready to explore: the generated shop, its customer metrics, the playbook's segments and,
// when `history` is set, their sizes at the end of each of the last four quarters (the metrics recomputed
// for each date, then for the analysis date again). Runs on the calling thread.
struct DemoSetupOptions
{
    DemoOptions shop;
    bool history = true;
};

struct DemoSummary
{
    qint64 customers = 0;
    qint64 orders = 0;
    qint64 lines = 0; // order lines (an order has 1 to 4)
    QDate firstOrderDay;
    QDate lastOrderDay;
};

// Fills an empty workspace with a believable tea shop: customers with Chinese and English names in Chinese
// and foreign cities, gender, birth date, channel and signup date, and their orders over several years:
// heavy-tailed spend, most customers buying once, some loyal, many lapsed, a few refunds and cancellations.
// Orders have 1 to 4 lines (about 1.6 on average) from a catalogue of teas, teaware and snacks in categories,
// each with a SKU; an order's amount is the sum of its lines'.
//
// Deterministic: the same options give the same customers and orders on every machine (the generator uses
// its own random number generator and distributions, not the standard library's, whose output differs
// between implementations). Everything is written in one transaction; on error or cancel nothing is.
// Refuses a workspace that already holds customers. Runs on the calling thread.
class DemoShop
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::demo::DemoShop)

public:
    static Result<DemoSummary> generate(store::Workspace &workspace, const DemoOptions &options,
                                        Progress *progress = nullptr);
    // generate() plus metrics, playbook segments and (optionally) their size history.
    static Result<DemoSummary> setUp(store::Workspace &workspace, const DemoSetupOptions &options,
                                     Progress *progress = nullptr);
    // A new workspace file at `path` holding the demo shop (setUp), open for writing: for tests and the
    // "Open Demo Shop" command. Fails if the file exists.
    static Result<std::unique_ptr<store::Workspace>> createWorkspace(const QString &path, const DemoSetupOptions &options);
};

} // namespace segmenta::demo
