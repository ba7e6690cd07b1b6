#pragma once

#include "concert.h"
#include "payment.h"
#include "reservation.h"
#include "services/result.h"
#include "services/roomsview.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>

class Database;
class QueueService;
class SeatMapCache;
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
    /** @brief Seat maps this instance serves from memory; cancellations update them at once. */
    void setSeatMaps(SeatMapCache *seatMaps) { m_seatMaps = seatMaps; }

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
     * @brief Figures of every waiting room: the house room first (concertId null; waiting,
     * active and the estimate from the QueueView, capacity from `--queue-capacity`, never
     * paused or sold out), then one per concert by id (RoomsView::concertRoomFigures()). All
     * from this instance's memory, at most a tick old: no database access, no errors.
     */
    [[nodiscard]] QueueFigures queueFigures() const;
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
    SeatMapCache *m_seatMaps = nullptr;
};
