#include "seat.h"

#include "jsonfields.h"

#include <QJsonArray>

using namespace JsonFields;

QString seatStatusName(SeatStatus status)
{
    switch (status) {
    case SeatStatus::Available:
        return QStringLiteral("AVAILABLE");
    case SeatStatus::Held:
        return QStringLiteral("HELD");
    case SeatStatus::Sold:
        return QStringLiteral("SOLD");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<SeatStatus> seatStatusFromName(QStringView name)
{
    for (SeatStatus s : {SeatStatus::Available, SeatStatus::Held, SeatStatus::Sold}) {
        if (name == seatStatusName(s))
            return s;
    }
    return std::nullopt;
}

QJsonObject Seat::toJson() const
{
    return QJsonObject{{QStringLiteral("seatNumber"), seatNumber},
                       {QStringLiteral("status"), seatStatusName(status)},
                       {QStringLiteral("price"), price}};
}

std::optional<Seat> Seat::fromJson(const QJsonObject &json)
{
    const auto number = readInteger(json, QStringLiteral("seatNumber"), 1, kSeatsPerDate);
    const auto status = seatStatusFromName(json.value(QLatin1String("status")).toString());
    const auto price =
        readInteger(json, QStringLiteral("price"), 0, std::numeric_limits<qint64>::max());
    if (!number || !status || !price)
        return std::nullopt;
    return Seat{int(*number), *status, *price};
}

QJsonObject SeatMap::toJson() const
{
    QJsonArray array;
    for (const Seat &seat : seats)
        array.append(seat.toJson());
    return QJsonObject{{QStringLiteral("concertId"), concertId},
                       {QStringLiteral("date"), formatDate(date)},
                       {QStringLiteral("seats"), array}};
}

std::optional<SeatMap> SeatMap::fromJson(const QJsonObject &json)
{
    const auto concertId = readInteger(json, QStringLiteral("concertId"), 1, kMaxId);
    const auto date = readDate(json, QStringLiteral("date"));
    if (!concertId || !date)
        return std::nullopt;
    SeatMap result{*concertId, *date, {}};
    for (const QJsonValue &value : json.value(QLatin1String("seats")).toArray()) {
        const auto seat = Seat::fromJson(value.toObject());
        if (!seat)
            return std::nullopt;
        result.seats.append(*seat);
    }
    return result;
}
