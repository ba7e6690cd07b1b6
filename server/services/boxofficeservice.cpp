#include "services/boxofficeservice.h"

#include "data/balancerepository.h"
#include "data/boxofficerepository.h"
#include "data/database.h"
#include "data/outboxrepository.h"
#include "data/paymentrepository.h"
#include "data/reservationrepository.h"
#include "jsonfields.h"
#include "services/accesscontrol.h"
#include "services/clock.h"
#include "services/queueservice.h"
#include "services/seatmapcache.h"
#include "services/ticketsigner.h"

#include <QJsonArray>

namespace {

constexpr int kNewest = 50; // "newest 50 of each" (api-contract.md, "Box office")

QJsonArray numbers(const QList<int> &list)
{
    QJsonArray array;
    for (int n : list)
        array.append(n);
    return array;
}

} // namespace

QJsonObject SalesReport::toJson() const
{
    QJsonArray lines;
    qint64 available = 0, held = 0, sold = 0, revenue = 0;
    for (const Line &line : dates) {
        lines.append(QJsonObject{{QStringLiteral("date"), JsonFields::formatDate(line.date)},
                                 {QStringLiteral("price"), line.price},
                                 {QStringLiteral("available"), line.available},
                                 {QStringLiteral("held"), line.held},
                                 {QStringLiteral("sold"), line.sold},
                                 {QStringLiteral("revenue"), line.revenue}});
        available += line.available;
        held += line.held;
        sold += line.sold;
        revenue += line.revenue;
    }
    return QJsonObject{{QStringLiteral("concertId"), concertId},
                       {QStringLiteral("dates"), lines},
                       {QStringLiteral("totals"),
                        QJsonObject{{QStringLiteral("available"), available},
                                    {QStringLiteral("held"), held},
                                    {QStringLiteral("sold"), sold},
                                    {QStringLiteral("revenue"), revenue}}}};
}

QJsonObject QueueFigures::toJson() const
{
    QJsonArray array;
    for (const RoomFigures &room : rooms)
        array.append(room.toJson());
    return QJsonObject{{QStringLiteral("rooms"), array}};
}

QJsonObject CustomerRecord::toJson() const
{
    QJsonArray reservationArray;
    for (const Reservation &r : reservations)
        reservationArray.append(r.toJson());
    QJsonArray paymentArray;
    for (const Payment &p : payments)
        paymentArray.append(p.toJson());
    return QJsonObject{{QStringLiteral("userId"), userId},
                       {QStringLiteral("balance"), balance},
                       {QStringLiteral("reservations"), reservationArray},
                       {QStringLiteral("payments"), paymentArray}};
}

QJsonObject CheckIn::toJson() const
{
    return QJsonObject{{QStringLiteral("reservationId"), reservationId},
                       {QStringLiteral("concertId"), concertId},
                       {QStringLiteral("date"), JsonFields::formatDate(date)},
                       {QStringLiteral("seatNumbers"), numbers(seatNumbers)},
                       {QStringLiteral("firstCheckIn"), firstCheckIn},
                       {QStringLiteral("checkedInAt"), JsonFields::formatTimestamp(checkedInAt)}};
}

BoxOfficeService::BoxOfficeService(Database &database, QueueService &queue,
                                   const TicketSigner &tickets)
    : m_database(database)
    , m_queue(queue)
    , m_tickets(tickets)
{ }

