#pragma once

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/** @brief Every date has seats numbered 1..kSeatsPerDate (api-contract.md, "Catalogue"). */
inline constexpr int kSeatsPerDate = 50;

/** @brief A seat's state as clients see it. An expired hold shows as Available. */
enum class SeatStatus { Available, Held, Sold };

/** @brief "AVAILABLE", "HELD" or "SOLD". */
[[nodiscard]] QString seatStatusName(SeatStatus status);
[[nodiscard]] std::optional<SeatStatus> seatStatusFromName(QStringView name);

/** @brief One seat of a seat map: number 1..50, price in KRW. */
struct Seat
{
    int seatNumber = 0;
    SeatStatus status = SeatStatus::Available;
    qint64 price = 0;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<Seat> fromJson(const QJsonObject &json);
    friend bool operator==(const Seat &, const Seat &) = default;
};

/** @brief The body of `GET /api/v1/concerts/{id}/dates/{date}/seats`: all 50 seats, ascending. */
struct SeatMap
{
    qint64 concertId = 0;
    QDate date;
    QList<Seat> seats;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<SeatMap> fromJson(const QJsonObject &json);
};
