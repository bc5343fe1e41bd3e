// The import wizard's core: previews that write nothing, the header row and column mapping chosen by the
// user, and mappings remembered for files with the same headers. Expected values are written out by hand from
// the small files below and checked against the workspace with plain SQL.
#include "import/importer.h"
#include "import/rejectlist.h"
#include "import/roles.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::import;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
    return path;
}

QString dump(store::Database &db)
{
    QString all;
    for (const char *table : {"sources", "fields", "customers", "orders", "rejects", "layouts"}) {
        store::Statement query(db, std::string("SELECT * FROM ") + table + " ORDER BY 1");
        while (query.step()) {
            for (int i = 0; i < query.columnCount(); ++i)
                all += query.value(i).toString() + u'|';
            all += u'\n';
        }
    }
    return all;
}

const ImportedField *fieldNamed(const std::vector<ImportedField> &fields, const QString &name)
{
    for (const ImportedField &f : fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

// A hand-kept list whose headers suggest no roles at all: the user has to say which column is which.
const QByteArray kHandKept = "Shop report 2024\n"
                             "\n"
                             "Buyer,Paid,Town,Note\n"
                             "ann,12.50,Shanghai,met at fair\n"
                             "bob,x,Beijing,\n"
                             "cy,7,Beijing,call back\n";

} // namespace

class TestImportMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void previewWritesNothing();
    void headerRowChosenByTheUser();
    void columnChoices();
    void rememberedMapping();
    void badChoicesAreRefusedByName();
    void rejectedRowsListedAndSaved();
};

void TestImportMapping::previewWritesNothing()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    const QString path = writeFile(dir, QStringLiteral("orders.csv"),
                                   QStringLiteral("订单明细\n"
                                                  "订单编号,买家会员名,买家实际支付金额,订单付款时间 \n"
                                                  "T1,ann,10.5,2024-01-02 10:00:00\n"
                                                  "T2,bob,20,2024-01-03 11:00:00\n")
                                       .toUtf8());
    const QString before = dump(ws.value()->db());
    const auto preview = Importer::preview(path, {}, ws.value().get());
    QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
    QCOMPARE(dump(ws.value()->db()), before);

    QCOMPARE(preview->kind, ImportKind::Orders);
    QCOMPARE(preview->headerRow, 2);
    QCOMPARE(preview->topRows.size(), size_t(4));
    QCOMPARE(preview->topRowNumbers, (std::vector<qint64>{1, 2, 3, 4}));
    QCOMPARE(preview->rowsExamined, 2);
    QVERIFY(preview->wholeFile);
    QVERIFY(preview->problem.isEmpty());
    QCOMPARE(preview->encoding, QStringLiteral("UTF-8"));
    QCOMPARE(preview->delimiter, ',');
    const ImportedField *date = fieldNamed(preview->fields, QStringLiteral("订单付款时间"));
    QVERIFY(date);
    QCOMPARE(date->role, QString::fromLatin1(role::kOrderDate));
    QCOMPARE(date->type, store::FieldType::DateTime);
    const ImportedField *amount = fieldNamed(preview->fields, QStringLiteral("买家实际支付金额"));
    QVERIFY(amount);
    QCOMPARE(amount->role, QString::fromLatin1(role::kAmount));
    QCOMPARE(amount->type, store::FieldType::Money);
    QCOMPARE(preview->fieldSamples[1], (QStringList{QStringLiteral("ann"), QStringLiteral("bob")}));

    // A row limit examines only the first rows (at least those read to find the header) and says so.
    QByteArray longList = "customer id,city\n";
    for (int i = 1; i <= 120; ++i)
        longList += "C" + QByteArray::number(i) + ",Shanghai\n";
    const QString longPath = writeFile(dir, QStringLiteral("long.csv"), longList);
    const auto limited = Importer::preview(longPath, {}, nullptr, 60);
    QVERIFY(limited.ok());
    QCOMPARE(limited->rowsExamined, 60);
    QVERIFY(!limited->wholeFile);
    QCOMPARE(limited->topRows.size(), size_t(50));
    const auto whole = Importer::preview(longPath, {}, nullptr, 120);
    QVERIFY(whole.ok());
    QCOMPARE(whole->rowsExamined, 120);
    QVERIFY(whole->wholeFile);
}