Result<ConcertDefinition> BoxOfficeService::addDates(const Caller &by, qint64 concertId,
                                                     const QList<DatePrice> &dates)
{
    return m_database.transaction<ConcertDefinition>([&](DbSession &session)
                                                         -> Result<ConcertDefinition> {
        BoxOfficeRepository repository(session);
        std::optional<ConcertDefinition> concert = repository.concert(concertId);
        if (!concert)
            return ApiError{ErrorCode::NotFound, QStringLiteral("no concert %1").arg(concertId)};
        const QList<DatePrice> existing = repository.datesLocked(concertId);
        for (const DatePrice &date : dates) {
            for (const DatePrice &have : existing) {
                if (have.date == date.date)
                    return ApiError{ErrorCode::Conflict,
                                    QStringLiteral("concert %1 already has the date %2")
                                        .arg(concertId)
                                        .arg(JsonFields::formatDate(date.date))};
            }
        }
        if (existing.size() + dates.size() > kMaxDatesPerConcert)
            return ApiError{
                ErrorCode::Conflict,
                QStringLiteral("a concert has at most %1 dates").arg(kMaxDatesPerConcert)};
        QJsonArray added;
        for (const DatePrice &date : dates) {
            repository.insertDate(concertId, date);
            added.append(date.toJson());
        }
        AccessControl::record(session, by, QStringLiteral("concert.dates.add"),
                              QStringLiteral("concert/%1").arg(concertId),
                              QJsonObject{{QStringLiteral("dates"), added}});
        concert->dates = existing + dates;
        std::sort(concert->dates.begin(), concert->dates.end(),
                  [](const DatePrice &a, const DatePrice &b) { return a.date < b.date; });
        return *concert;
    });
}

Result<SalesReport> BoxOfficeService::sales(qint64 concertId)
{
    const QDateTime now = Clock::now();
    return m_database.run<SalesReport>([&](DbSession &session) -> Result<SalesReport> {
        BoxOfficeRepository repository(session);
        if (!repository.concert(concertId))
            return ApiError{ErrorCode::NotFound, QStringLiteral("no concert %1").arg(concertId)};
        SalesReport report;
        report.concertId = concertId;
        for (const DateSalesRow &row : repository.sales(concertId, now))
            report.dates.append(SalesReport::Line{row.date, row.price, row.available, row.held,
                                                  row.sold, row.sold * row.price});
        return report;
    });
}

QueueFigures BoxOfficeService::queueFigures() const
{
    const QDateTime now = Clock::now();
    const QueueView &view = m_queue.view();
    RoomFigures house = m_queue.rooms().houseActivity(now);
    house.waiting = view.waitingCount();
    house.active = view.activeCount();
    house.capacity = m_queue.settings().capacity;
    house.estimatedWaitSecondsAtBack =
        house.waiting > 0 ? view.estimatedWaitSeconds(house.waiting) : 0;
    QueueFigures figures;
    figures.rooms.append(house);
    figures.rooms.append(m_queue.rooms().concertRoomFigures(now));
    return figures;
}

Result<CustomerRecord> BoxOfficeService::customer(const QString &userId)
{
    const QDateTime now = Clock::now();
    auto record = m_database.run<CustomerRecord>([&](DbSession &session) {
        CustomerRecord result;
        result.userId = userId;
        result.balance = BalanceRepository(session).balance(userId);
        result.reservations = BoxOfficeRepository(session).newestReservations(userId, kNewest);
        result.payments = PaymentRepository(session).newestOf(userId, kNewest);
        return Result<CustomerRecord>(result);
    });
    if (!record)
        return record;
    CustomerRecord result = record.value();
    for (Reservation &r : result.reservations) {
        if (r.status == ReservationStatus::Held && r.heldUntil <= now)
            r.status = ReservationStatus::Expired;
        if (r.status == ReservationStatus::Confirmed)
            r.ticketCode = m_tickets.sign(r.reservationId);
    }
    return result;
}

