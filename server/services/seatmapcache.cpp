#include "services/seatmapcache.h"

#include "data/database.h"
#include "data/seatmaprepository.h"
#include "services/clock.h"

#include <QJsonDocument>

#include <algorithm>
#include <limits>

namespace {

// A tick re-reads this share of the dates in memory whole (at least one): every date is
// checked again about every 30 ticks, whatever the change log says.
constexpr int kVerifyEveryTicks = 30;

} // namespace

SeatMapCache::SeatMapCache(Database &database)
    : m_database(database)
{
    m_monotonic.start();
}

int SeatMapCache::freeSeats(const DateSeats &date, qint64 nowMs)
{
    int free = 0;
    for (const SeatState &seat : date.seats) {
        if (seat.status == SeatStatus::Available
            || (seat.status == SeatStatus::Held && seat.heldUntilMs <= nowMs))
            ++free;
    }
    return free;
}

SeatMap SeatMapCache::mapLocked(const DateSeats &date, qint64 nowMs) const
{
    SeatMap map{date.ref.concertId, date.ref.date, {}};
    map.seats.reserve(kSeatsPerDate);
    for (int i = 0; i < kSeatsPerDate; ++i) {
        const SeatState &seat = date.seats[i];
        const SeatStatus shown = seat.status == SeatStatus::Held && seat.heldUntilMs <= nowMs
            ? SeatStatus::Available
            : seat.status;
        map.seats.append(Seat{i + 1, shown, date.ref.price});
    }
    return map;
}

const SeatMapCache::DateSeats *SeatMapCache::findLocked(qint64 concertId, QDate date) const
{
    const auto id = m_dateIds.constFind({concertId, date});
    if (id == m_dateIds.cend())
        return nullptr;
    const auto seats = m_dates.constFind(*id);
    return seats == m_dates.cend() ? nullptr : &*seats;
}

std::optional<SeatMap> SeatMapCache::seatMap(qint64 concertId, QDate date,
                                             const QDateTime &now) const
{
    QReadLocker locker(&m_lock);
    const DateSeats *seats = findLocked(concertId, date);
    if (!seats)
        return std::nullopt;
    return mapLocked(*seats, now.toMSecsSinceEpoch());
}

std::optional<QByteArray> SeatMapCache::seatMapJson(qint64 concertId, QDate date,
                                                    const QDateTime &now) const
{
    QReadLocker locker(&m_lock);
    const DateSeats *seats = findLocked(concertId, date);
    if (!seats)
        return std::nullopt;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QMutexLocker render(&m_renderLock);
    if (!seats->rendered.isEmpty() && nowMs < seats->renderedUntilMs)
        return seats->rendered;
    qint64 until = std::numeric_limits<qint64>::max();
    for (const SeatState &seat : seats->seats) {
        if (seat.status == SeatStatus::Held && seat.heldUntilMs > nowMs)
            until = std::min(until, seat.heldUntilMs);
    }
    seats->rendered =
        QJsonDocument(mapLocked(*seats, nowMs).toJson()).toJson(QJsonDocument::Compact);
    seats->renderedUntilMs = until;
    return seats->rendered;
}

std::optional<ConcertDateList> SeatMapCache::dates(qint64 concertId, const QDateTime &now) const
{
    QReadLocker locker(&m_lock);
    const auto ids = m_concertDates.constFind(concertId);
    if (ids == m_concertDates.cend())
        return std::nullopt;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const QDate today = now.date();
    ConcertDateList list{concertId, {}};
    for (const qint64 id : *ids) {
        const auto date = m_dates.constFind(id);
        if (date == m_dates.cend() || date->ref.date < today)
            continue;
        const int free = freeSeats(*date, nowMs);
        if (free > 0)
            list.dates.append(ConcertDate{date->ref.date, free, date->ref.price});
    }
    return list;
}

Result<SeatMap> SeatMapCache::loadSeatMap(const DateRef &date, const QDateTime &now)
{
    if (auto map = seatMap(date.concertId, date.date, now))
        return *map;
    const qint64 startedAt = m_monotonic.elapsed();
    auto rows = m_database.run<QList<SeatRow>>([&](DbSession &session) {
        return Result<QList<SeatRow>>(SeatMapRepository(session).seats(date.concertDateId));
    });
    if (!rows)
        return rows.error();
    QWriteLocker locker(&m_lock);
    insertLocked(date, rows.value(), startedAt);
    return mapLocked(m_dates.value(date.concertDateId), now.toMSecsSinceEpoch());
}

Result<std::optional<ConcertDateList>> SeatMapCache::loadDates(qint64 concertId,
                                                               const QDateTime &now)
{
    if (auto list = dates(concertId, now))
        return std::optional<ConcertDateList>(*list);
    const qint64 startedAt = m_monotonic.elapsed();
    struct Loaded
    {
        QList<DateRef> dates;
        QList<QList<SeatRow>> seats;
    };
    auto loaded = m_database.run<Loaded>([&](DbSession &session) {
        SeatMapRepository repository(session);
        Loaded result;
        result.dates = repository.datesOfConcert(concertId);
        for (const DateRef &date : std::as_const(result.dates))
            result.seats.append(repository.seats(date.concertDateId));
        return Result<Loaded>(result);
    });
    if (!loaded)
        return loaded.error();
    if (loaded->dates.isEmpty())
        return std::optional<ConcertDateList>();
    {
        QWriteLocker locker(&m_lock);
        QList<qint64> ids;
        for (int i = 0; i < loaded->dates.size(); ++i) {
            insertLocked(loaded->dates.at(i), loaded->seats.at(i), startedAt);
            ids.append(loaded->dates.at(i).concertDateId);
        }
        m_concertDates.insert(concertId, ids);
    }
    return std::optional<ConcertDateList>(dates(concertId, now));
}

