#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

class DbSession;

/** @brief One row of `audit_log`: who did what, on what, when. */
struct AuditRow
{
    QDateTime at;
    QString keyName; ///< the key's name; "bootstrap" for --admin-key
    QString action; ///< e.g. "reservation.cancel" (api-contract.md, "Keys, staff and audit")
    QString target; ///< e.g. "reservation/12"
    QJsonObject detail;
};

/**
 * @brief SQL of `audit_log` (migration 003). Services insert the row in the same transaction
 * as the change it records, so a change is never without its row. Throws DbFailure on errors.
 */
class AuditRepository
{
public:
    explicit AuditRepository(DbSession &session)
        : m_session(session)
    { }

    void insert(const AuditRow &row);
    /** @brief Page @p page (1-based) of @p size rows, newest first. */
    QList<AuditRow> page(int page, int size);
    qint64 count();

private:
    DbSession &m_session;
};
