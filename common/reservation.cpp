#include "reservation.h"

#include "jsonfields.h"
#include "seat.h"

#include <QJsonArray>

#include <algorithm>

using namespace JsonFields;

QString reservationStatusName(ReservationStatus status)
{
    switch (status) {
    case ReservationStatus::Held:
        return QStringLiteral("HELD");
    case ReservationStatus::Confirmed:
        return QStringLiteral("CONFIRMED");
    case ReservationStatus::Expired:
        return QStringLiteral("EXPIRED");
    case ReservationStatus::Released:
        return QStringLiteral("RELEASED");
    case ReservationStatus::Cancelled:
        return QStringLiteral("CANCELLED");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<ReservationStatus> reservationStatusFromName(QStringView name)
{
    for (auto s :
         {ReservationStatus::Held, ReservationStatus::Confirmed, ReservationStatus::Expired,
          ReservationStatus::Released, ReservationStatus::Cancelled}) {
        if (name == reservationStatusName(s))
            return s;
    }
    return std::nullopt;
}

static QJsonArray toArray(const QList<int> &numbers)
{
    QJsonArray array;
    for (int n : numbers)
        array.append(n);
    return array;
}

QJsonObject Reservation::toJson() const
{
    QJsonObject json{{QStringLiteral("reservationId"), reservationId},
                     {QStringLiteral("userId"), userId},
                     {QStringLiteral("concertId"), concertId},
                     {QStringLiteral("date"), formatDate(date)},
                     {QStringLiteral("seatNumbers"), toArray(seatNumbers)},
                     {QStringLiteral("amount"), amount},
                     {QStringLiteral("status"), reservationStatusName(status)},
                     {QStringLiteral("heldUntil"), formatTimestamp(heldUntil)}};
    if (!ticketCode.isEmpty())
        json.insert(QStringLiteral("ticketCode"), ticketCode);
    return json;
}

std::optional<Reservation> Reservation::fromJson(const QJsonObject &json)
{
    const auto id = readInteger(json, QStringLiteral("reservationId"), 1, kMaxId);
    const auto userId = readUuid(json, QStringLiteral("userId"));
    const auto concertId = readInteger(json, QStringLiteral("concertId"), 1, kMaxId);
    const auto date = readDate(json, QStringLiteral("date"));
    const auto amount = readInteger(json, QStringLiteral("amount"), 0, kMaxId);
    const auto status = reservationStatusFromName(json.value(QLatin1String("status")).toString());
    const auto heldUntil = parseTimestamp(json.value(QLatin1String("heldUntil")).toString());
    if (!id || !userId || !concertId || !date || !amount || !status || !heldUntil)
        return std::nullopt;
    Reservation result{*id,     *userId,    *concertId,
                       *date,   {},         *amount,
                       *status, *heldUntil, json.value(QLatin1String("ticketCode")).toString()};
    for (const QJsonValue &value : json.value(QLatin1String("seatNumbers")).toArray())
        result.seatNumbers.append(value.toInt());
    return result;
}

QJsonObject ReservationRequest::toJson() const
{
    return QJsonObject{{QStringLiteral("concertId"), concertId},
                       {QStringLiteral("date"), formatDate(date)},
                       {QStringLiteral("seatNumbers"), toArray(seatNumbers)}};
}

std::optional<ReservationRequest> ReservationRequest::fromJson(const QJsonObject &json,
                                                               QString *why, int maxSeats)
{
    const auto concertId = readInteger(json, QStringLiteral("concertId"), 1, kMaxId, why);
    if (!concertId)
        return std::nullopt;
    const auto date = readDate(json, QStringLiteral("date"), why);
    if (!date)
        return std::nullopt;
    const QJsonValue seatsValue = json.value(QLatin1String("seatNumbers"));
    const QJsonArray seats = seatsValue.toArray();
    if (!seatsValue.isArray() || seats.isEmpty() || seats.size() > maxSeats) {
        if (why)
            *why = QStringLiteral("seatNumbers must be an array of 1 to %1 seat numbers")
                       .arg(maxSeats);
        return std::nullopt;
    }
    ReservationRequest result{*concertId, *date, {}};
    for (const QJsonValue &value : seats) {
        const auto number =
            integerValue(value, QStringLiteral("each seat number"), 1, kSeatsPerDate, why);
        if (!number)
            return std::nullopt;
        if (result.seatNumbers.contains(int(*number))) {
            if (why)
                *why = QStringLiteral("seat %1 is listed twice").arg(*number);
            return std::nullopt;
        }
        result.seatNumbers.append(int(*number));
    }
    std::sort(result.seatNumbers.begin(), result.seatNumbers.end());
    return result;
}
