#include "rules/ruletext.h"

#include <QSet>

#include <cmath>

#include <optional>

namespace segmenta::rules {

namespace {

enum class Tok { Name, QuotedName, String, Number, Date, LParen, RParen, Comma, Percent, Symbol, End };

struct Token
{
    Tok kind = Tok::End;
    QString text;   // as written (names and symbols), or the decoded string
    double number = 0;
    QDate date;
    int line = 1;
    int column = 1;
};

const QSet<QString> &keywords()
{
    static const QSet<QString> words = {
        QStringLiteral("and"),      QStringLiteral("or"),     QStringLiteral("not"),     QStringLiteral("is"),
        QStringLiteral("in"),       QStringLiteral("empty"),  QStringLiteral("true"),    QStringLiteral("false"),
        QStringLiteral("contains"), QStringLiteral("starts"), QStringLiteral("ends"),    QStringLiteral("with"),
        QStringLiteral("between"),  QStringLiteral("top"),    QStringLiteral("bottom"),  QStringLiteral("last"),
        QStringLiteral("next"),     QStringLiteral("days"),   QStringLiteral("weeks"),   QStringLiteral("months"),
        QStringLiteral("more"),     QStringLiteral("than"),   QStringLiteral("ago"),     QStringLiteral("on"),
        QStringLiteral("before"),   QStringLiteral("after"),  QStringLiteral("anniversary"), QStringLiteral("within"),
        QStringLiteral("segment"),  QStringLiteral("all"),    QStringLiteral("any"),     QStringLiteral("none"),
        QStringLiteral("disabled"), QStringLiteral("ordered"), QStringLiteral("spent")};
    return words;
}

bool isNameStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isNamePart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c.isMark();
}

QString describe(const Token &t)
{
    switch (t.kind) {
    case Tok::End:
        return RuleText::tr("the end of the rule");
    case Tok::String:
        return RuleText::tr("the text \"%1\"").arg(t.text);
    case Tok::QuotedName:
        return u'`' + t.text + u'`';
    default:
        return u'“' + t.text + u'”';
    }
}

class Lexer
{
public:
    explicit Lexer(const QString &text) : m_text(text) {}

    Result<std::vector<Token>> run()
    {
        std::vector<Token> tokens;
        while (true) {
            skipSpace();
            Token t;
            t.line = m_line;
            t.column = m_column;
            if (m_pos >= m_text.size()) {
                tokens.push_back(t);
                return tokens;
            }
            const QChar c = m_text[m_pos];
            if (c == u'(' || c == u')' || c == u',' || c == u'%') {
                t.kind = c == u'(' ? Tok::LParen : c == u')' ? Tok::RParen : c == u',' ? Tok::Comma : Tok::Percent;
                t.text = c;
                advance();
            } else if (c == u'"' || c == u'\'') {
                auto s = readString(c);
                if (!s)
                    return s.error();
                t.kind = Tok::String;
                t.text = s.value();
            } else if (c == u'`') {
                auto s = readQuotedName();
                if (!s)
                    return s.error();
                t.kind = Tok::QuotedName;
                t.text = s.value();
            } else if (c.isDigit() || ((c == u'-' || c == u'+') && m_pos + 1 < m_text.size() && m_text[m_pos + 1].isDigit())) {
                readNumberOrDate(t);
                if (t.kind == Tok::End)
                    return error(t, RuleText::tr("“%1” is neither a number nor a date (YYYY-MM-DD)").arg(t.text));
            } else if (isNameStart(c)) {
                qsizetype start = m_pos;
                while (m_pos < m_text.size() && isNamePart(m_text[m_pos]))
                    advance();
                t.kind = Tok::Name;
                t.text = m_text.mid(start, m_pos - start);
            } else if (c == u'=' || c == u'<' || c == u'>' || c == u'!') {
                qsizetype start = m_pos;
                advance();
                if (m_pos < m_text.size() && m_text[m_pos] == u'=')
                    advance();
                t.kind = Tok::Symbol;
                t.text = m_text.mid(start, m_pos - start);
                if (t.text == u"!")
                    return error(t, RuleText::tr("expected “!=”"));
            } else {
                t.text = c;
                return error(t, RuleText::tr("unexpected character “%1”").arg(c));
            }
            tokens.push_back(t);
        }
    }

private:
    Error error(const Token &at, const QString &message) const
    {
        return Error{RuleText::tr("line %1, column %2: %3").arg(at.line).arg(at.column).arg(message)};
    }

