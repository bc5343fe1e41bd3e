// Sharing segments as .segment.json files: a file written by hand in the documented schema reads as the rule
// its text form says; what Segmenta writes has that schema and reads back unchanged; every bad file is
// refused with a message naming it and the reason.
#include "rules/rulecontext.h"
#include "rules/ruletext.h"
#include "segments/segmentfile.h"
#include "store/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using segments::SavedSegment;
using segments::SegmentFile;

namespace {

QString writeText(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return path;
}

} // namespace

class TestSegmentFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsAHandWrittenFile();
    void writesTheDocumentedSchemaAndReadsItBack();
    void namesAFileWithoutAName();
    void refusesBadFiles_data();
    void refusesBadFiles();
    void freeNames_data();
    void freeNames();
    void theHelpDocumentsTheSchema_data();
    void theHelpDocumentsTheSchema();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
};

void TestSegmentFile::initTestCase()
{
    auto workspace = store::Workspace::create(m_dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(workspace.ok());
    m_workspace = std::move(workspace).value();
}

void TestSegmentFile::readsAHandWrittenFile()
{
    // Written the way the in-app help describes the schema, as another tool or a colleague would.
    const QString path = writeText(m_dir.filePath(QStringLiteral("vip.segment.json")), R"({
  "version": 1,
  "name": "上海的大客户",
  "description": "spent 1,000 or more",
  "color": "#e15759",
  "root": {"match": "all", "children": [
    {"field": "total_spend", "op": "ge", "values": [{"number": 1000}]},
    {"match": "any", "children": [
      {"field": "city", "op": "in", "values": ["上海", "北京"]},
      {"field": "last_order_date", "op": "after", "values": [{"date": "2024-01-01"}]}
    ]},
    {"field": "email", "op": "is_empty", "values": [], "enabled": false}
  ]}
})");
    QVERIFY(!path.isEmpty());
    const auto context = rules::RuleContext::forDatabase(m_workspace->db(), QDate(2026, 7, 1));
    const auto segment = SegmentFile::read(path, &context);
    QVERIFY2(segment.ok(), qPrintable(segment.errorMessage()));
    QCOMPARE(segment->name, QStringLiteral("上海的大客户"));
    QCOMPARE(segment->description, QStringLiteral("spent 1,000 or more"));
    QCOMPARE(segment->color, QStringLiteral("#e15759"));
    auto expected = rules::RuleText::parse(QStringLiteral(
        "total_spend >= 1000 and (city in (\"上海\", \"北京\") or last_order_date after 2024-01-01) and email is empty"));
    QVERIFY(expected.ok());
    expected->root.children.back().condition->enabled = false;
    QVERIFY(segment->rule == expected.value());
}

void TestSegmentFile::writesTheDocumentedSchemaAndReadsItBack()
{
    SavedSegment segment;
    segment.name = QStringLiteral("Lapsed VIPs");
    segment.description = QStringLiteral("high value, no order for 90 days");
    segment.color = QStringLiteral("#59a14f");
    segment.rule = rules::RuleText::parse(QStringLiteral(
        "value_tier in (\"high\") and last_order_date not in last 90 days and `订单付款时间` after 2024-01-01")).value();
    const QString path = m_dir.filePath(QStringLiteral("out.segment.json"));
    QVERIFY(SegmentFile::write(path, segment).ok());

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(json.value(u"version").toInt(), 1);
    QCOMPARE(json.value(u"name").toString(), segment.name);
    QCOMPARE(json.value(u"description").toString(), segment.description);
    QCOMPARE(json.value(u"color").toString(), segment.color);
    const QJsonObject root = json.value(u"root").toObject();
    QCOMPARE(root.value(u"match").toString(), QStringLiteral("all"));
    const QJsonArray children = root.value(u"children").toArray();
    QCOMPARE(children.size(), 3);
    const QJsonObject first = children.at(0).toObject();
    QCOMPARE(first.value(u"field").toString(), QStringLiteral("value_tier"));
    QCOMPARE(first.value(u"op").toString(), QStringLiteral("in"));
    QCOMPARE(first.value(u"values").toArray().at(0).toString(), QStringLiteral("high"));
    QCOMPARE(children.at(1).toObject().value(u"op").toString(), QStringLiteral("not_in_last"));
    QCOMPARE(children.at(2).toObject().value(u"field").toString(), QStringLiteral("订单付款时间"));
    QCOMPARE(children.at(2).toObject().value(u"values").toArray().at(0).toObject().value(u"date").toString(),
             QStringLiteral("2024-01-01"));

    const auto back = SegmentFile::read(path); // no context: the file's own checks only
    QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
    QCOMPARE(back->name, segment.name);
    QCOMPARE(back->description, segment.description);
    QCOMPARE(back->color, segment.color);
    QVERIFY(back->rule == segment.rule);
}

void TestSegmentFile::namesAFileWithoutAName()
{
    const QString path = writeText(m_dir.filePath(QStringLiteral("新客户.segment.json")),
                                   R"({"root": {"match": "all", "children": [{"field": "lifecycle_stage", "op": "in", "values": ["new"]}]}, "color": "red; drop"})");
    const auto segment = SegmentFile::read(path);
    QVERIFY2(segment.ok(), qPrintable(segment.errorMessage()));
    QCOMPARE(segment->name, QStringLiteral("新客户"));
    QCOMPARE(segment->color, SavedSegment().color); // not a #rrggbb colour: the default
}

