#include "export/personaldatamask.h"

#include <QStringList>

namespace segmenta::exporting {

namespace {

// Two-character Chinese surnames: the whole surname is kept, the given name masked.
const QStringList &compoundSurnames()
{
    static const QStringList names = {
        QStringLiteral("欧阳"), QStringLiteral("司马"), QStringLiteral("上官"), QStringLiteral("诸葛"),
        QStringLiteral("东方"), QStringLiteral("皇甫"), QStringLiteral("尉迟"), QStringLiteral("公孙"),
        QStringLiteral("慕容"), QStringLiteral("令狐"), QStringLiteral("长孙"), QStringLiteral("宇文"),
        QStringLiteral("司徒"), QStringLiteral("夏侯"), QStringLiteral("轩辕"), QStringLiteral("端木"),
        QStringLiteral("独孤"), QStringLiteral("南宫"), QStringLiteral("西门"), QStringLiteral("澹台")};
    return names;
}

// The first user-visible character (a surrogate pair counts as one).
QString firstCharacter(const QString &text)
{
    if (text.isEmpty())
        return {};
    return text.left(text.at(0).isHighSurrogate() && text.size() > 1 ? 2 : 1);
}

bool isHan(const QString &text)
{
    if (text.isEmpty())
        return false;
    const char32_t code = text.at(0).isHighSurrogate() && text.size() > 1
                              ? QChar::surrogateToUcs4(text.at(0), text.at(1))
                              : text.at(0).unicode();
    return QChar::script(code) == QChar::Script_Han;
}

} // namespace

PersonalDataMask::Kind PersonalDataMask::kindForRole(const QString &role)
{
    if (role == u"phone")
        return Kind::Phone;
    if (role == u"email")
        return Kind::Email;
    if (role == u"name")
        return Kind::Name;
    return Kind::None;
}

QString PersonalDataMask::apply(Kind kind, const QString &value)
{
    switch (kind) {
    case Kind::Phone:
        return phone(value);
    case Kind::Email:
        return email(value);
    case Kind::Name:
        return name(value);
    case Kind::None:
        break;
    }
    return value;
}

QString PersonalDataMask::phone(const QString &value)
{
    qsizetype digitCount = 0;
    for (const QChar c : value)
        digitCount += c.isDigit() ? 1 : 0;
    // Keep the first three and last four digits of a full number, only the last two of a short one.
    const qsizetype keepFirst = digitCount >= 7 ? 3 : 0;
    const qsizetype keepLast = digitCount >= 7 ? 4 : 2;
    QString masked = value;
    qsizetype seen = 0;
    for (QChar &c : masked) {
        if (!c.isDigit())
            continue;
        if (seen >= keepFirst && seen < digitCount - keepLast)
            c = u'*';
        ++seen;
    }
    return masked;
}

QString PersonalDataMask::email(const QString &value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return {};
    const qsizetype at = trimmed.lastIndexOf(u'@');
    if (at < 0)
        return firstCharacter(trimmed) + QStringLiteral("***");
    return firstCharacter(trimmed.left(at)) + QStringLiteral("***") + trimmed.mid(at);
}

QString PersonalDataMask::name(const QString &value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (!isHan(trimmed))
        return firstCharacter(trimmed) + QStringLiteral("***");
    qsizetype surname = firstCharacter(trimmed).size();
    if (trimmed.size() > 2) {
        for (const QString &compound : compoundSurnames()) {
            if (trimmed.startsWith(compound)) {
                surname = compound.size();
                break;
            }
        }
    }
    // One star per hidden character, at least one so a lone surname does not pass for a whole name.
    qsizetype hidden = 0;
    for (qsizetype i = surname; i < trimmed.size(); ++i)
        hidden += trimmed.at(i).isLowSurrogate() ? 0 : 1;
    return trimmed.left(surname) + QString(std::max<qsizetype>(hidden, 1), u'*');
}

} // namespace segmenta::exporting
