// JsonFields::strictJsonProblem(): the checks of api-contract.md, "Limits at the edge", JSON,
// that QJsonDocument cannot make because it forgets how a value was written.
#include "jsonfields.h"

#include <QSet>

#include <cstring>

namespace JsonFields {

namespace {

constexpr int kMaxDepth = 64;

class StrictScanner
{
public:
    explicit StrictScanner(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    { }

    std::optional<QString> run()
    {
        skipSpace();
        if (!value(0))
            return m_why;
        skipSpace();
        if (m_p != m_end)
            return fail(QStringLiteral("the body is not valid JSON: text after the value"));
        return std::nullopt;
    }

private:
    std::optional<QString> fail(const QString &why)
    {
        if (m_why.isEmpty())
            m_why = why;
        return m_why;
    }
    bool failed(const QString &why)
    {
        fail(why);
        return false;
    }
    bool malformed() { return failed(QStringLiteral("the body is not valid JSON")); }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool value(int depth)
    {
        if (depth > kMaxDepth)
            return failed(QStringLiteral("the body nests too deeply"));
        if (m_p == m_end)
            return malformed();
        switch (*m_p) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            return string(nullptr);
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    bool literal(const char *word)
    {
        const qsizetype length = qsizetype(std::strlen(word));
        if (m_end - m_p < length || std::memcmp(m_p, word, size_t(length)) != 0)
            return malformed();
        m_p += length;
        return true;
    }

    bool number()
    {
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        if (m_p == m_end || *m_p < '0' || *m_p > '9')
            return malformed();
        if (*m_p == '0')
            ++m_p;
        else
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        // Every number of the contract is an integer: 1.0, 1. and 1e1 are refused.
        if (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E'))
            return failed(QStringLiteral("numbers must be written as JSON integers "
                                         "(no fraction, no exponent)"));
        return true;
    }

    bool hex4(char16_t *unit)
    {
        if (m_end - m_p < 4)
            return malformed();
        *unit = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = *m_p++;
            int digit = 0;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else
                return malformed();
            *unit = char16_t(*unit * 16 + digit);
        }
        return true;
    }

    bool string(QString *decoded)
    {
        ++m_p; // the opening quote
        const QString controlWhy =
            QStringLiteral("strings must not contain control characters (U+0000 to U+001F)");
        const QString surrogateWhy = QStringLiteral("strings must not contain unpaired surrogates");
        while (m_p < m_end) {
            const uchar c = uchar(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return failed(controlWhy);
            if (c == '\\') {
                ++m_p;
                if (m_p == m_end)
                    return malformed();
                const char e = *m_p++;
                if (e == '"' || e == '\\' || e == '/') {
                    if (decoded)
                        decoded->append(QLatin1Char(e));
                    continue;
                }
                if (e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
                    return failed(controlWhy);
                if (e != 'u')
                    return malformed();
                char16_t unit = 0;
                if (!hex4(&unit))
                    return false;
                if (unit < 0x20)
                    return failed(controlWhy);
                if (QChar::isLowSurrogate(unit))
                    return failed(surrogateWhy);
                if (QChar::isHighSurrogate(unit)) {
                    char16_t low = 0;
                    if (m_end - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u')
                        return failed(surrogateWhy);
                    m_p += 2;
                    if (!hex4(&low))
                        return false;
                    if (!QChar::isLowSurrogate(low))
                        return failed(surrogateWhy);
                    if (decoded)
                        decoded->append(QChar(unit)).append(QChar(low));
                    continue;
                }
                if (decoded)
                    decoded->append(QChar(unit));
                continue;
            }
            if (c < 0x80) {
                if (decoded)
                    decoded->append(QLatin1Char(char(c)));
                ++m_p;
                continue;
            }
            // A UTF-8 sequence: well-formed, shortest form, no encoded surrogates.
            int extra = 0;
            uchar min = 0x80, max = 0xBF;
            if (c >= 0xC2 && c <= 0xDF)
                extra = 1;
            else if (c >= 0xE0 && c <= 0xEF) {
                extra = 2;
                if (c == 0xE0)
                    min = 0xA0;
                if (c == 0xED)
                    max = 0x9F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                extra = 3;
                if (c == 0xF0)
                    min = 0x90;
                if (c == 0xF4)
                    max = 0x8F;
            } else
                return failed(QStringLiteral("strings must be valid UTF-8"));
            if (m_end - m_p <= extra)
                return failed(QStringLiteral("strings must be valid UTF-8"));
            for (int i = 1; i <= extra; ++i) {
                const uchar next = uchar(m_p[i]);
                if (next < (i == 1 ? min : 0x80) || next > (i == 1 ? max : 0xBF))
                    return failed(QStringLiteral("strings must be valid UTF-8"));
            }
            if (decoded)
                decoded->append(QString::fromUtf8(m_p, extra + 1));
            m_p += extra + 1;
        }
        return malformed();
    }

    bool object(int depth)
    {
        ++m_p;
        QSet<QString> keys;
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_p == m_end || *m_p != '"')
                return malformed();
            QString key;
            if (!string(&key))
                return false;
            if (keys.contains(key))
                return failed(
                    QStringLiteral("the key \"%1\" appears twice in one object").arg(key.left(64)));
            keys.insert(key);
            skipSpace();
            if (m_p == m_end || *m_p != ':')
                return malformed();
            ++m_p;
            skipSpace();
            if (!value(depth))
                return false;
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == '}') {
                ++m_p;
                return true;
            }
            return malformed();
        }
    }

    bool array(int depth)
    {
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        for (;;) {
            skipSpace();
            if (!value(depth))
                return false;
            skipSpace();
            if (m_p < m_end && *m_p == ',') {
                ++m_p;
                continue;
            }
            if (m_p < m_end && *m_p == ']') {
                ++m_p;
                return true;
            }
            return malformed();
        }
    }

    const char *m_p;
    const char *m_end;
    QString m_why;
};

} // namespace

std::optional<QString> strictJsonProblem(QByteArrayView body)
{
    return StrictScanner(body).run();
}

} // namespace JsonFields
