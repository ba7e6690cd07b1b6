#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/** @brief Most seats one reservation may hold (api-contract.md, "Reservations"). */
inline constexpr int kMaxSeatsPerReservation = 4;

/** @brief HELD until paid (CONFIRMED) or until heldUntil passes (EXPIRED). */
enum class ReservationStatus { Held, Confirmed, Expired, Released };

/** @brief "HELD", "CONFIRMED", "EXPIRED" or "RELEASED". */
[[nodiscard]] QString reservationStatusName(ReservationStatus status);
[[nodiscard]] std::optional<ReservationStatus> reservationStatusFromName(QStringView name);

/**
 * @brief A temporary hold on seats, as `POST /api/v1/reservations` and
 * `GET /api/v1/reservations/{id}` return it. amount is the sum of the seat prices in KRW.
 */
struct Reservation
{
    qint64 reservationId = 0;
    QString userId;
    qint64 concertId = 0;
    QDate date;
    QList<int> seatNumbers;
    qint64 amount = 0;
    ReservationStatus status = ReservationStatus::Held;
    QDateTime heldUntil;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<Reservation> fromJson(const QJsonObject &json);
};

/**
 * @brief The body of `POST /api/v1/reservations`: 1..4 distinct seats numbered 1..50, kept in
 * ascending order. fromJson() returns std::nullopt and the reason in @p why for anything else.
 */
struct ReservationRequest
{
    qint64 concertId = 0;
    QDate date;
    QList<int> seatNumbers;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<ReservationRequest> fromJson(const QJsonObject &json,
                                                      QString *why = nullptr);
};