    void advance()
    {
        if (m_text[m_pos] == u'\n') {
            ++m_line;
            m_column = 1;
        } else {
            ++m_column;
        }
        ++m_pos;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            advance();
    }

    Result<QString> readString(QChar quote)
    {
        Token start{Tok::String, {}, 0, {}, m_line, m_column};
        advance();
        QString value;
        while (m_pos < m_text.size() && m_text[m_pos] != quote) {
            if (m_text[m_pos] == u'\\' && m_pos + 1 < m_text.size()) {
                advance();
                const QChar e = m_text[m_pos];
                value += e == u'n' ? QChar(u'\n') : e == u't' ? QChar(u'\t') : e;
            } else {
                value += m_text[m_pos];
            }
            advance();
        }
        if (m_pos >= m_text.size())
            return error(start, RuleText::tr("this text has no closing quote"));
        advance();
        return value;
    }

    Result<QString> readQuotedName()
    {
        Token start{Tok::QuotedName, {}, 0, {}, m_line, m_column};
        advance();
        QString value;
        while (m_pos < m_text.size()) {
            if (m_text[m_pos] == u'`') {
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == u'`') {
                    value += u'`';
                    advance();
                    advance();
                    continue;
                }
                advance();
                return value;
            }
            value += m_text[m_pos];
            advance();
        }
        return error(start, RuleText::tr("this field name has no closing backtick"));
    }

    void readNumberOrDate(Token &t)
    {
        const qsizetype start = m_pos;
        advance();
        while (m_pos < m_text.size() && (m_text[m_pos].isDigit() || m_text[m_pos] == u'.' || m_text[m_pos] == u'-' ||
                                         m_text[m_pos] == u'e' || m_text[m_pos] == u'E'))
            advance();
        t.text = m_text.mid(start, m_pos - start);
        const QDate date = QDate::fromString(t.text, Qt::ISODate);
        if (t.text.size() == 10 && date.isValid()) {
            t.kind = Tok::Date;
            t.date = date;
            return;
        }
        bool ok = false;
        t.number = t.text.toDouble(&ok);
        t.kind = ok ? Tok::Number : Tok::End;
    }

    const QString &m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_column = 1;
};

class Parser
{
public:
    Parser(std::vector<Token> tokens, ConditionPositions *positions) : m_tokens(std::move(tokens)), m_positions(positions) {}

    Result<Rule> parseRule()
    {
        try {
            Rule rule;
            if (peek().kind == Tok::End)
                return rule;
            Node top = expr(0);
            if (peek().kind != Tok::End)
                fail(RuleText::tr("expected “and”, “or” or the end of the rule"));
            if (top.isGroup() && top.group->enabled)
                rule.root = std::move(*top.group);
            else
                rule.root.children.push_back(std::move(top));
            return rule;
        } catch (const Error &error) {
            return error;
        }
    }

private:
    const Token &peek(int ahead = 0) const
    {
        const size_t i = std::min(m_pos + size_t(ahead), m_tokens.size() - 1);
        return m_tokens[i];
    }
    bool isWord(const Token &t, const char *word) const { return t.kind == Tok::Name && t.text == QLatin1StringView(word); }
    bool peekWord(const char *word, int ahead = 0) const { return isWord(peek(ahead), word); }
    const Token &take() { return m_tokens[std::min(m_pos++, m_tokens.size() - 1)]; }

