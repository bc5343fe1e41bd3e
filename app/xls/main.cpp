// segmenta-xls-reader: reads an old Excel workbook (.xls) through FreeXL in a process of its own and writes
// every cell to standard output, for read::IsolatedXlsReader. FreeXL is C code that crafted files can make
// misbehave (fuzzing found a stack overflow in its text conversion); here such a file ends this process,
// not the app, and the import is refused with a message.
//
// Output (UTF-8 lines, fields separated by tabs; \t, \n and \\ escaped in text):
//   SEGMENTA-XLS 1
//   S <index> <name>                       one line per sheet
//   R <sheet> <row number>                 a row that has cells
//   C <column> <kind> <number> <text>      a cell of that row (kind: read::Cell::Kind as a number)
//   E <message>                            the workbook is refused (exit status 1)
#include "read/xlsreader.h"

#include <QCoreApplication>

#include <cstdio>
#include <string>

namespace {

void writeEscaped(std::string &out, std::string_view text)
{
    for (const char c : text) {
        if (c == '\t')
            out += "\\t";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\\')
            out += "\\\\";
        else
            out += c;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: segmenta-xls-reader FILE.xls\n");
        return 2;
    }
    std::string out = "SEGMENTA-XLS 1\n";
    auto reader = segmenta::read::XlsReader::open(QString::fromLocal8Bit(argv[1]));
    if (!reader) {
        out += "E\t";
        writeEscaped(out, reader.errorMessage().toStdString());
        out += '\n';
        std::fwrite(out.data(), 1, out.size(), stdout);
        return 1;
    }
    const auto sheets = (*reader)->sheets();
    for (int s = 0; s < sheets.size(); ++s) {
        out += "S\t" + std::to_string(s) + '\t';
        writeEscaped(out, sheets[s].name.toStdString());
        out += '\n';
    }
    std::vector<segmenta::read::Cell> cells;
    char number[64];
    for (int s = 0; s < sheets.size(); ++s) {
        if (!(*reader)->selectSheet(s))
            continue;
        while ((*reader)->nextRow(cells)) {
            out += "R\t" + std::to_string(s) + '\t' + std::to_string((*reader)->rowNumber()) + '\n';
            for (size_t c = 0; c < cells.size(); ++c) {
                if (cells[c].kind == segmenta::read::Cell::Kind::Empty)
                    continue;
                std::snprintf(number, sizeof number, "%.17g", cells[c].number);
                out += "C\t" + std::to_string(c) + '\t' + std::to_string(int(cells[c].kind)) + '\t' + number + '\t';
                writeEscaped(out, cells[c].text);
                out += '\n';
            }
            if (out.size() > (1 << 20)) {
                std::fwrite(out.data(), 1, out.size(), stdout);
                out.clear();
            }
        }
        if ((*reader)->error()) {
            out += "E\t";
            writeEscaped(out, (*reader)->error()->message.toStdString());
            out += '\n';
            std::fwrite(out.data(), 1, out.size(), stdout);
            return 1;
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
