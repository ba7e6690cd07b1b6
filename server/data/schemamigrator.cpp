#include "data/schemamigrator.h"

#include "data/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlQuery>

QStringList SchemaMigrator::migrationFiles()
{
    QStringList files;
    const QDir dir(QStringLiteral(":/migrations"));
    for (const QString &name : dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

namespace {

QStringList statementsOf(const QString &script)
{
    QStringList statements;
    QString current;
    for (const QString &line : script.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--")) || trimmed.isEmpty())
            continue;
        current += line + u'\n';
        if (trimmed.endsWith(u';')) {
            statements << current.trimmed().chopped(1);
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

} // namespace

Result<Done> SchemaMigrator::migrate(DbSession &session)
{
    try {
        QSqlQuery &lock = session.run(QStringLiteral("SELECT GET_LOCK('concert.schema', 60)"));
        if (!lock.next() || lock.value(0).toInt() != 1)
            return ApiError{ErrorCode::Unavailable,
                            QStringLiteral("another instance holds the schema lock too long")};
        session.execDirect(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL,"
            " applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB"));
        static const QRegularExpression versionPattern(QStringLiteral("^(\\d+)_"));
        for (const QString &path : migrationFiles()) {
            const QString name = QFileInfo(path).fileName();
            const int version = versionPattern.match(name).captured(1).toInt();
            QSqlQuery &seen = session.run(
                QStringLiteral("SELECT COUNT(*) FROM schema_migrations WHERE version = ?"),
                {version});
            if (seen.next() && seen.value(0).toInt() > 0)
                continue;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return ApiError{ErrorCode::Internal, QStringLiteral("cannot read ") + path};
            qCInfo(lcDb) << "applying migration" << name;
            for (const QString &statement : statementsOf(QString::fromUtf8(file.readAll())))
                session.execDirect(statement);
            session.run(
                QStringLiteral("INSERT INTO schema_migrations (version, name) VALUES (?, ?)"),
                {version, name});
        }
        session.run(QStringLiteral("SELECT RELEASE_LOCK('concert.schema')"));
        return Done{};
    } catch (const DbFailure &failure) {
        try {
            session.execDirect(QStringLiteral("DO RELEASE_LOCK('concert.schema')"));
        } catch (const DbFailure &) { }
        qCWarning(lcDb).noquote() << "migration failed:" << failure.message;
        return ApiError{failure.connectionLost ? ErrorCode::Unavailable : ErrorCode::Internal,
                        failure.message};
    }
}