    [[noreturn]] void fail(const QString &expected) const
    {
        const Token &t = peek();
        throw Error{RuleText::tr("line %1, column %2: %3, found %4").arg(t.line).arg(t.column).arg(expected, describe(t))};
    }
    void expectWord(const char *word)
    {
        if (!peekWord(word))
            fail(RuleText::tr("expected “%1”").arg(QLatin1StringView(word)));
        take();
    }
    void expect(Tok kind, const QString &what)
    {
        if (peek().kind != kind)
            fail(RuleText::tr("expected %1").arg(what));
        take();
    }

    Node expr(int depth)
    {
        if (depth > 64)
            fail(RuleText::tr("the rule is nested too deeply"));
        Node first = term(depth);
        if (!peekWord("or"))
            return first;
        Group any;
        any.match = GroupMatch::Any;
        any.children.push_back(std::move(first));
        while (peekWord("or")) {
            take();
            any.children.push_back(term(depth));
        }
        return Node(std::move(any));
    }

    Node term(int depth)
    {
        Node first = unary(depth);
        if (!peekWord("and"))
            return first;
        Group all;
        all.children.push_back(std::move(first));
        while (peekWord("and")) {
            take();
            all.children.push_back(unary(depth));
        }
        return Node(std::move(all));
    }

    Node unary(int depth)
    {
        if (depth > 64)
            fail(RuleText::tr("the rule is nested too deeply"));
        if (peekWord("not")) {
            if (peekWord("in", 1) && peekWord("segment", 2) && m_inWhere == 0) {
                record();
                take();
                take();
                take();
                return segmentCondition(Op::NotInSegment);
            }
            take();
            Group none;
            none.match = GroupMatch::None;
            none.children.push_back(unary(depth + 1));
            return Node(std::move(none));
        }
        if (peekWord("disabled")) {
            take();
            Node node = unary(depth + 1);
            if (node.group)
                node.group->enabled = false;
            else
                node.condition->enabled = false;
            return node;
        }
        return primary(depth);
    }

    Node segmentCondition(Op op)
    {
        if (peek().kind != Tok::String)
            fail(RuleText::tr("expected a segment name in quotes"));
        Condition c;
        c.op = op;
        c.values.append(take().text);
        return Node(std::move(c));
    }

    Node primary(int depth)
    {
        if (peek().kind == Tok::LParen) {
            take();
            Node inner = expr(depth + 1);
            expect(Tok::RParen, RuleText::tr("“)”"));
            return inner;
        }
        if ((peekWord("all") || peekWord("any") || peekWord("none")) && peek(1).kind == Tok::LParen) {
            Group group;
            group.match = peekWord("all") ? GroupMatch::All : peekWord("any") ? GroupMatch::Any : GroupMatch::None;
            take();
            take();
            if (peek().kind != Tok::RParen) {
                group.children.push_back(expr(depth + 1));
                while (peek().kind == Tok::Comma) {
                    take();
                    group.children.push_back(expr(depth + 1));
                }
            }
            expect(Tok::RParen, RuleText::tr("“,” or “)”"));
            return Node(std::move(group));
        }
        if (peekWord("in") && peekWord("segment", 1)) {
            if (m_inWhere > 0)
                fail(RuleText::tr("expected a condition on an order or line field"));
            record();
            take();
            take();
            return segmentCondition(Op::InSegment);
        }
        if (peekWord("ordered") || peekWord("spent")) {
            if (m_inWhere > 0)
                fail(RuleText::tr("expected a condition on an order or line field (a purchase condition cannot be nested)"));
            return purchaseCondition(depth);
        }
        if (peek().kind == Tok::QuotedName || (peek().kind == Tok::Name && !keywords().contains(peek().text))) {
            record();
            Condition c;
            c.field = take().text;
            predicate(c);
            return Node(std::move(c));
        }
        if (m_inWhere > 0)
            fail(RuleText::tr("expected an order or line field (such as product, category, amount) or “(”"));
        fail(RuleText::tr("expected a field name, “(”, “not”, “in segment”, “ordered” or “spent”"));
    }

