#pragma once

#include <QString>

namespace segmenta::exporting {

// Masks personal data for lists that are shared outside the shop: phone numbers keep their first three and
// last four digits (138****5678), e-mail addresses the first character of the local part and the domain
// (j***@example.com), Chinese names the surname (张*, 欧阳**), other names their first letter (J***).
// Pure functions, any thread. Empty input stays empty; input of any other shape is masked all the same
// (a phone with few digits keeps only its last two).
class PersonalDataMask
{
public:
    enum class Kind { None, Phone, Email, Name };

    // Which mask a field's role calls for ("phone", "email", "name"; anything else: None).
    static Kind kindForRole(const QString &role);
    static QString apply(Kind kind, const QString &value);

    static QString phone(const QString &value);
    static QString email(const QString &value);
    static QString name(const QString &value);
};

} // namespace segmenta::exporting
