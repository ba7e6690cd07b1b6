#pragma once

#include "concert.h"
#include "payment.h"
#include "reservation.h"
#include "services/result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>

class Database;
class QueueService;
class TicketSigner;
struct Caller;

/** @brief `GET /admin/concerts/{id}/sales`: seat counts and net revenue (KRW) per date. */
struct SalesReport
{
    struct Line
    {
        QDate date;
        qint64 price = 0;
        qint64 available = 0;
        qint64 held = 0;
        qint64 sold = 0;
        qint64 revenue = 0; ///< price × seats SOLD now (a cancelled sale no longer counts)
    };
    qint64 concertId = 0;
    QList<Line> dates;

    [[nodiscard]] QJsonObject toJson() const;
};

/** @brief One waiting room's figures, as `GET /admin/queue` lists them. */
struct RoomFigures
{
    std::optional<qint64> concertId; ///< std::nullopt: the house room
    qint64 waiting = 0;
    qint64 active = 0;
    qint64 capacity = 0;
    qint64 admitPerMinute = 0;
    bool paused = false;
    bool soldOut = false;
    qint64 admittedLastMinute = 0;
    qint64 abandonedLastMinute = 0;
    qint64 oldestWaitSeconds = 0;
    qint64 estimatedWaitSecondsAtBack = 0;

    [[nodiscard]] QJsonObject toJson() const;
};

/** @brief `{"rooms": [...]}`. */
struct QueueFigures
{
    QList<RoomFigures> rooms;

    [[nodiscard]] QJsonObject toJson() const;
};

/** @brief `GET /admin/users/{userId}`: balance and the newest 50 reservations and payments. */
struct CustomerRecord
{
    QString userId;
    qint64 balance = 0;
    QList<Reservation> reservations;
    QList<Payment> payments;

    [[nodiscard]] QJsonObject toJson() const;
};

/** @brief The 200 body of `POST /admin/checkins`. */
struct CheckIn
{
    qint64 reservationId = 0;
    qint64 concertId = 0;
    QDate date;
    QList<int> seatNumbers;
    bool firstCheckIn = false;
    QDateTime checkedInAt; ///< the ticket's first check-in, also on repeats

    [[nodiscard]] QJsonObject toJson() const;
};

/**
 * @brief The box office's rules (api-contract.md, "Box office"): new dates, sales, queue
 * figures, customer lookup, cancel with refund, check-in. Counter holds and payments live in
 * ReservationService and PaymentService, next to the customers' ones. Every write is audited in
 * its own transaction. Every method runs SQL: call it from a worker thread.
 */
class BoxOfficeService
{
public:
    BoxOfficeService(Database &database, QueueService &queue, const TicketSigner &tickets);

    /**
     * @brief Adds @p dates (1..366, distinct, price 0..10,000,000 KRW) with 50 AVAILABLE seats
     * each to concert @p concertId; audited as `concert.dates.add`. @return the concert with
     * all its dates. Errors: NotFound, Conflict (a date it already has: nothing added),
     * Unavailable, Internal.
     */
    Result<ConcertDefinition> addDates(const Caller &by, qint64 concertId,
                                       const QList<DatePrice> &dates);
    /** @brief Seats and net revenue per date and in total. Errors: NotFound, Unavailable. */
    Result<SalesReport> sales(qint64 concertId);
    /**
     * @brief Figures per waiting room. Today the one house room of the single queue: waiting
     * and active from this instance's QueueView (at most a tick old), capacity from the
     * options, the oldest wait and admissions of the last minute from the database. The
     * waiting-rooms design extends this one method with a room per concert.
     * Errors: Unavailable.
     */
    Result<QueueFigures> queueFigures();
    /** @brief Balance, newest 50 reservations (with ticketCode when CONFIRMED) and payments. */
    Result<CustomerRecord> customer(const QString &userId);
    /**
     * @brief Staff cancel: HELD → RELEASED (seats AVAILABLE); CONFIRMED → CANCELLED (seats
     * AVAILABLE, the amount back on the balance with a REFUND ledger line). A reservation that
     * is RELEASED, CANCELLED or EXPIRED already is returned as it is, so a repeat answers the
     * same body. Audited as `reservation.cancel` when something changed.
     * Errors: NotFound, Unavailable, Internal.
     */
    Result<Reservation> cancel(const Caller &by, qint64 reservationId);
    /**
     * @brief Checks in the ticket of reservation @p reservationId (its code already verified):
     * of all scans, at once or later, on any instance, exactly one is the first (a unique row).
     * Audited as `checkin`. Errors: TicketInvalid (no such reservation or not a ticket),
     * TicketCancelled, Unavailable, Internal.
     */
    Result<CheckIn> checkIn(const Caller &by, qint64 reservationId);

private:
    Database &m_database;
    QueueService &m_queue;
    const TicketSigner &m_tickets;
};