    QVariant value()
    {
        const Token &t = peek();
        switch (t.kind) {
        case Tok::String:
            take();
            return t.text;
        case Tok::Number:
            take();
            return t.number;
        case Tok::Date:
            take();
            return t.date;
        default:
            fail(RuleText::tr("expected a value (text in quotes, a number or a date)"));
        }
    }

    double number()
    {
        if (peek().kind != Tok::Number)
            fail(RuleText::tr("expected a number"));
        return take().number;
    }

    QDate date()
    {
        if (peek().kind != Tok::Date)
            fail(RuleText::tr("expected a date (YYYY-MM-DD)"));
        return take().date;
    }

    QString string()
    {
        if (peek().kind != Tok::String)
            fail(RuleText::tr("expected text in quotes"));
        return take().text;
    }

    QVariantList list()
    {
        expect(Tok::LParen, RuleText::tr("“(” and a list of values"));
        QVariantList values{value()};
        while (peek().kind == Tok::Comma) {
            take();
            values.append(value());
        }
        expect(Tok::RParen, RuleText::tr("“,” or “)”"));
        return values;
    }

    QString unit(bool daysOnly)
    {
        for (const char *u : {"days", "weeks", "months"}) {
            if (peekWord(u) && (!daysOnly || QLatin1StringView(u) == u"days")) {
                take();
                return QString::fromLatin1(u);
            }
        }
        fail(daysOnly ? RuleText::tr("expected “days”") : RuleText::tr("expected “days”, “weeks” or “months”"));
    }

    // Chooses the operator from the value's kind for "=", "is" and friends.
    static Op byValue(const QVariant &v, Op forText, Op forNumber, Op forDate)
    {
        if (v.typeId() == QMetaType::Double)
            return forNumber;
        if (v.typeId() == QMetaType::QDate)
            return forDate;
        return forText;
    }

    // The position of the condition that starts at the next token, in reading order (see ConditionPositions).
    void record()
    {
        if (m_positions)
            m_positions->push_back({peek().line, peek().column});
    }

    // A count of times: a whole number, 0 or more.
    double count()
    {
        if (peek().kind != Tok::Number || peek().number < 0 || peek().number != std::floor(peek().number) || peek().number > 1e9)
            fail(RuleText::tr("expected a whole number of times (0 or more)"));
        return take().number;
    }

    // ordered [at least N times | at most N times | exactly N times] [PERIOD] [where ORDER-CONDITION]
    // spent (>= X | > X | <= X | < X | = X | between X and Y) [PERIOD] [where ORDER-CONDITION]
    Node purchaseCondition(int depth)
    {
        record();
        Condition c;
        c.op = peekWord("ordered") ? Op::Ordered : Op::Spent;
        take();
        Purchase purchase;
        if (c.op == Op::Ordered)
            orderedCount(purchase);
        else
            spentAmount(purchase);
        if (peekWord("in") || peekWord("before") || peekWord("after") || peekWord("between") || peekWord("more")) {
            Condition period;
            period.field = QStringLiteral("order_date");
            periodPredicate(period);
            purchase.period = std::move(period);
        }
        if (peekWord("where")) {
            take();
            ++m_inWhere;
            Node where = unary(depth + 1);
            --m_inWhere;
            if (where.isGroup() && where.group->enabled)
                purchase.where = std::move(*where.group);
            else
                purchase.where.children.push_back(std::move(where));
        }
        c.purchase = std::make_shared<const Purchase>(std::move(purchase));
        return Node(std::move(c));
    }

    void orderedCount(Purchase &purchase)
    {
        purchase.compare = Op::Ge;
        purchase.amounts = {1.0};
        if (!peekWord("at") && !peekWord("exactly"))
            return;
        if (peekWord("exactly")) {
            purchase.compare = Op::Eq;
        } else {
            take();
            if (!peekWord("least") && !peekWord("most"))
                fail(RuleText::tr("expected “least” or “most”"));
            purchase.compare = peekWord("least") ? Op::Ge : Op::Le;
        }
        take();
        purchase.amounts = {count()};
        if (!peekWord("times") && !peekWord("time"))
            fail(RuleText::tr("expected “times”"));
        take();
    }

