#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace segmenta::exporting {

// What MemberExporter::run writes and how. The format follows outPath's extension (.xlsx or .csv).
struct ExportOptions
{
    // .xlsx or .csv. With a CSV split into files, the files are NAME-A.csv, NAME-B.csv, ... next to it.
    QString outPath;
    // Field names (as rules use them), in the order wanted; empty: kDefaultColumns.
    QStringList columns;
    enum Encoding { Utf8Bom, Utf8, Gb18030 }; // CSV only; UTF-8 with a BOM lets Excel show Chinese right
    Encoding encoding = Utf8Bom;
    char delimiter = ',';          // CSV only; not a quote, CR or LF
    bool mask = false;             // mask phone numbers, e-mail addresses and names (fields with those roles)
    QList<int> splitPercents;      // A/B split, e.g. {10, 90}; empty: no split
    quint64 seed = 0;              // seed of the split: the same seed gives the same groups
    bool splitSheets = false;      // one sheet (XLSX) or one file (CSV) per group instead of a Group column
    bool force = false;            // replace existing files
    QString segmentName;           // recorded on the XLSX Segment sheet
    QString segmentDescription;    // recorded on the XLSX Segment sheet under the name, when not empty
    QString ruleText;              // recorded on the XLSX Segment sheet; empty: the rule printed as text
    QDate asOf;                    // analysis date; invalid: the workspace's
    QString currencySymbol;        // XLSX money format; empty: the workspace's (Workspace::currencySymbol)
    qint64 maxRowsPerSheet = kExcelMaxDataRows; // XLSX data rows per sheet before continuing on another
    // With a split: record it as an A/B experiment of this name (experiments::ExperimentStore), started on the
    // analysis date, group `experimentControl` (0 = A) the control. Empty: no experiment.
    QString experimentName;
    int experimentControl = 0;
    // Only these customers (ids), among the rule's members: a selection made in the Customers view. Empty
    // optional: every member.
    std::optional<std::vector<qint64>> customerIds;
    // Instead of an A/B split: the customers of named lists (who joined a segment, who left it), each row
    // saying its list in a column headed `listsHeader`. Only the rule's members among them are written (pass
    // the empty rule, everyone, to write them all); a customer in two lists is written under the first.
    struct NamedList
    {
        QString name;
        std::vector<qint64> ids;
    };
    std::vector<NamedList> namedLists;
    QString listsHeader;

    static constexpr qint64 kExcelMaxDataRows = 1048575; // 1,048,576 rows less the header
    static QStringList defaultColumns();
};

// What an export did.
struct ExportSummary
{
    qint64 members = 0;
    QDate asOf;
    QStringList files;              // final paths, in order
    QStringList sheets;             // XLSX: the member sheets
    std::vector<qint64> groupSizes; // per split group, in order A, B, ...
    // A split only: the members exported (ascending customer ids) and each one's group (0 = A), for recording
    // the split as an experiment.
    std::vector<qint64> memberIds;
    std::vector<std::uint8_t> memberGroups;
    QString message;                // one line for the user, including any note (members on further sheets)
};

} // namespace segmenta::exporting
