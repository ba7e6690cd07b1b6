#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/** @brief Most seats one reservation may hold (api-contract.md, "Reservations"). */
inline constexpr int kMaxSeatsPerReservation = 4;

/** @brief Most seats one counter sale may hold (api-contract.md, "Box office"). */
inline constexpr int kMaxSeatsPerCounterSale = 10;

/**
 * @brief HELD until paid (CONFIRMED) or until heldUntil passes (EXPIRED); a hold given up is
 * RELEASED, a paid reservation cancelled by staff is CANCELLED ("Additions to v1").
 */
enum class ReservationStatus { Held, Confirmed, Expired, Released, Cancelled };

/** @brief "HELD", "CONFIRMED", "EXPIRED", "RELEASED" or "CANCELLED". */
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
    /** @brief The signed ticket of a CONFIRMED reservation; empty (and not sent) otherwise. */
    QString ticketCode;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<Reservation> fromJson(const QJsonObject &json);
};

/**
 * @brief The body of `POST /api/v1/reservations`: 1..4 distinct seats numbered 1..50, kept in
 * ascending order. fromJson() returns std::nullopt and the reason in @p why for anything else;
 * @p maxSeats raises the limit for counter sales (kMaxSeatsPerCounterSale).
 */
struct ReservationRequest
{
    qint64 concertId = 0;
    QDate date;
    QList<int> seatNumbers;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<ReservationRequest> fromJson(const QJsonObject &json,
                                                      QString *why = nullptr,
                                                      int maxSeats = kMaxSeatsPerReservation);
};