void TestSegmentFile::refusesBadFiles_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not json") << QByteArray("total_spend >= 1000") << QStringLiteral("is not a segment file");
    QTest::newRow("truncated") << QByteArray(R"({"version": 1, "root": {"match": "all", )") << QStringLiteral("is not a segment file");
    QTest::newRow("array") << QByteArray("[1, 2]") << QStringLiteral("has no rule");
    QTest::newRow("no root") << QByteArray(R"({"version": 1, "name": "x"})") << QStringLiteral("has no rule");
    QTest::newRow("newer format") << QByteArray(R"({"version": 2, "root": {"match": "all", "children": []}})")
                                  << QStringLiteral("newer version");
    QTest::newRow("unknown operator")
        << QByteArray(R"({"root": {"match": "all", "children": [{"field": "city", "op": "sounds like", "values": ["x"]}]}})")
        << QStringLiteral("sounds like");
    QTest::newRow("unknown field")
        << QByteArray(R"({"root": {"match": "all", "children": [{"field": "shoe_size", "op": "gt", "values": [{"number": 40}]}]}})")
        << QStringLiteral("shoe_size");
    QTest::newRow("missing segment")
        << QByteArray(R"({"root": {"match": "all", "children": [{"field": "", "op": "in_segment", "values": ["Nobody"]}]}})")
        << QStringLiteral("Nobody");
    QTest::newRow("too large") << QByteArray(17 * 1024 * 1024, ' ') << QStringLiteral("larger than 16 MB");
}

void TestSegmentFile::refusesBadFiles()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    const QString path = writeText(m_dir.filePath(QStringLiteral("bad.segment.json")), content);
    QVERIFY(!path.isEmpty());
    const auto context = rules::RuleContext::forDatabase(m_workspace->db(), QDate(2026, 7, 1));
    const auto segment = SegmentFile::read(path, &context);
    QVERIFY(!segment.ok());
    QVERIFY2(segment.errorMessage().contains(QStringLiteral("bad.segment.json")), qPrintable(segment.errorMessage()));
    QVERIFY2(segment.errorMessage().contains(reason), qPrintable(segment.errorMessage()));
    QVERIFY(!SegmentFile::read(m_dir.filePath(QStringLiteral("missing.segment.json"))).ok());
}

void TestSegmentFile::freeNames_data()
{
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("free") << QStringList{QStringLiteral("A")} << QStringLiteral("B") << QStringLiteral("B");
    QTest::newRow("taken") << QStringList{QStringLiteral("VIP")} << QStringLiteral("VIP") << QStringLiteral("VIP (2)");
    QTest::newRow("taken twice") << QStringList{QStringLiteral("VIP"), QStringLiteral("VIP (2)")} << QStringLiteral("VIP")
                                 << QStringLiteral("VIP (3)");
    QTest::newRow("other case is another name") << QStringList{QStringLiteral("vip")} << QStringLiteral("VIP")
                                                << QStringLiteral("VIP");
}

void TestSegmentFile::freeNames()
{
    QFETCH(QStringList, existing);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    std::vector<SavedSegment> segments;
    for (const QString &n : existing) {
        SavedSegment s;
        s.name = n;
        segments.push_back(s);
    }
    QCOMPARE(SegmentFile::freeName(name, segments), expected);
}

void TestSegmentFile::theHelpDocumentsTheSchema_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("en") << QStringLiteral("rule-syntax_en.html");
    QTest::newRow("zh_CN") << QStringLiteral("rule-syntax_zh_CN.html");
}

void TestSegmentFile::theHelpDocumentsTheSchema()
{
    // The example in the in-app help is a file Segmenta reads, with the rule the help says it means, and the
    // help's table names every operator the JSON form has.
    QFETCH(QString, file);
    QFile help(QStringLiteral(SEGMENTA_SOURCE_DIR "/resources/help/") + file);
    QVERIFY(help.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(help.readAll());
    const qsizetype start = html.indexOf(u"<pre>{");
    QVERIFY(start > 0);
    const qsizetype end = html.indexOf(u"</pre>", start);
    QString example = html.mid(start + 5, end - start - 5);
    example.replace(QStringLiteral("&lt;"), QStringLiteral("<")).replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    const QString path = writeText(m_dir.filePath(QStringLiteral("example.segment.json")), example.toUtf8());
    const auto context = rules::RuleContext::forDatabase(m_workspace->db(), QDate(2026, 7, 1));
    const auto segment = SegmentFile::read(path, &context);
    QVERIFY2(segment.ok(), qPrintable(segment.errorMessage()));
    auto expected = rules::RuleText::parse(QStringLiteral(
        "value_tier in (\"high\") and last_order_date not in last 90 days and (city in (\"上海\", \"北京\") or "
        "total_spend >= 1000) and disabled email is empty"));
    QVERIFY2(expected.ok(), qPrintable(expected.errorMessage()));
    QVERIFY2(segment->rule == expected.value(), qPrintable(rules::RuleText::print(segment->rule)));
    for (int op = 0; op <= int(rules::Op::NotInSegment); ++op) {
        const QString name = rules::opName(rules::Op(op));
        QVERIFY(!name.isEmpty());
        QVERIFY2(html.contains(QRegularExpression(QStringLiteral("<code>[^<]*\\b%1\\b[^<]*</code>").arg(name))), qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(TestSegmentFile)
#include "tst_segmentfile.moc"
