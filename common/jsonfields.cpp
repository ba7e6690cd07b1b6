#include "jsonfields.h"

#include <QRegularExpression>

namespace JsonFields {

namespace {

void setWhy(QString *why, const QString &text)
{
    if (why)
        *why = text;
}

} // namespace

QString formatTimestamp(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'"));
}

std::optional<QDateTime> parseTimestamp(QStringView text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$"));
    if (!pattern.match(text).hasMatch())
        return std::nullopt;
    QDateTime parsed = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return std::nullopt;
    return parsed.toUTC();
}

QString formatDate(QDate date)
{
    return date.toString(QStringLiteral("yyyy-MM-dd"));
}

std::optional<QDate> parseDate(QStringView text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!pattern.match(text).hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(text.toString(), QStringLiteral("yyyy-MM-dd"));
    if (!date.isValid())
        return std::nullopt;
    return date;
}

std::optional<QString> canonicalUuid(QStringView text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z"));
    if (!pattern.match(text).hasMatch())
        return std::nullopt;
    return text.toString().toLower();
}

std::optional<qint64> parseId(QStringView text)
{
    if (text.isEmpty() || text.size() > 19)
        return std::nullopt;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id < 1)
        return std::nullopt;
    return id;
}

std::optional<qint64> integerValue(const QJsonValue &value, const QString &name, qint64 min,
                                   qint64 max, QString *why)
{
    if (value.isUndefined()) {
        setWhy(why, QStringLiteral("%1 is required").arg(name));
        return std::nullopt;
    }
    if (!value.isDouble()) {
        setWhy(why, QStringLiteral("%1 must be an integer").arg(name));
        return std::nullopt;
    }
    // QJsonValue keeps integers that fit in 64 bits exactly; anything else arrives as a double.
    bool exact = false;
    qint64 number = 0;
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::LongLong || variant.typeId() == QMetaType::Int) {
        number = variant.toLongLong();
        exact = true;
    } else {
        const double d = value.toDouble();
        if (d == double(qint64(d)) && d > -9.0e15 && d < 9.0e15) {
            number = qint64(d);
            exact = true;
        }
    }
    if (!exact) {
        setWhy(why, QStringLiteral("%1 must be an integer").arg(name));
        return std::nullopt;
    }
    if (number < min || number > max) {
        setWhy(why, QStringLiteral("%1 must be between %2 and %3").arg(name).arg(min).arg(max));
        return std::nullopt;
    }
    return number;
}

std::optional<qint64> readInteger(const QJsonObject &object, const QString &key, qint64 min,
                                  qint64 max, QString *why)
{
    return integerValue(object.value(key), key, min, max, why);
}

std::optional<QString> readString(const QJsonObject &object, const QString &key, int maxLength,
                                  QString *why)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        setWhy(why, QStringLiteral("%1 is required").arg(key));
        return std::nullopt;
    }
    if (!value.isString()) {
        setWhy(why, QStringLiteral("%1 must be a string").arg(key));
        return std::nullopt;
    }
    const QString text = value.toString().trimmed();
    if (text.isEmpty() || text.size() > maxLength) {
        setWhy(why, QStringLiteral("%1 must have 1 to %2 characters").arg(key).arg(maxLength));
        return std::nullopt;
    }
    return text;
}

std::optional<QDate> readDate(const QJsonObject &object, const QString &key, QString *why)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        setWhy(why, QStringLiteral("%1 is required").arg(key));
        return std::nullopt;
    }
    std::optional<QDate> date = value.isString() ? parseDate(value.toString()) : std::nullopt;
    if (!date)
        setWhy(why, QStringLiteral("%1 must be a date written YYYY-MM-DD").arg(key));
    return date;
}

std::optional<QString> readUuid(const QJsonObject &object, const QString &key, QString *why)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        setWhy(why, QStringLiteral("%1 is required").arg(key));
        return std::nullopt;
    }
    std::optional<QString> uuid = value.isString() ? canonicalUuid(value.toString()) : std::nullopt;
    if (!uuid)
        setWhy(
            why,
            QStringLiteral("%1 must be a UUID like 123e4567-e89b-12d3-a456-426614174000").arg(key));
    return uuid;
}

QJsonValue timestampOrNull(const std::optional<QDateTime> &utc)
{
    if (!utc || !utc->isValid())
        return QJsonValue(QJsonValue::Null);
    return formatTimestamp(*utc);
}

} // namespace JsonFields