    void spentAmount(Purchase &purchase)
    {
        const Token &t = peek();
        if (isWord(t, "between")) {
            take();
            const double low = number();
            expectWord("and");
            purchase.compare = Op::Between;
            purchase.amounts = {low, number()};
            return;
        }
        if (t.kind != Tok::Symbol || t.text == u"!=")
            fail(RuleText::tr("expected >=, >, <=, <, = or “between” after “spent”"));
        take();
        purchase.compare = t.text == u"=" ? Op::Eq : t.text == u"<" ? Op::Lt : t.text == u"<=" ? Op::Le
                         : t.text == u">" ? Op::Gt : Op::Ge;
        purchase.amounts = {number()};
    }

    // in last N days|weeks|months, before D, after D, between D and D, more than N days ago
    void periodPredicate(Condition &period)
    {
        if (peekWord("in")) {
            take();
            expectWord("last");
            period.op = Op::InLast;
            const double n = number();
            period.values = {n, unit(false)};
            return;
        }
        if (peekWord("between")) {
            take();
            const QDate low = date();
            expectWord("and");
            period.op = Op::Between;
            period.values = {low, date()};
            return;
        }
        if (peekWord("before") || peekWord("after")) {
            period.op = peekWord("before") ? Op::Before : Op::After;
            take();
            period.values = {date()};
            return;
        }
        take(); // more
        expectWord("than");
        period.op = Op::MoreThanDaysAgo;
        period.values = {number()};
        expectWord("days");
        expectWord("ago");
    }

    void predicate(Condition &c)
    {
        const Token &t = peek();
        if (t.kind == Tok::Symbol) {
            take();
            const QString s = t.text;
            if (s == u"=" || s == u"!=") {
                const QVariant v = value();
                if (s == u"!=" && v.typeId() == QMetaType::QDate)
                    throw Error{RuleText::tr("line %1, column %2: use “not (%3 on DATE)” for dates").arg(t.line).arg(t.column).arg(c.field)};
                c.op = s == u"=" ? byValue(v, Op::Is, Op::Eq, Op::On) : byValue(v, Op::IsNot, Op::Ne, Op::Ne);
                c.values = {v};
                return;
            }
            c.op = s == u"<" ? Op::Lt : s == u"<=" ? Op::Le : s == u">" ? Op::Gt : Op::Ge;
            c.values = {number()};
            return;
        }
        if (isWord(t, "is")) {
            take();
            bool negated = false;
            if (peekWord("not")) {
                take();
                negated = true;
            }
            if (peekWord("empty")) {
                take();
                c.op = negated ? Op::IsNotEmpty : Op::IsEmpty;
                return;
            }
            if (!negated && (peekWord("true") || peekWord("false"))) {
                c.op = peekWord("true") ? Op::IsTrue : Op::IsFalse;
                take();
                return;
            }
            const QVariant v = value();
            if (negated && v.typeId() == QMetaType::QDate)
                fail(RuleText::tr("“is not” takes text or a number"));
            c.op = negated ? byValue(v, Op::IsNot, Op::Ne, Op::Ne) : byValue(v, Op::Is, Op::Eq, Op::On);
            c.values = {v};
            return;
        }
        if (isWord(t, "not")) {
            take();
            if (peekWord("contains")) {
                take();
                c.op = Op::NotContains;
                c.values = {string()};
                return;
            }
            expectWord("in");
            if (peekWord("last")) {
                take();
                c.op = Op::NotInLast;
                const double n = number();
                c.values = {n, unit(false)};
                return;
            }
            c.op = Op::NotIn;
            c.values = list();
            return;
        }
        if (isWord(t, "in")) {
            take();
            if (peekWord("top") || peekWord("bottom")) {
                c.op = peekWord("top") ? Op::TopPercent : Op::BottomPercent;
                take();
                c.values = {number()};
                expect(Tok::Percent, RuleText::tr("“%”"));
                return;
            }
            if (peekWord("last")) {
                take();
                c.op = Op::InLast;
                const double n = number();
                c.values = {n, unit(false)};
                return;
            }
            if (peekWord("next")) {
                take();
                c.op = Op::InNextDays;
                c.values = {number()};
                unit(true);
                return;
            }
            c.op = Op::In;
            c.values = list();
            return;
        }
        if (isWord(t, "contains")) {
            take();
            c.op = Op::Contains;
            c.values = {string()};
            return;
        }
        if (isWord(t, "starts") || isWord(t, "ends")) {
            c.op = isWord(t, "starts") ? Op::StartsWith : Op::EndsWith;
            take();
            expectWord("with");
            c.values = {string()};
            return;
        }
        if (isWord(t, "between")) {
            take();
            const QVariant low = value();
            expectWord("and");
            c.op = Op::Between;
            c.values = {low, value()};
            return;
        }
        if (isWord(t, "on") || isWord(t, "before") || isWord(t, "after")) {
            c.op = isWord(t, "on") ? Op::On : isWord(t, "before") ? Op::Before : Op::After;
            take();
            c.values = {date()};
            return;
        }
        if (isWord(t, "more")) {
            take();
            expectWord("than");
            c.op = Op::MoreThanDaysAgo;
            c.values = {number()};
            expectWord("days");
            expectWord("ago");
            return;
        }
        if (isWord(t, "anniversary")) {
            take();
            expectWord("within");
            c.op = Op::AnniversaryWithin;
            c.values = {number()};
            expectWord("days");
            return;
        }
        fail(RuleText::tr("expected an operator after “%1” (such as =, >, is, in, contains, between, in last)").arg(c.field));
    }

    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    ConditionPositions *m_positions = nullptr;
    int m_inWhere = 0; // inside a purchase condition's where: order and line fields only
};

