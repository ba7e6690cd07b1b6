#include "services/historyservice.h"

#include "data/database.h"
#include "data/historyrepository.h"
#include "services/clock.h"
#include "services/ticketsigner.h"

#include <QJsonArray>

HistoryService::HistoryService(Database &database, const TicketSigner &tickets)
    : m_database(database)
    , m_tickets(tickets)
{ }

Result<JsonBody> HistoryService::reservationsOf(const QString &userId, int page, int size)
{
    const QDateTime now = Clock::now();
    return m_database.run<JsonBody>([&](DbSession &session) {
        const HistoryPage found =
            HistoryRepository(session).page(userId, qint64(page - 1) * size, size);
        QJsonArray items;
        for (const HistoryRow &row : found.rows) {
            QJsonObject item = row.reservation.toJson();
            QString status = row.storedStatus;
            if (status == QLatin1String("HELD") && row.reservation.heldUntil <= now)
                status = QStringLiteral("EXPIRED");
            item.insert(QStringLiteral("status"), status);
            if (row.paymentId)
                item.insert(QStringLiteral("paymentId"), *row.paymentId);
            if (status == QLatin1String("CONFIRMED") && m_tickets.hasKey())
                item.insert(QStringLiteral("ticketCode"),
                            m_tickets.sign(row.reservation.reservationId));
            items.append(item);
        }
        return Result<JsonBody>(JsonBody{QJsonObject{{QStringLiteral("items"), items},
                                                     {QStringLiteral("page"), page},
                                                     {QStringLiteral("size"), size},
                                                     {QStringLiteral("total"), found.total}}});
    });
}
