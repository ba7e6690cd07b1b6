#include "concert.h"

#include "jsonfields.h"

#include <QJsonArray>
#include <QSet>

using namespace JsonFields;

QJsonObject Concert::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("title"), title},
                       {QStringLiteral("venue"), venue}};
}

std::optional<Concert> Concert::fromJson(const QJsonObject &json)
{
    const auto id = readInteger(json, QStringLiteral("id"), 1, kMaxId);
    if (!id)
        return std::nullopt;
    return Concert{*id, json.value(QLatin1String("title")).toString(),
                   json.value(QLatin1String("venue")).toString()};
}

QJsonObject ConcertPage::toJson() const
{
    QJsonArray array;
    for (const Concert &concert : items)
        array.append(concert.toJson());
    return QJsonObject{{QStringLiteral("items"), array},
                       {QStringLiteral("page"), page},
                       {QStringLiteral("size"), size},
                       {QStringLiteral("total"), total}};
}

std::optional<ConcertPage> ConcertPage::fromJson(const QJsonObject &json)
{
    ConcertPage result;
    for (const QJsonValue &value : json.value(QLatin1String("items")).toArray()) {
        const auto concert = Concert::fromJson(value.toObject());
        if (!concert)
            return std::nullopt;
        result.items.append(*concert);
    }
    const auto page = readInteger(json, QStringLiteral("page"), 1, kMaxId);
    const auto size = readInteger(json, QStringLiteral("size"), 1, 100);
    const auto total = readInteger(json, QStringLiteral("total"), 0, kMaxId);
    if (!page || !size || !total)
        return std::nullopt;
    result.page = int(qMin<qint64>(*page, std::numeric_limits<int>::max()));
    result.size = int(*size);
    result.total = *total;
    return result;
}

QJsonObject ConcertDate::toJson() const
{
    return QJsonObject{{QStringLiteral("date"), formatDate(date)},
                       {QStringLiteral("availableSeats"), availableSeats},
                       {QStringLiteral("price"), price}};
}

std::optional<ConcertDate> ConcertDate::fromJson(const QJsonObject &json)
{
    const auto date = readDate(json, QStringLiteral("date"));
    const auto seats = readInteger(json, QStringLiteral("availableSeats"), 0, 1000);
    const auto price = readInteger(json, QStringLiteral("price"), 0, kMaxPrice);
    if (!date || !seats || !price)
        return std::nullopt;
    return ConcertDate{*date, int(*seats), *price};
}

QJsonObject ConcertDateList::toJson() const
{
    QJsonArray array;
    for (const ConcertDate &date : dates)
        array.append(date.toJson());
    return QJsonObject{{QStringLiteral("concertId"), concertId}, {QStringLiteral("dates"), array}};
}

std::optional<ConcertDateList> ConcertDateList::fromJson(const QJsonObject &json)
{
    const auto concertId = readInteger(json, QStringLiteral("concertId"), 1, kMaxId);
    if (!concertId)
        return std::nullopt;
    ConcertDateList result{*concertId, {}};
    for (const QJsonValue &value : json.value(QLatin1String("dates")).toArray()) {
        const auto date = ConcertDate::fromJson(value.toObject());
        if (!date)
            return std::nullopt;
        result.dates.append(*date);
    }
    return result;
}

QJsonObject DatePrice::toJson() const
{
    return QJsonObject{{QStringLiteral("date"), formatDate(date)},
                       {QStringLiteral("price"), price}};
}

QJsonObject ConcertDefinition::toJson() const
{
    QJsonArray array;
    for (const DatePrice &date : dates)
        array.append(date.toJson());
    QJsonObject json{{QStringLiteral("title"), title},
                     {QStringLiteral("venue"), venue},
                     {QStringLiteral("dates"), array}};
    if (id > 0)
        json.insert(QStringLiteral("id"), id);
    return json;
}

std::optional<ConcertDefinition> ConcertDefinition::fromJson(const QJsonObject &json, QString *why)
{
    const auto title = readString(json, QStringLiteral("title"), kMaxNameLength, why);
    if (!title)
        return std::nullopt;
    const auto venue = readString(json, QStringLiteral("venue"), kMaxNameLength, why);
    if (!venue)
        return std::nullopt;
    const QJsonValue datesValue = json.value(QLatin1String("dates"));
    const QJsonArray dates = datesValue.toArray();
    if (!datesValue.isArray() || dates.isEmpty() || dates.size() > kMaxDatesPerConcert) {
        if (why)
            *why =
                QStringLiteral("dates must be an array of 1 to %1 dates").arg(kMaxDatesPerConcert);
        return std::nullopt;
    }
    ConcertDefinition result{0, *title, *venue, {}};
    QSet<QDate> seen;
    for (const QJsonValue &value : dates) {
        if (!value.isObject()) {
            if (why)
                *why = QStringLiteral("each entry of dates must be an object {date, price}");
            return std::nullopt;
        }
        const QJsonObject entry = value.toObject();
        const auto date = readDate(entry, QStringLiteral("date"), why);
        if (!date)
            return std::nullopt;
        const auto price = readInteger(entry, QStringLiteral("price"), 0, kMaxPrice, why);
        if (!price)
            return std::nullopt;
        if (seen.contains(*date)) {
            if (why)
                *why = QStringLiteral("date %1 appears twice").arg(formatDate(*date));
            return std::nullopt;
        }
        seen.insert(*date);
        result.dates.append(DatePrice{*date, *price});
    }
    const auto id = json.value(QLatin1String("id"));
    if (id.isDouble())
        result.id = id.toInteger();
    return result;
}