void SeatMapCache::insertLocked(const DateRef &ref, const QList<SeatRow> &rows,
                                qint64 readStartedAt)
{
    if (!m_dates.contains(ref.concertDateId)) {
        DateSeats date;
        date.ref = ref;
        date.verifiedAt = readStartedAt;
        m_dates.insert(ref.concertDateId, date);
        m_dateIds.insert({ref.concertId, ref.date}, ref.concertDateId);
    }
    applyLocked(rows, readStartedAt);
}

void SeatMapCache::applyLocked(const QList<SeatRow> &rows, qint64 readStartedAt)
{
    for (const SeatRow &row : rows) {
        const auto date = m_dates.find(row.concertDateId);
        if (date == m_dates.end() || row.seatNumber < 1 || row.seatNumber > kSeatsPerDate)
            continue;
        SeatState &seat = date->seats[row.seatNumber - 1];
        // A statement that started before our own write of this seat may show the row as it
        // was before that write: ours is newer.
        if (seat.ownWriteAt >= readStartedAt)
            continue;
        const qint64 heldUntilMs = row.heldUntil.isValid() ? row.heldUntil.toMSecsSinceEpoch() : 0;
        if (seat.status == row.status && seat.heldUntilMs == heldUntilMs)
            continue;
        seat.status = row.status;
        seat.heldUntilMs = heldUntilMs;
        date->rendered.clear();
    }
}

void SeatMapCache::noteLocked(qint64 concertDateId, const QList<int> &seats, SeatStatus status,
                              qint64 heldUntilMs)
{
    const auto date = m_dates.find(concertDateId);
    if (date == m_dates.end())
        return;
    const qint64 at = m_monotonic.elapsed();
    for (const int number : seats) {
        if (number < 1 || number > kSeatsPerDate)
            continue;
        date->seats[number - 1] = SeatState{status, heldUntilMs, at};
    }
    date->rendered.clear();
}

void SeatMapCache::noteHeld(qint64 concertDateId, const QList<int> &seats,
                            const QDateTime &heldUntil)
{
    QWriteLocker locker(&m_lock);
    noteLocked(concertDateId, seats, SeatStatus::Held, heldUntil.toMSecsSinceEpoch());
}

void SeatMapCache::noteSold(qint64 concertDateId, const QList<int> &seats)
{
    QWriteLocker locker(&m_lock);
    noteLocked(concertDateId, seats, SeatStatus::Sold, 0);
}

void SeatMapCache::noteReleased(qint64 concertDateId, const QList<int> &seats)
{
    QWriteLocker locker(&m_lock);
    noteLocked(concertDateId, seats, SeatStatus::Available, 0);
}

void SeatMapCache::forgetConcert(qint64 concertId)
{
    QWriteLocker locker(&m_lock);
    m_concertDates.remove(concertId);
    for (auto it = m_dates.begin(); it != m_dates.end();) {
        if (it->ref.concertId == concertId) {
            m_dateIds.remove({concertId, it->ref.date});
            it = m_dates.erase(it);
        } else {
            ++it;
        }
    }
}

void SeatMapCache::refresh()
{
    const QDateTime startedAt = Clock::now();
    const qint64 started = m_monotonic.elapsed();
    if (++m_refreshCount % kVerifyEveryTicks == 0) {
        // Dates added or prices changed on another instance: the date lists are read again.
        QWriteLocker locker(&m_lock);
        m_concertDates.clear();
    }
    QList<qint64> verify;
    qint64 firstId = 0;
    qint64 lastId = 0;
    {
        QReadLocker locker(&m_lock);
        if (m_dates.isEmpty()) {
            // Nothing to keep current; a date loaded from now on is read whole anyway.
            m_lastRefreshStart = startedAt;
            return;
        }
        // The dates read whole longest ago, a share of them per tick.
        QList<std::pair<qint64, qint64>> byAge; // (verifiedAt, id)
        byAge.reserve(m_dates.size());
        firstId = m_dates.cbegin().key();
        lastId = firstId;
        for (auto it = m_dates.cbegin(); it != m_dates.cend(); ++it) {
            byAge.append({it->verifiedAt, it.key()});
            firstId = std::min(firstId, it.key());
            lastId = std::max(lastId, it.key());
        }
        const int count =
            std::max<int>(1, (byAge.size() + kVerifyEveryTicks - 1) / kVerifyEveryTicks);
        std::partial_sort(byAge.begin(), byAge.begin() + std::min<int>(count, byAge.size()),
                          byAge.end());
        for (int i = 0; i < count && i < byAge.size(); ++i)
            verify.append(byAge.at(i).second);
    }
    const QDateTime since =
        (m_lastRefreshStart.isValid() ? m_lastRefreshStart : startedAt).addMSecs(-kLookBackMs);
    struct Read
    {
        QList<SeatRow> changed;
        QList<SeatRow> verified;
    };
    auto read = m_database.run<Read>([&](DbSession &session) {
        SeatMapRepository repository(session);
        Read result;
        result.changed = repository.changedSince(since, firstId, lastId);
        for (const qint64 id : std::as_const(verify))
            result.verified += repository.seats(id);
        return Result<Read>(result);
    });
    if (!read)
        return; // the next refresh reads from the same moment
    QWriteLocker locker(&m_lock);
    applyLocked(read->changed, started);
    applyLocked(read->verified, started);
    for (const qint64 id : std::as_const(verify)) {
        const auto date = m_dates.find(id);
        if (date != m_dates.end())
            date->verifiedAt = started;
    }
    m_lastRefreshStart = startedAt;
}

int SeatMapCache::dateCount() const
{
    QReadLocker locker(&m_lock);
    return int(m_dates.size());
}