QString numberText(double value)
{
    // The shortest text that reads back as the same double, without an exponent where one is not needed.
    if (value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(qint64(value));
    for (int decimals = 1; decimals <= 17; ++decimals) {
        const QString text = QString::number(value, 'f', decimals);
        if (text.toDouble() == value)
            return text;
    }
    for (int precision = 1; precision <= 17; ++precision) {
        const QString text = QString::number(value, 'g', precision);
        if (text.toDouble() == value)
            return text;
    }
    return QString::number(value, 'g', 17);
}

QString valueText(const QVariant &v)
{
    if (v.typeId() == QMetaType::Double)
        return numberText(v.toDouble());
    if (v.typeId() == QMetaType::QDate)
        return v.toDate().toString(Qt::ISODate);
    QString s = v.toString();
    s.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\"")).replace(u'\n', QStringLiteral("\\n"));
    return u'"' + s + u'"';
}

QString at(const QVariantList &values, int i)
{
    return i < values.size() ? valueText(values[i]) : QStringLiteral("\"\"");
}

QString purchaseText(const Condition &c);

QString conditionText(const Condition &c)
{
    if (c.isPurchase())
        return purchaseText(c);
    const QString f = RuleText::fieldToken(c.field);
    const QVariantList &v = c.values;
    const auto list = [&v]() -> QString {
        QStringList items;
        for (const QVariant &value : v)
            items << valueText(value);
        return u'(' + items.join(QStringLiteral(", ")) + u')';
    };
    const auto unitText = [&v]() -> QString { return v.size() > 1 ? v[1].toString() : QStringLiteral("days"); };
    switch (c.op) {
    case Op::Is: return f + QStringLiteral(" is ") + at(v, 0);
    case Op::IsNot: return f + QStringLiteral(" is not ") + at(v, 0);
    case Op::In: return f + QStringLiteral(" in ") + list();
    case Op::NotIn: return f + QStringLiteral(" not in ") + list();
    case Op::Contains: return f + QStringLiteral(" contains ") + at(v, 0);
    case Op::NotContains: return f + QStringLiteral(" not contains ") + at(v, 0);
    case Op::StartsWith: return f + QStringLiteral(" starts with ") + at(v, 0);
    case Op::EndsWith: return f + QStringLiteral(" ends with ") + at(v, 0);
    case Op::IsEmpty: return f + QStringLiteral(" is empty");
    case Op::IsNotEmpty: return f + QStringLiteral(" is not empty");
    case Op::Eq: return f + QStringLiteral(" = ") + at(v, 0);
    case Op::Ne: return f + QStringLiteral(" != ") + at(v, 0);
    case Op::Lt: return f + QStringLiteral(" < ") + at(v, 0);
    case Op::Le: return f + QStringLiteral(" <= ") + at(v, 0);
    case Op::Gt: return f + QStringLiteral(" > ") + at(v, 0);
    case Op::Ge: return f + QStringLiteral(" >= ") + at(v, 0);
    case Op::Between: return f + QStringLiteral(" between ") + at(v, 0) + QStringLiteral(" and ") + at(v, 1);
    case Op::TopPercent: return f + QStringLiteral(" in top ") + at(v, 0) + u'%';
    case Op::BottomPercent: return f + QStringLiteral(" in bottom ") + at(v, 0) + u'%';
    case Op::On: return f + QStringLiteral(" on ") + at(v, 0);
    case Op::Before: return f + QStringLiteral(" before ") + at(v, 0);
    case Op::After: return f + QStringLiteral(" after ") + at(v, 0);
    case Op::InLast: return f + QStringLiteral(" in last ") + at(v, 0) + u' ' + unitText();
    case Op::NotInLast: return f + QStringLiteral(" not in last ") + at(v, 0) + u' ' + unitText();
    case Op::MoreThanDaysAgo: return f + QStringLiteral(" more than ") + at(v, 0) + QStringLiteral(" days ago");
    case Op::InNextDays: return f + QStringLiteral(" in next ") + at(v, 0) + QStringLiteral(" days");
    case Op::AnniversaryWithin: return f + QStringLiteral(" anniversary within ") + at(v, 0) + QStringLiteral(" days");
    case Op::IsTrue: return f + QStringLiteral(" is true");
    case Op::IsFalse: return f + QStringLiteral(" is false");
    case Op::InSegment: return QStringLiteral("in segment ") + at(v, 0);
    case Op::NotInSegment: return QStringLiteral("not in segment ") + at(v, 0);
    case Op::Ordered:
    case Op::Spent: break;
    }
    return {};
}

