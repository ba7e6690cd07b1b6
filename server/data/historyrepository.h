#pragma once

#include "reservation.h"

#include <QList>
#include <QString>

#include <optional>

class DbSession;

/** @brief One reservation of a customer's history, status as stored. */
struct HistoryRow
{
    Reservation reservation; ///< status as far as the enum knows it
    QString storedStatus; ///< the `status` column as written (HELD, CONFIRMED, EXPIRED, ...)
    std::optional<qint64> paymentId; ///< set once paid
};

/** @brief One page of a customer's history and how many reservations they have in all. */
struct HistoryPage
{
    QList<HistoryRow> rows;
    qint64 total = 0;
};

/**
 * @brief SQL of `GET /users/{userId}/reservations`: one range scan of
 * `ix_reservations_user_created` per page (the total comes from a window over the same scan).
 * Throws DbFailure on a database error.
 */
class HistoryRepository
{
public:
    explicit HistoryRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief The user's reservations newest first by creation, @p offset skipped, <= @p limit. */
    HistoryPage page(const QString &userId, qint64 offset, int limit);

private:
    DbSession &m_session;
};
