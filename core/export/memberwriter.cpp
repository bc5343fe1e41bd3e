#include "export/memberwriter.h"

#include <QDate>

namespace segmenta::exporting {

QString groupName(int index)
{
    return QString(QChar(u'A' + index));
}

int displayWidth(std::string_view utf8)
{
    int width = 0;
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) == 0x80)
            continue; // continuation byte
        // Three- and four-byte sequences are CJK, fullwidth forms and emoji in practice: two cells each.
        width += byte >= 0xE0 ? 2 : 1;
    }
    return width;
}

namespace {

bool digits(std::string_view text, size_t at, size_t count, int *value)
{
    if (at + count > text.size())
        return false;
    int v = 0;
    for (size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (text[i] - '0');
    }
    *value = v;
    return true;
}

} // namespace

bool parseIsoDate(std::string_view text, bool withTime, Cell &cell)
{
    int year = 0, month = 0, day = 0;
    if (!digits(text, 0, 4, &year) || text.size() < 10 || text[4] != '-' || text[7] != '-' ||
        !digits(text, 5, 2, &month) || !digits(text, 8, 2, &day))
        return false;
    if (year < 1900 || !QDate::isValid(year, month, day))
        return false;
    cell = Cell{};
    cell.kind = Cell::Kind::Date;
    cell.year = year;
    cell.month = month;
    cell.day = day;
    if (withTime && text.size() >= 16 && (text[10] == 'T' || text[10] == ' ')) {
        int hour = 0, minute = 0, second = 0;
        if (digits(text, 11, 2, &hour) && text[13] == ':' && digits(text, 14, 2, &minute) && hour < 24 && minute < 60) {
            if (text.size() >= 19 && text[16] == ':' && digits(text, 17, 2, &second) && second < 60)
                cell.second = second;
            cell.hour = hour;
            cell.minute = minute;
            cell.hasTime = true;
        }
    }
    return true;
}

} // namespace segmenta::exporting