QString groupBody(const Group &g);
QString item(const Node &node);
QString functionForm(const Group &g);

// A where-group as the parser reads it back (see purchaseCondition): one condition bare, a chain in
// parentheses, anything else in its function or "not" form.
QString whereText(const Group &where)
{
    if (where.enabled && where.match == GroupMatch::All && where.children.size() == 1 && !where.children.front().isGroup())
        return item(where.children.front());
    if (!where.enabled)
        return functionForm(where);
    const bool chain = (where.match == GroupMatch::All || where.match == GroupMatch::Any) && where.children.size() >= 2;
    return chain ? u'(' + groupBody(where) + u')' : groupBody(where);
}

QString purchaseText(const Condition &c)
{
    const Purchase purchase = c.purchase ? *c.purchase : Purchase{};
    const QVariantList &v = purchase.amounts;
    QString text;
    if (c.op == Op::Ordered) {
        text = QStringLiteral("ordered");
        const bool once = purchase.compare == Op::Ge && v.size() == 1 && v.front().typeId() == QMetaType::Double &&
                          v.front().toDouble() == 1;
        if (!once) {
            const char *how = purchase.compare == Op::Le ? " at most " : purchase.compare == Op::Eq ? " exactly " : " at least ";
            text += QLatin1StringView(how) + at(v, 0) + QStringLiteral(" times");
        }
    } else if (purchase.compare == Op::Between) {
        text = QStringLiteral("spent between ") + at(v, 0) + QStringLiteral(" and ") + at(v, 1);
    } else {
        const Op op = purchase.compare;
        const char *symbol = op == Op::Gt ? " > " : op == Op::Le ? " <= " : op == Op::Lt ? " < " : op == Op::Eq ? " = " : " >= ";
        text = QStringLiteral("spent") + QLatin1StringView(symbol) + at(v, 0);
    }
    if (purchase.period) {
        // The period reads as its condition on order_date without the field name.
        const QString period = conditionText(*purchase.period);
        const QString field = RuleText::fieldToken(purchase.period->field);
        text += period.startsWith(field) ? period.mid(field.size()) : u' ' + period;
    }
    const Group &where = purchase.where;
    if (!(where.enabled && where.match == GroupMatch::All && where.children.empty()))
        text += QStringLiteral(" where ") + whereText(where);
    return text;
}

