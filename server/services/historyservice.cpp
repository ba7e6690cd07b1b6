#include "services/historyservice.h"

#include "data/database.h"
#include "data/historyrepository.h"
#include "services/clock.h"

#include <QJsonArray>

HistoryService::HistoryService(Database &database)
    : m_database(database)
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
            items.append(item);
        }
        return Result<JsonBody>(JsonBody{QJsonObject{{QStringLiteral("items"), items},
                                                     {QStringLiteral("page"), page},
                                                     {QStringLiteral("size"), size},
                                                     {QStringLiteral("total"), found.total}}});
    });
}
