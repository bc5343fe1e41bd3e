// Writes "imports" into a workspace in a loop until it is killed. Each import is one transaction that adds a
// source row saying how many customers and orders it brings, then those rows. With `import`, each is a real
// import of a CSV file of new orders through the importer (which, alone with the workspace, writes under a
// rollback journal). tst_crashsafety kills this process at random points and checks that every import is
// wholly present or wholly absent.
#include "import/importer.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

using namespace segmenta::store;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: crash_writer WORKSPACE ROUND [import]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int round = QByteArray(argv[2]).toInt();
    auto workspace = Workspace::open(path, Workspace::Mode::CreateIfMissing);
    if (!workspace) {
        std::fprintf(stderr, "%s\n", qPrintable(workspace.errorMessage()));
        return 1;
    }
    Database &db = workspace.value()->db();
    std::printf("ready\n");
    std::fflush(stdout);
    if (argc > 3 && QByteArray(argv[3]) == "import") {
        const QString csv = path + QStringLiteral(".orders.csv");
        for (int batch = 0;; ++batch) {
            QByteArray text = "order id,customer id,order date,amount,city\n";
            const int rows = 20000 + (batch * 37 + round * 11) % 5000;
            for (int i = 0; i < rows; ++i) {
                text += "r" + QByteArray::number(round) + "-b" + QByteArray::number(batch) + "-" + QByteArray::number(i) +
                        ",c" + QByteArray::number(i % 3000) + ",2024-02-0" + QByteArray::number(1 + i % 9) + "," +
                        QByteArray::number(10 + i % 90) + ".5,杭州\n";
            }
            QFile file(csv);
            if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
                return 1;
            file.close();
            segmenta::Progress progress([](qint64 done, qint64) {
                std::printf("row %lld\n", static_cast<long long>(done));
                std::fflush(stdout);
            });
            const auto summary = segmenta::import::Importer::run(*workspace.value(), csv, {}, &progress);
            if (!summary) {
                std::fprintf(stderr, "%s\n", qPrintable(summary.errorMessage()));
                return 1;
            }
            std::printf("committed %d\n", batch);
            std::fflush(stdout);
        }
    }
    for (int batch = 0;; ++batch) {
        const int rows = 200 + (batch * 37 + round * 11) % 700;
        Transaction transaction(db);
        Statement source(db, "INSERT INTO sources(file_name, file_hash, imported_at, kind, rows_read, inserted) "
                             "VALUES (?1, 'hash', '2024-01-01T00:00:00Z', 'orders', ?2, ?2)");
        source.bind(1, QStringLiteral("round%1-batch%2.csv").arg(round).arg(batch)).bind(2, rows);
        source.run();
        const qint64 sourceId = db.lastInsertRowId();
        Statement customer(db, "INSERT INTO customers(customer_key, name, city, source_id) VALUES (?1, ?2, ?3, ?4)");
        Statement order(db, "INSERT INTO orders(order_key, customer_id, order_date, amount, source_id) "
                            "VALUES (?1, ?2, '2024-02-03', ?3, ?4)");
        for (int i = 0; i < rows; ++i) {
            const QString key = QStringLiteral("r%1-b%2-%3").arg(round).arg(batch).arg(i);
            customer.bind(1, key).bind(2, QStringLiteral("客户 %1").arg(i)).bind(3, QStringLiteral("杭州")).bind(4, sourceId);
            customer.run();
            order.bind(1, key).bind(2, db.lastInsertRowId()).bind(3, 10.0 + i).bind(4, sourceId);
            order.run();
            if (i % 100 == 0) {
                std::printf("row %d\n", i);
                std::fflush(stdout);
            }
        }
        transaction.commit();
        std::printf("committed %d\n", batch);
        std::fflush(stdout);
    }
}