void TestImportMapping::headerRowChosenByTheUser()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    // Two rows could be the header; the first one is found automatically, the user means the second.
    const QString path = writeFile(dir, QStringLiteral("two.csv"),
                                   "Group,Region\n"
                                   "customer id,city\n"
                                   "C1,Shanghai\n"
                                   "C2,Beijing\n");
    const auto automatic = Importer::preview(path);
    QVERIFY(automatic.ok());
    QCOMPARE(automatic->headerRow, 1);
    QVERIFY(!automatic->problem.isEmpty()); // "Group" and "Region" name no customer

    ImportOptions options;
    options.headerRow = 2;
    const auto chosen = Importer::preview(path, options);
    QVERIFY(chosen.ok());
    QCOMPARE(chosen->headerRow, 2);
    QVERIFY2(chosen->problem.isEmpty(), qPrintable(chosen->problem));
    QCOMPARE(chosen->rowsExamined, 2);
    const auto summary = Importer::run(*ws.value(), path, options);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    store::Database &db = ws.value()->db();
    QCOMPARE(db.scalar("SELECT group_concat(customer_key || ':' || city, ' ') FROM (SELECT * FROM customers ORDER BY customer_key)").toString(),
             QStringLiteral("C1:Shanghai C2:Beijing"));
    QCOMPARE(db.scalar("SELECT header_row FROM sources").toInt(), 2);
}

void TestImportMapping::columnChoices()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    const QString path = writeFile(dir, QStringLiteral("hand.csv"), kHandKept);
    QVERIFY(!Importer::run(*ws.value(), path).ok()); // nothing names the customer

    ImportOptions options;
    options.columns[QStringLiteral("Buyer")].role = QString::fromLatin1(role::kCustomerId);
    options.columns[QStringLiteral("Paid")].role = QString::fromLatin1(role::kTotalSpend);
    options.columns[QStringLiteral("Town")].role = QString::fromLatin1(role::kCity);
    options.columns[QStringLiteral("Note")].skip = true;
    const auto preview = Importer::preview(path, options);
    QVERIFY(preview.ok());
    QVERIFY(preview->problem.isEmpty());
    QCOMPARE(preview->skipped, (std::vector<bool>{false, false, false, true}));
    QVERIFY2(preview->fields[1].note.contains(u"1 of the first 3"), qPrintable(preview->fields[1].note));

    const auto summary = Importer::run(*ws.value(), path, options);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->inserted, 3);
    store::Database &db = ws.value()->db();
    QCOMPARE(db.scalar("SELECT group_concat(customer_key || ':' || coalesce(list_total_spend, '-') || ':' || city, ' ') "
                       "FROM (SELECT * FROM customers ORDER BY customer_key)").toString(),
             QStringLiteral("ann:12.5:Shanghai bob:-:Beijing cy:7.0:Beijing"));
    // The unreadable amount is recorded where it was; the skipped column left no trace.
    QCOMPARE(db.scalar("SELECT row_number || ':' || column_name || ':' || raw_value FROM rejects").toString(),
             QStringLiteral("5:Paid:x"));
    QCOMPARE(db.scalar("SELECT count(*) FROM fields WHERE name = 'Note'").toInt(), 0);
    QCOMPARE(db.scalar("SELECT count(*) FROM pragma_table_info('customers') WHERE name LIKE 'c\\_%' ESCAPE '\\'").toInt(), 0);
    const ImportedField *paid = fieldNamed(summary->fields, QStringLiteral("Paid"));
    QVERIFY(paid);
    QCOMPARE(paid->note, QStringLiteral("1 values could not be read as numbers"));
    QVERIFY(!fieldNamed(summary->fields, QStringLiteral("Note")));
}