Result<Reservation> BoxOfficeService::cancel(const Caller &by, qint64 reservationId)
{
    const QDateTime now = Clock::now();
    qint64 freedDateId = 0;
    auto cancelled =
        m_database.transaction<Reservation>([&](DbSession &session) -> Result<Reservation> {
            freedDateId = 0;
            ReservationRepository reservations(session);
            // Locks in the payments' order: the reservation, then the balance, then the seats.
            const std::optional<ReservationRow> row = reservations.lock(reservationId);
            if (!row)
                return ApiError{ErrorCode::NotFound,
                                QStringLiteral("no reservation %1").arg(reservationId)};
            Reservation reservation = row->reservation;
            QJsonObject detail{{QStringLiteral("userId"), reservation.userId},
                               {QStringLiteral("amount"), reservation.amount},
                               {QStringLiteral("from"), reservationStatusName(reservation.status)}};
            switch (reservation.status) {
            case ReservationStatus::Held:
                if (reservation.heldUntil <= now) {
                    reservation.status = ReservationStatus::Expired; // time decided already
                    return reservation;
                }
                reservations.freeSeats(row->concertDateId, reservationId, QStringLiteral("HELD"));
                reservations.setStatus(reservationId, ReservationStatus::Released);
                reservation.status = ReservationStatus::Released;
                OutboxRepository(session).append(OutboxEventType::ReservationReleased,
                                                 reservation.toJson(), now);
                freedDateId = row->concertDateId;
                break;
            case ReservationStatus::Confirmed: {
                const std::optional<Payment> payment =
                    PaymentRepository(session).findByReservation(reservationId);
                if (!payment)
                    return ApiError{ErrorCode::Internal,
                                    QStringLiteral("reservation %1 is CONFIRMED without a payment")
                                        .arg(reservationId)};
                const qint64 balance = BalanceRepository(session).refund(
                    reservation.userId, payment->amount, payment->paymentId, now);
                reservations.freeSeats(row->concertDateId, reservationId, QStringLiteral("SOLD"));
                reservations.setStatus(reservationId, ReservationStatus::Cancelled);
                reservation.status = ReservationStatus::Cancelled;
                OutboxRepository(session).append(OutboxEventType::ReservationCancelled,
                                                 reservation.toJson(), now);
                freedDateId = row->concertDateId;
                detail.insert(QStringLiteral("paymentId"), payment->paymentId);
                detail.insert(QStringLiteral("refund"), payment->amount);
                detail.insert(QStringLiteral("balance"), balance);
                break;
            }
            case ReservationStatus::Expired:
            case ReservationStatus::Released:
            case ReservationStatus::Cancelled:
                return reservation; // a repeat: the same body, nothing changes
            }
            AccessControl::record(session, by, QStringLiteral("reservation.cancel"),
                                  QStringLiteral("reservation/%1").arg(reservationId), detail);
            return reservation;
        });
    // This instance's seat maps show the freed seats at once; others within a tick.
    if (cancelled && freedDateId > 0 && m_seatMaps)
        m_seatMaps->noteReleased(freedDateId, cancelled.value().seatNumbers);
    return cancelled;
}

Result<CheckIn> BoxOfficeService::checkIn(const Caller &by, qint64 reservationId)
{
    const QDateTime now = Clock::now();
    return m_database.transaction<CheckIn>([&](DbSession &session) -> Result<CheckIn> {
        // The reservation row is locked so that a cancel and a scan take turns.
        const std::optional<ReservationRow> row =
            ReservationRepository(session).lock(reservationId);
        if (!row)
            return ApiError{ErrorCode::TicketInvalid, QStringLiteral("no such ticket")};
        const Reservation &reservation = row->reservation;
        if (reservation.status == ReservationStatus::Cancelled)
            return ApiError{ErrorCode::TicketCancelled,
                            QStringLiteral("this ticket was cancelled and refunded")};
        if (reservation.status != ReservationStatus::Confirmed)
            return ApiError{ErrorCode::TicketInvalid,
                            QStringLiteral("this reservation has no ticket (it was never paid)")};
        BoxOfficeRepository repository(session);
        CheckIn result{reservationId, reservation.concertId, reservation.date,
                       reservation.seatNumbers};
        result.firstCheckIn = repository.insertFirstCheckIn(reservationId, now, by.keyName);
        result.checkedInAt = result.firstCheckIn ? now : repository.firstCheckIn(reservationId);
        AccessControl::record(session, by, QStringLiteral("checkin"),
                              QStringLiteral("reservation/%1").arg(reservationId),
                              QJsonObject{{QStringLiteral("firstCheckIn"), result.firstCheckIn}});
        return result;
    });
}
