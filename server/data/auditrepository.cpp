#include "data/auditrepository.h"

#include "data/database.h"

#include <QJsonDocument>
#include <QSqlQuery>

void AuditRepository::insert(const AuditRow &row)
{
    m_session.run(QStringLiteral("INSERT INTO audit_log (at, key_name, action, target, detail) "
                                 "VALUES (?, ?, ?, ?, ?)"),
                  {Database::toSqlTime(row.at), row.keyName, row.action, row.target,
                   QString::fromUtf8(QJsonDocument(row.detail).toJson(QJsonDocument::Compact))});
}

QList<AuditRow> AuditRepository::page(int page, int size)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT at, key_name, action, target, detail FROM audit_log "
                                     "ORDER BY id DESC LIMIT ? OFFSET ?"),
                      {size, qint64(page - 1) * size});
    QList<AuditRow> rows;
    while (query.next())
        rows.append(AuditRow{Database::fromSqlTime(query.value(0)), query.value(1).toString(),
                             query.value(2).toString(), query.value(3).toString(),
                             QJsonDocument::fromJson(query.value(4).toString().toUtf8()).object()});
    return rows;
}

qint64 AuditRepository::count()
{
    QSqlQuery &query = m_session.run(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
    return query.next() ? query.value(0).toLongLong() : 0;
}