QString groupBody(const Group &g);

// A node as an operand of and/or, or as an argument of all()/any()/none().
QString item(const Node &node)
{
    QString text;
    if (!node.group) {
        text = conditionText(*node.condition);
    } else {
        const Group &g = *node.group;
        const bool chain = (g.match == GroupMatch::All || g.match == GroupMatch::Any) && g.children.size() >= 2;
        if (chain)
            text = u'(' + groupBody(g) + u')';
        else
            text = groupBody(g);
    }
    return node.enabled() ? text : QStringLiteral("disabled ") + text;
}

QString functionForm(const Group &g)
{
    QStringList args;
    for (const Node &child : g.children)
        args << item(child);
    const char *name = g.match == GroupMatch::All ? "all" : g.match == GroupMatch::Any ? "any" : "none";
    return QLatin1StringView(name) + u'(' + args.join(QStringLiteral(", ")) + u')';
}

// The group's own text, without surrounding parentheses and without its disabled mark.
QString groupBody(const Group &g)
{
    if ((g.match == GroupMatch::All || g.match == GroupMatch::Any) && g.children.size() >= 2) {
        QStringList parts;
        for (const Node &child : g.children)
            parts << item(child);
        return parts.join(g.match == GroupMatch::All ? QStringLiteral(" and ") : QStringLiteral(" or "));
    }
    // "not in segment" reads as the NotInSegment operator, so a "none" around "in segment" keeps its form.
    const auto isSegmentCondition = [](const Node &n) {
        return !n.group && n.condition->enabled && n.condition->op == Op::InSegment;
    };
    if (g.match == GroupMatch::None && g.children.size() == 1 && !isSegmentCondition(g.children.front()))
        return QStringLiteral("not ") + item(g.children.front());
    return functionForm(g);
}

} // namespace

Result<Rule> RuleText::parse(const QString &text)
{
    return parse(text, nullptr);
}

Result<Rule> RuleText::parse(const QString &text, ConditionPositions *positions)
{
    auto tokens = Lexer(text).run();
    if (!tokens)
        return tokens.error();
    if (positions)
        positions->clear();
    return Parser(std::move(tokens).value(), positions).parseRule();
}

QString RuleText::print(const Rule &rule)
{
    const Group &root = rule.root;
    // The parser makes a lone condition a one-child "all" root, and takes a top-level group as the root.
    if (root.match == GroupMatch::All && root.children.empty())
        return {};
    if (root.match == GroupMatch::All && root.children.size() == 1 && !root.children.front().isGroup())
        return item(root.children.front());
    if (!root.enabled)
        return functionForm(root); // a disabled root is not representable; print it enabled
    return groupBody(root);
}

QString RuleText::fieldToken(const QString &name)
{
    bool plain = !name.isEmpty() && isNameStart(name.front()) && !keywords().contains(name);
    for (QChar c : name)
        plain = plain && isNamePart(c);
    if (plain)
        return name;
    QString quoted = name;
    quoted.replace(u'`', QStringLiteral("``"));
    return u'`' + quoted + u'`';
}

} // namespace segmenta::rules
