#pragma once

#include "concert.h"
#include "data/catalogrepository.h"
#include "seat.h"
#include "services/result.h"
#include "services/seatmapcache.h"

#include <QHash>
#include <QReadWriteLock>

class Database;
struct Caller;

/**
 * @brief The catalogue rules (api-contract.md "Catalogue" and "Administration").
 *
 * Dates of a concert never change once created, so the (concert, date) → date row lookup that
 * every hold and seat map needs is cached in memory after its first read. Seat maps and date
 * lists are served from the SeatMapCache once read: datesFromMemory() and seatMapFromMemory()
 * answer on any thread without SQL; every other method may run SQL: call it from a worker
 * thread.
 */
class CatalogService
{
public:
    explicit CatalogService(Database &database);

    /** @brief page >= 1, size 1..100. Errors: Unavailable, Internal. */
    Result<ConcertPage> listConcerts(int page, int size);
    /** @brief Bookable dates, ascending. Errors: NotFound (no such concert), Unavailable. */
    Result<ConcertDateList> listDates(qint64 concertId);
    /** @brief All 50 seats of a date. Errors: NotFound (concert or date), Unavailable. */
    Result<SeatMap> seatMap(qint64 concertId, QDate date);
    /** @brief listDates() from memory, no SQL; std::nullopt when the concert is not loaded. */
    [[nodiscard]] std::optional<ConcertDateList> datesFromMemory(qint64 concertId) const;
    /** @brief seatMap() from memory, no SQL; std::nullopt when the date is not loaded. */
    [[nodiscard]] std::optional<SeatMap> seatMapFromMemory(qint64 concertId, QDate date) const;
    /**
     * @brief seatMapFromMemory() already written as compact JSON, no SQL and, between two
     * changes of the date, no JSON building (SeatMapCache::seatMapJson()).
     */
    [[nodiscard]] std::optional<QByteArray> seatMapJsonFromMemory(qint64 concertId,
                                                                  QDate date) const;
    /** @brief The in-memory seat maps: holds, sales and releases report to it; ticks refresh it. */
    SeatMapCache &seatMaps() { return m_seatMaps; }
    /** @brief The date row of a concert. Errors: NotFound, Unavailable. */
    Result<DateRef> findDate(qint64 concertId, QDate date);
    /**
     * @brief Creates a concert with 50 AVAILABLE seats per date; with @p by, audited as
     * `concert.create` in the same transaction. Errors: Unavailable.
     */
    Result<ConcertDefinition> createConcert(const ConcertDefinition &definition,
                                            const Caller *by = nullptr);
    /** @brief Forgets the cached dates of a concert (their prices changed). */
    void forgetConcert(qint64 concertId);
    /** @brief Creates the demo concerts if the catalogue is empty (`--demo-data`). */
    Result<Done> ensureDemoData();

    /** @brief The demo catalogue: three concerts with dates over the coming months. */
    static QList<ConcertDefinition> demoConcerts(QDate today);

private:
    Database &m_database;
    QReadWriteLock m_lock;
    QHash<QPair<qint64, QDate>, DateRef> m_dates;
    SeatMapCache m_seatMaps;
};
