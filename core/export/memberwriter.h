#pragma once

#include "common/result.h"

#include <QDateTime>
#include <QStringList>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace segmenta::exporting {

// How the values of one exported column are written (chosen from the field's type).
enum class CellFormat { Text, Identifier, Integer, Decimal, Money, Percent, Date, DateTime, Boolean };

struct ExportColumn
{
    QString key;    // the field's name, as rules use it
    QString header; // the (translated) label written in the header row
    CellFormat format = CellFormat::Text;
};

// One value of a member's row, ready to write. `text` is UTF-8, NUL-terminated and valid until the next row:
// it points into the SQLite row or into the exporter's per-column scratch buffer.
struct Cell
{
    enum class Kind { Empty, Number, Text, Date, Boolean };
    Kind kind = Kind::Empty;
    double number = 0;        // Number; Boolean as 0 or 1
    qint64 integer = 0;       // Number: the exact value when isInteger
    bool isInteger = false;   // Number: an integral value that fits in 64 bits, printed without a fraction
    std::string_view text;    // Text
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0; // Date
    bool hasTime = false;     // Date: a date and time rather than a day
};

// The shape of the output: the columns (without the group column) and the A/B groups, if any.
struct ExportLayout
{
    std::vector<ExportColumn> columns;
    QStringList groupNames;     // "A", "B", ... (or the names of ExportOptions::namedLists); empty: no groups
    QString groupHeader;        // the group column's header; empty: "Group"
    bool groupPerSheet = false; // one sheet (XLSX) or file (CSV) per group instead of a "Group" column
};

// What the XLSX "Segment" and "Summary" sheets record. CSV has no room for it.
struct ExportReport
{
    QString segmentName;
    QString segmentDescription;
    QString ruleText;
    QDate asOf;
    QDateTime exportedAt;
    QString workspacePath;
    qint64 members = 0;
    bool masked = false;
    QList<int> splitPercents;
    quint64 seed = 0;
    std::vector<qint64> groupSizes;
    // Members by lifecycle stage id, value tier id and RFM segment name (raw ids as stored; "" for none).
    std::map<QString, qint64> lifecycle;
    std::map<QString, qint64> tiers;
    std::map<QString, qint64> rfmSegments;
};

struct WriteOutcome
{
    QStringList files;  // the final paths written
    QStringList sheets; // XLSX: the member sheets' names, in order
    QString note;       // something the user should know (members continued on further sheets)
};

// Writes members' rows to one output format, into temporary files next to the targets; commit() moves them
// into place. Destroying a writer that was not committed removes its temporary files, so an error or a
// cancel never leaves a half-written file behind. Used by MemberExporter on its calling thread.
class MemberWriter
{
public:
    virtual ~MemberWriter() = default;
    // `group` indexes ExportLayout::groupNames, or is -1 when the members are not split. `cells` has one
    // entry per ExportLayout column. Write errors are remembered and reported by commit().
    virtual void writeRow(int group, const std::vector<Cell> &cells) = 0;
    virtual Result<WriteOutcome> commit(const ExportReport &report) = 0;
};

// Name of the i-th A/B group: A, B, ... Z.
QString groupName(int index);
// Display width of UTF-8 text in character cells (East Asian characters count two), for column widths.
int displayWidth(std::string_view utf8);
// Parses an ISO date or date-time as stored ("2024-07-03", "2024-07-03T09:41:00", "2024-07-03 09:41");
// fills the Date fields of `cell` (kind Date) and returns true when it is a valid date from 1900 on.
bool parseIsoDate(std::string_view text, bool withTime, Cell &cell);

} // namespace segmenta::exporting
