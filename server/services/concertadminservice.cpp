#include "services/concertadminservice.h"

#include "data/database.h"
#include "jsonfields.h"
#include "services/catalogservice.h"
#include "services/clock.h"
#include "services/queueservice.h"

#include <QJsonArray>

QJsonObject ConcertAdminService::ConcertAdmin::toJson() const
{
    QJsonArray dates;
    for (const DatePrice &date : row.dates)
        dates.append(date.toJson());
    return QJsonObject{
        {QStringLiteral("id"), row.id},
        {QStringLiteral("title"), row.title},
        {QStringLiteral("venue"), row.venue},
        {QStringLiteral("saleOpensAt"), JsonFields::timestampOrNull(row.room.saleOpensAt)},
        {QStringLiteral("queue"),
         QJsonObject{{QStringLiteral("capacity"), row.room.capacity.value_or(defaultCapacity)},
                     {QStringLiteral("admitPerMinute"), row.room.admitPerMinute},
                     {QStringLiteral("paused"), row.room.paused}}},
        {QStringLiteral("dates"), dates},
    };
}

ConcertAdminService::ConcertAdminService(Database &database, QueueService &queue,
                                         CatalogService &catalog)
    : m_database(database)
    , m_queue(queue)
    , m_catalog(catalog)
{ }

Result<ConcertAdminService::ConcertAdmin> ConcertAdminService::get(qint64 concertId)
{
    auto row = m_database.run<std::optional<ConcertAdminRow>>([&](DbSession &session) {
        return Result<std::optional<ConcertAdminRow>>(
            RoomRepository(session).concert(concertId, false));
    });
    if (!row)
        return row.error();
    if (!row.value())
        return ApiError{ErrorCode::NotFound, QStringLiteral("no concert %1").arg(concertId)};
    return ConcertAdmin{*row.value(), m_queue.defaultCapacity()};
}

Result<ConcertAdminService::ConcertAdmin> ConcertAdminService::patch(qint64 concertId,
                                                                     const ConcertPatch &patch)
{
    const QDateTime now = Clock::now();
    auto row = m_database.transaction<ConcertAdminRow>([&](DbSession &session)
                                                           -> Result<ConcertAdminRow> {
        RoomRepository repository(session);
        if (!repository.concert(concertId, true))
            return ApiError{ErrorCode::NotFound, QStringLiteral("no concert %1").arg(concertId)};
        for (const DatePrice &price : patch.prices) {
            const int taken = repository.takenSeats(concertId, price.date, now);
            if (taken < 0)
                return ApiError{ErrorCode::NotFound,
                                QStringLiteral("concert %1 has no date %2")
                                    .arg(concertId)
                                    .arg(price.date.toString(Qt::ISODate))};
            if (taken > 0)
                return ApiError{ErrorCode::Conflict,
                                QStringLiteral("%1 seats of %2 are held or sold: its price "
                                               "cannot change")
                                    .arg(taken)
                                    .arg(price.date.toString(Qt::ISODate))};
        }
        repository.update(concertId, patch);
        for (const DatePrice &price : patch.prices)
            repository.setPrice(concertId, price.date, price.price);
        return *repository.concert(concertId, false);
    });
    if (!row)
        return row.error();
    m_queue.noteRoomSettings(row->room);
    if (!patch.prices.isEmpty())
        m_catalog.forgetConcert(concertId);
    return ConcertAdmin{row.value(), m_queue.defaultCapacity()};
}

std::optional<ConcertPatch> ConcertAdminService::parsePatch(const QJsonObject &body, QString *why)
{
    ConcertPatch patch;
    auto fail = [&](const QString &reason) {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    for (const char *name : {"title", "venue"}) {
        const QString key = QString::fromLatin1(name);
        if (!body.contains(key))
            continue;
        const auto text = JsonFields::readString(body, key, 200, why);
        if (!text)
            return std::nullopt;
        (key == QLatin1String("title") ? patch.title : patch.venue) = *text;
    }
    if (body.contains(QLatin1String("saleOpensAt"))) {
        const QJsonValue value = body.value(QLatin1String("saleOpensAt"));
        patch.setSaleOpensAt = true;
        if (!value.isNull()) {
            patch.saleOpensAt =
                value.isString() ? JsonFields::parseTimestamp(value.toString()) : std::nullopt;
            if (!patch.saleOpensAt)
                return fail(QStringLiteral("saleOpensAt must be a timestamp like "
                                           "2027-03-01T10:00:00Z, or null"));
        }
    }
    if (body.contains(QLatin1String("queue"))) {
        const QJsonValue queue = body.value(QLatin1String("queue"));
        if (!queue.isObject())
            return fail(QStringLiteral("queue must be an object"));
        const QJsonObject settings = queue.toObject();
        if (settings.contains(QLatin1String("capacity"))) {
            const auto capacity =
                JsonFields::readInteger(settings, QStringLiteral("capacity"), 1, 1'000'000, why);
            if (!capacity)
                return std::nullopt;
            patch.capacity = int(*capacity);
        }
        if (settings.contains(QLatin1String("admitPerMinute"))) {
            const auto rate = JsonFields::readInteger(settings, QStringLiteral("admitPerMinute"), 0,
                                                      1'000'000, why);
            if (!rate)
                return std::nullopt;
            patch.admitPerMinute = int(*rate);
        }
        if (settings.contains(QLatin1String("paused"))) {
            const QJsonValue paused = settings.value(QLatin1String("paused"));
            if (!paused.isBool())
                return fail(QStringLiteral("queue.paused must be true or false"));
            patch.paused = paused.toBool();
        }
    }
    if (body.contains(QLatin1String("dates"))) {
        const QJsonValue dates = body.value(QLatin1String("dates"));
        if (!dates.isArray())
            return fail(QStringLiteral("dates must be an array of {date, price}"));
        for (const QJsonValue &item : dates.toArray()) {
            if (!item.isObject())
                return fail(QStringLiteral("dates must be an array of {date, price}"));
            const QJsonObject entry = item.toObject();
            const auto date = JsonFields::readDate(entry, QStringLiteral("date"), why);
            if (!date)
                return std::nullopt;
            const auto price =
                JsonFields::readInteger(entry, QStringLiteral("price"), 0, 10'000'000, why);
            if (!price)
                return std::nullopt;
            for (const DatePrice &earlier : patch.prices) {
                if (earlier.date == *date)
                    return fail(
                        QStringLiteral("dates lists %1 twice").arg(date->toString(Qt::ISODate)));
            }
            patch.prices.append(DatePrice{*date, *price});
        }
    }
    return patch;
}
