#include "services/catalogservice.h"

#include "data/database.h"
#include "services/accesscontrol.h"
#include "services/clock.h"

CatalogService::CatalogService(Database &database)
    : m_database(database)
    , m_seatMaps(database)
{ }

Result<ConcertPage> CatalogService::listConcerts(int page, int size)
{
    return m_database.run<ConcertPage>([&](DbSession &session) {
        return Result<ConcertPage>(CatalogRepository(session).listConcerts(page, size));
    });
}

Result<ConcertDateList> CatalogService::listDates(qint64 concertId)
{
    const QDateTime now = Clock::now();
    const auto loaded = m_seatMaps.loadDates(concertId, now);
    if (!loaded)
        return loaded.error();
    if (loaded.value())
        return *loaded.value();
    // No date at all: an empty concert answers an empty list, a missing one 404.
    auto exists = m_database.run<bool>([&](DbSession &session) {
        return Result<bool>(CatalogRepository(session).concertExists(concertId));
    });
    if (!exists)
        return exists.error();
    if (!exists.value())
        return ApiError{ErrorCode::NotFound, QStringLiteral("no concert %1").arg(concertId)};
    return ConcertDateList{concertId, {}};
}

std::optional<ConcertDateList> CatalogService::datesFromMemory(qint64 concertId) const
{
    return m_seatMaps.dates(concertId, Clock::now());
}

std::optional<SeatMap> CatalogService::seatMapFromMemory(qint64 concertId, QDate date) const
{
    return m_seatMaps.seatMap(concertId, date, Clock::now());
}

std::optional<QByteArray> CatalogService::seatMapJsonFromMemory(qint64 concertId, QDate date) const
{
    return m_seatMaps.seatMapJson(concertId, date, Clock::now());
}

Result<DateRef> CatalogService::findDate(qint64 concertId, QDate date)
{
    const QPair<qint64, QDate> key(concertId, date);
    {
        QReadLocker locker(&m_lock);
        const auto it = m_dates.constFind(key);
        if (it != m_dates.cend())
            return *it;
    }
    auto found = m_database.run<std::optional<DateRef>>([&](DbSession &session) {
        return Result<std::optional<DateRef>>(CatalogRepository(session).findDate(concertId, date));
    });
    if (!found)
        return found.error();
    if (!found.value())
        return ApiError{ErrorCode::NotFound,
                        QStringLiteral("concert %1 has no date %2")
                            .arg(concertId)
                            .arg(date.toString(Qt::ISODate))};
    QWriteLocker locker(&m_lock);
    m_dates.insert(key, *found.value());
    return *found.value();
}

void CatalogService::forgetConcert(qint64 concertId)
{
    QWriteLocker locker(&m_lock);
    for (auto it = m_dates.begin(); it != m_dates.end();)
        it = it.key().first == concertId ? m_dates.erase(it) : std::next(it);
}

Result<SeatMap> CatalogService::seatMap(qint64 concertId, QDate date)
{
    const Result<DateRef> ref = findDate(concertId, date);
    if (!ref)
        return ref.error();
    return m_seatMaps.loadSeatMap(ref.value(), Clock::now());
}

Result<ConcertDefinition> CatalogService::createConcert(const ConcertDefinition &definition,
                                                        const Caller *by)
{
    return m_database.transaction<ConcertDefinition>([&](DbSession &session) {
        ConcertDefinition created = definition;
        created.id = CatalogRepository(session).createConcert(definition);
        if (by)
            AccessControl::record(session, *by, QStringLiteral("concert.create"),
                                  QStringLiteral("concert/%1").arg(created.id),
                                  QJsonObject{{QStringLiteral("title"), created.title},
                                              {QStringLiteral("dates"), created.dates.size()}});
        return Result<ConcertDefinition>(created);
    });
}

Result<Done> CatalogService::ensureDemoData()
{
    const QDate today = Clock::now().date();
    // Two instances started with --demo-data at once: the second waits for the lock, then
    // sees the catalogue the first one committed.
    return m_database.transactionUnderLock<Done>(
        QStringLiteral("concert.demo-data"), 30, [&](DbSession &session) {
            CatalogRepository repository(session);
            if (repository.concertCount() == 0) {
                for (const ConcertDefinition &concert : demoConcerts(today))
                    repository.createConcert(concert);
            }
            return Result<Done>(Done{});
        });
}

QList<ConcertDefinition> CatalogService::demoConcerts(QDate today)
{
    auto dates = [&](std::initializer_list<std::pair<int, qint64>> offsets) {
        QList<DatePrice> list;
        for (const auto &[days, price] : offsets)
            list.append(DatePrice{today.addDays(days), price});
        return list;
    };
    return {
        ConcertDefinition{0, QStringLiteral("Seoul Philharmonic: Winter Gala"),
                          QStringLiteral("Seoul Arts Center, Concert Hall"),
                          dates({{14, 90'000}, {15, 90'000}, {42, 110'000}})},
        ConcertDefinition{0, QStringLiteral("Han River Jazz Nights"),
                          QStringLiteral("Blue Square, Mastercard Hall"),
                          dates({{21, 55'000}, {28, 55'000}, {35, 60'000}, {63, 65'000}})},
        ConcertDefinition{0, QStringLiteral("K-Indie Festival 2027"),
                          QStringLiteral("KSPO Dome, Olympic Park"),
                          dates({{30, 132'000}, {31, 132'000}, {90, 150'000}})},
    };
}