void TestImportMapping::rememberedMapping()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    ImportOptions options;
    options.columns[QStringLiteral("Buyer")].role = QString::fromLatin1(role::kCustomerId);
    options.columns[QStringLiteral("Paid")] = ColumnChoice{QString::fromLatin1(role::kTotalSpend), store::FieldType::Money, false};
    options.columns[QStringLiteral("Note")].skip = true;
    QVERIFY(Importer::run(*ws.value(), writeFile(dir, QStringLiteral("january.csv"), kHandKept), options).ok());
    store::Database &db = ws.value()->db();
    QCOMPARE(db.scalar("SELECT count(*) FROM layouts").toInt(), 1);

    // Next month's file has the same headers: the mapping comes back by itself.
    const QString february = writeFile(dir, QStringLiteral("february.csv"),
                                       "Buyer,Paid,Town,Note\n"
                                       "dee,30,Shenzhen,new\n"
                                       "ann,15,Shanghai,\n");
    const auto preview = Importer::preview(february, {}, ws.value().get());
    QVERIFY(preview.ok());
    QVERIFY(preview->rememberedMapping);
    QCOMPARE(preview->fields[0].role, QString::fromLatin1(role::kCustomerId));
    QCOMPARE(preview->skipped[3], true);
    const auto summary = Importer::run(*ws.value(), february);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->inserted, 1);
    QCOMPARE(summary->updated, 1);
    QCOMPARE(db.scalar("SELECT list_total_spend FROM customers WHERE customer_key = 'ann'").toDouble(), 15.0);
    QCOMPARE(db.scalar("SELECT count(*) FROM fields WHERE name = 'Note'").toInt(), 0);

    // Without the remembered mapping nothing names the customer again; other headers find nothing.
    ImportOptions fresh;
    fresh.useRememberedMapping = false;
    const auto without = Importer::preview(february, fresh, ws.value().get());
    QVERIFY(without.ok());
    QVERIFY(!without->rememberedMapping);
    QVERIFY(!without->problem.isEmpty());
    const auto other = Importer::preview(writeFile(dir, QStringLiteral("other.csv"), "Buyer,Paid\nann,1\n"), {}, ws.value().get());
    QVERIFY(other.ok());
    QVERIFY(!other->rememberedMapping);
}

void TestImportMapping::badChoicesAreRefusedByName()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    const QString path = writeFile(dir, QStringLiteral("hand.csv"), kHandKept);
    const QString before = dump(ws.value()->db());

    ImportOptions unknown;
    unknown.columns[QStringLiteral("Byuer")].role = QString::fromLatin1(role::kCustomerId);
    const auto refused = Importer::run(*ws.value(), path, unknown);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.errorMessage().contains(u"hand.csv") && refused.errorMessage().contains(u"“Byuer”") &&
                 refused.errorMessage().contains(u"Buyer, Paid, Town, Note"),
             qPrintable(refused.errorMessage()));

    ImportOptions farHeader;
    farHeader.headerRow = 60;
    const auto far = Importer::preview(path, farHeader);
    QVERIFY(!far.ok());
    QVERIFY2(far.errorMessage().contains(u"row 60"), qPrintable(far.errorMessage()));
    QCOMPARE(dump(ws.value()->db()), before);
}

void TestImportMapping::rejectedRowsListedAndSaved()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    // Row 3 has no buyer, row 4 an unreadable amount that a spreadsheet would take for a formula, row 5 a
    // value with a comma and a quote.
    const QString path = writeFile(dir, QStringLiteral("bad.csv"),
                                   "customer id,total spend\n"
                                   "ann,10\n"
                                   ",20\n"
                                   "bob,=1+2\n"
                                   "cy,\"3,5 \"\"yuan\"\"\"\n");
    const auto summary = Importer::run(*ws.value(), path);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    const qint64 source = summary->sourceId;
    const auto count = RejectList::count(*ws.value(), source);
    QVERIFY(count.ok());
    QCOMPARE(*count, ws.value()->db().scalar("SELECT count(*) FROM rejects").toLongLong());
    QCOMPARE(*count, 3);
    const auto first = RejectList::list(*ws.value(), source, 2);
    QVERIFY(first.ok());
    QCOMPARE(first->size(), size_t(2));
    QCOMPARE((*first)[0].row, 3);
    QCOMPARE((*first)[1].row, 4);
    QCOMPARE((*first)[1].column, QStringLiteral("total spend"));
    QCOMPARE((*first)[1].value, QStringLiteral("=1+2"));

    const QString csv = dir.filePath(QStringLiteral("rejects.csv"));
    const auto saved = RejectList::saveCsv(*ws.value(), source, csv);
    QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
    QCOMPARE(*saved, 3);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 5); // header, three rows, the empty rest after the last line break
    QCOMPARE(lines[0], QByteArray("\xEF\xBB\xBFRow,Column,Value,Reason\r"));
    QVERIFY2(lines[1].startsWith("3,customer id,,"), lines[1].constData());
    QVERIFY2(lines[2].startsWith("4,total spend,'=1+2,"), lines[2].constData());
    QVERIFY2(lines[3].startsWith("5,total spend,\"3,5 \"\"yuan\"\"\","), lines[3].constData());

    QVERIFY(!RejectList::saveCsv(*ws.value(), source, dir.filePath(QStringLiteral("no/such/folder/r.csv"))).ok());
}

QTEST_GUILESS_MAIN(TestImportMapping)
#include "tst_importmapping.moc"
