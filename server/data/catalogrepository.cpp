#include "data/catalogrepository.h"

#include "data/database.h"
#include "jsonfields.h"

#include <QSqlQuery>

ConcertPage CatalogRepository::listConcerts(int page, int size)
{
    ConcertPage result;
    result.page = page;
    result.size = size;
    QSqlQuery &count = m_session.run(QStringLiteral("SELECT COUNT(*) FROM concerts"));
    result.total = count.next() ? count.value(0).toLongLong() : 0;
    const qint64 offset = qint64(page - 1) * size;
    if (offset >= result.total)
        return result;
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id, title, venue FROM concerts ORDER BY id LIMIT ? OFFSET ?"),
        {size, offset});
    while (query.next())
        result.items.append(Concert{query.value(0).toLongLong(), query.value(1).toString(),
                                    query.value(2).toString()});
    return result;
}

bool CatalogRepository::concertExists(qint64 concertId)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT 1 FROM concerts WHERE id = ?"), {concertId});
    return query.next();
}

qint64 CatalogRepository::concertCount()
{
    QSqlQuery &query = m_session.run(QStringLiteral("SELECT COUNT(*) FROM concerts"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

std::optional<DateRef> CatalogRepository::findDate(qint64 concertId, QDate date)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT id, price FROM concert_dates WHERE concert_id = ? AND show_date = ?"),
        {concertId, JsonFields::formatDate(date)});
    if (!query.next())
        return std::nullopt;
    return DateRef{query.value(0).toLongLong(), concertId, date, query.value(1).toLongLong()};
}

qint64 CatalogRepository::createConcert(const ConcertDefinition &definition)
{
    QSqlQuery &concert =
        m_session.run(QStringLiteral("INSERT INTO concerts (title, venue) VALUES (?, ?)"),
                      {definition.title, definition.venue});
    const qint64 concertId = concert.lastInsertId().toLongLong();
    for (const DatePrice &date : definition.dates) {
        QSqlQuery &insertDate = m_session.run(
            QStringLiteral(
                "INSERT INTO concert_dates (concert_id, show_date, price) VALUES (?, ?, ?)"),
            {concertId, JsonFields::formatDate(date.date), date.price});
        const qint64 dateId = insertDate.lastInsertId().toLongLong();
        // seq_1_to_50 comes from MariaDB's built-in Sequence engine.
        m_session.run(QStringLiteral("INSERT INTO seats (concert_date_id, seat_number) "
                                     "SELECT ?, seq FROM seq_1_to_50"),
                      {dateId});
    }
    return concertId;
}
