#include "data/database.h"

#include "metrics/metrics.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

Q_LOGGING_CATEGORY(lcDb, "concert.server.db")

namespace {

std::atomic<int> g_databaseIds{0};
std::atomic<quint64> g_connectionNames{0};

// MariaDB client errors meaning the connection is gone (CR_* in errmsg.h).
bool isConnectionErrorCode(int code)
{
    return code == 2002 || code == 2003 || code == 2006 || code == 2013 || code == 2055
        || code == 1927 /* ER_CONNECTION_KILLED */ || code == 4031 /* idle disconnect */;
}

// Sessions owned by the thread that uses them, one per Database object.
struct ThreadSessions
{
    QHash<int, DbSession *> sessions;
    bool closeOnFinish = false;
    void closeAll()
    {
        qDeleteAll(sessions);
        sessions.clear();
    }
    ~ThreadSessions() { closeAll(); }
};
thread_local ThreadSessions t_sessions;

} // namespace

DbSession::DbSession(const DatabaseSettings &settings, const QString &connectionName)
    : m_settings(settings)
    , m_name(connectionName)
{ }

DbSession::~DbSession()
{
    close();
    QSqlDatabase::removeDatabase(m_name);
}

bool DbSession::open()
{
    close();
    QSqlDatabase db = QSqlDatabase::contains(m_name)
        ? QSqlDatabase::database(m_name, false)
        : QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), m_name);
    db.setDatabaseName(m_settings.name);
    db.setUserName(m_settings.user);
    db.setPassword(m_settings.password);
    QStringList options{
        QStringLiteral("CLIENT_FOUND_ROWS=1"), QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=3"),
        QStringLiteral("MYSQL_OPT_READ_TIMEOUT=60"), QStringLiteral("MYSQL_OPT_WRITE_TIMEOUT=60")};
    if (!m_settings.socket.isEmpty()) {
        options << QStringLiteral("UNIX_SOCKET=") + m_settings.socket;
    } else {
        db.setHostName(m_settings.host);
        db.setPort(m_settings.port);
    }
    db.setConnectOptions(options.join(u';'));
    if (!db.open()) {
        m_lastError = db.lastError().text();
        return false;
    }
    // READ COMMITTED: locking reads see the latest committed rows and no gap locks block inserts.
    for (const char *statement :
         {"SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
          "SET SESSION time_zone = '+00:00'", "SET SESSION innodb_lock_wait_timeout = 10",
          "SET NAMES utf8mb4"}) {
        QSqlQuery query(db);
        if (!query.exec(QString::fromLatin1(statement))) {
            m_lastError = query.lastError().text();
            db.close();
            return false;
        }
    }
    return true;
}

void DbSession::close()
{
    qDeleteAll(m_statements);
    m_statements.clear();
    if (QSqlDatabase::contains(m_name)) {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isOpen())
            db.close();
    }
}

bool DbSession::isOpen() const
{
    return QSqlDatabase::contains(m_name) && QSqlDatabase::database(m_name, false).isOpen();
}

QSqlDatabase DbSession::connection() const
{
    return QSqlDatabase::database(m_name, false);
}

void DbSession::fail(const QString &what, const QString &nativeCode, const QString &text,
                     bool connectionError)
{
    DbFailure failure;
    failure.nativeCode = nativeCode.toInt();
    failure.message = what + QStringLiteral(": ") + text;
    failure.connectionLost = connectionError || isConnectionErrorCode(failure.nativeCode);
    throw failure;
}

QSqlQuery &DbSession::prepare(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto *query = new QSqlQuery(connection());
        query->setForwardOnly(true);
        if (!query->prepare(sql)) {
            const QSqlError error = query->lastError();
            delete query;
            fail(QStringLiteral("prepare"), error.nativeErrorCode(), error.text(),
                 error.type() == QSqlError::ConnectionError);
        }
        it = m_statements.insert(sql, query);
    }
    return **it;
}

void DbSession::exec(QSqlQuery &query)
{
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        fail(QStringLiteral("exec"), error.nativeErrorCode(), error.text(),
             error.type() == QSqlError::ConnectionError && error.nativeErrorCode().isEmpty());
    }
}

QSqlQuery &DbSession::run(const QString &sql, const QVariantList &values)
{
    QSqlQuery &query = prepare(sql);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    exec(query);
    return query;
}

void DbSession::execDirect(const QString &sql)
{
    QSqlQuery query(connection());
    if (!query.exec(sql)) {
        const QSqlError error = query.lastError();
        fail(sql, error.nativeErrorCode(), error.text(), false);
    }
}

int DbSession::rowsAffected(const QSqlQuery &query)
{
    return query.numRowsAffected();
}

void DbSession::begin()
{
    execDirect(QStringLiteral("START TRANSACTION"));
}

void DbSession::commit()
{
    execDirect(QStringLiteral("COMMIT"));
}

void DbSession::rollback() noexcept
{
    QSqlQuery query(connection());
    query.exec(QStringLiteral("ROLLBACK"));
}

bool DbSession::takeAdvisoryLock(const QString &name, int waitSeconds)
{
    QSqlQuery &query = run(QStringLiteral("SELECT GET_LOCK(?, ?)"), {name, waitSeconds});
    return query.next() && query.value(0).toInt() == 1;
}

void DbSession::releaseAdvisoryLock(const QString &name) noexcept
{
    try {
        QSqlQuery &query = run(QStringLiteral("SELECT RELEASE_LOCK(?)"), {name});
        query.finish();
    } catch (const DbFailure &) {
        // The lock goes with the connection anyway.
    }
}

Database::Database(const DatabaseSettings &settings)
    : m_settings(settings)
    , m_id(++g_databaseIds)
{ }

Database::~Database() = default;

DbSession *Database::threadSession()
{
    DbSession *&session = t_sessions.sessions[m_id];
    if (session && session->isOpen())
        return session;
    if (!mayAttemptConnection())
        return nullptr;
    if (!session) {
        session = new DbSession(m_settings, QStringLiteral("concert-%1").arg(++g_connectionNames));
        // A thread_local destructor runs after QThread::wait() has returned, racing with the
        // rest of the shutdown; QThread::finished is emitted in the thread before that.
        QThread *thread = QThread::currentThread();
        if (!t_sessions.closeOnFinish && thread != QCoreApplication::instance()->thread()) {
            t_sessions.closeOnFinish = true;
            QObject::connect(thread, &QThread::finished, thread, &Database::closeThreadSessions,
                             Qt::DirectConnection);
        }
    }
    const bool ok = session->open();
    reportConnectionResult(ok, session->lastError());
    return ok ? session : nullptr;
}

std::unique_ptr<DbSession> Database::openDedicatedSession(const QString &purpose)
{
    auto session = std::make_unique<DbSession>(
        m_settings, QStringLiteral("concert-%1-%2").arg(purpose).arg(++g_connectionNames));
    const bool ok = session->open();
    reportConnectionResult(ok, session->lastError());
    if (!ok)
        return nullptr;
    return session;
}

std::optional<ApiError> Database::runDedicated(std::unique_ptr<DbSession> &session,
                                               const QString &purpose,
                                               const std::function<void(DbSession &)> &work)
{
    if (!session || !session->isOpen()) {
        session.reset();
        if (mayAttemptConnection())
            session = openDedicatedSession(purpose);
        if (!session)
            return ApiError{ErrorCode::Unavailable,
                            QStringLiteral("the database is unreachable; try again shortly")};
    }
    try {
        work(*session);
        reportConnectionResult(true, {});
        return std::nullopt;
    } catch (const DbFailure &failure) {
        session->rollback();
        if (failure.connectionLost) {
            reportConnectionResult(false, failure.message);
            session.reset();
            return ApiError{ErrorCode::Unavailable,
                            QStringLiteral("the database connection was lost")};
        }
        qCWarning(lcDb).noquote() << purpose << "failed:" << failure.nativeCode << failure.message;
        return ApiError{ErrorCode::Internal, QStringLiteral("internal database error")};
    }
}

void Database::closeThreadSessions()
{
    t_sessions.closeAll();
}

bool Database::mayAttemptConnection() const
{
    return QDateTime::currentMSecsSinceEpoch() >= m_retryAfterMs.load();
}

void Database::reportConnectionResult(bool ok, const QString &error)
{
    if (ok) {
        if (!m_available.exchange(true))
            qCInfo(lcDb) << "database reachable again";
        m_failedAttempts = 0;
        return;
    }
    m_available = false;
    m_retryAfterMs = QDateTime::currentMSecsSinceEpoch() + 1000;
    qCWarning(lcDb).noquote() << "database unreachable (attempt" << ++m_failedAttempts
                              << "):" << error;
}

Result<Done> Database::ping()
{
    return run<Done>([](DbSession &session) {
        session.run(QStringLiteral("SELECT 1")).finish();
        return Result<Done>(Done{});
    });
}

std::optional<ApiError> Database::runUnit(bool transactional,
                                          const std::function<bool(DbSession &)> &work,
                                          const AdvisoryLock &lock)
{
    constexpr int kMaxAttempts = 6;
    bool reconnected = false;
    for (int attempt = 1;; ++attempt) {
        DbSession *session = threadSession();
        if (!session) {
            Metrics::instance().countDbError("unreachable");
            return ApiError{ErrorCode::Unavailable,
                            QStringLiteral("the database is unreachable; try again shortly")};
        }
        bool committing = false;
        try {
            if (!lock.name.isEmpty())
                session->takeAdvisoryLock(lock.name, lock.waitSeconds);
            if (transactional)
                session->begin();
            const bool keep = work(*session);
            if (transactional) {
                if (keep) {
                    committing = true;
                    session->commit();
                } else {
                    session->rollback();
                }
            }
            if (!lock.name.isEmpty())
                session->releaseAdvisoryLock(lock.name);
            return std::nullopt;
        } catch (const DbFailure &failure) {
            if (transactional && !failure.connectionLost)
                session->rollback();
            Metrics::instance().countDbError(
                failure.connectionLost                                    ? "connection_lost"
                    : failure.nativeCode == MariaDbError::Deadlock        ? "deadlock"
                    : failure.nativeCode == MariaDbError::LockWaitTimeout ? "lock_wait_timeout"
                                                                          : "other");
            if (!lock.name.isEmpty() && !failure.connectionLost)
                session->releaseAdvisoryLock(lock.name);
            if (failure.connectionLost) {
                session->close();
                reportConnectionResult(false, failure.message);
                // A lost COMMIT may have committed: never repeat it, the client decides.
                if (!committing && !reconnected) {
                    reconnected = true;
                    m_retryAfterMs = 0;
                    continue;
                }
                return ApiError{ErrorCode::Unavailable,
                                QStringLiteral("the database connection was lost; try again")};
            }
            const bool retryable = failure.nativeCode == MariaDbError::Deadlock
                || failure.nativeCode == MariaDbError::LockWaitTimeout;
            if (retryable && attempt < kMaxAttempts) {
                // Back off a little, at random, so that the transactions that collided do not
                // collide again in lockstep.
                QThread::usleep(QRandomGenerator::global()->bounded(500u, 2000u) * attempt);
                continue;
            }
            qCWarning(lcDb).noquote() << "database error" << failure.nativeCode << failure.message;
            return ApiError{ErrorCode::Internal, QStringLiteral("internal database error")};
        }
    }
}

QString Database::toSqlTime(const QDateTime &utc)
{
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QDateTime Database::fromSqlTime(const QVariant &value)
{
    if (value.isNull())
        return {};
    if (value.typeId() == QMetaType::QDateTime) {
        const QDateTime local = value.toDateTime();
        return QDateTime(local.date(), local.time(), Qt::UTC);
    }
    QDateTime parsed = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    parsed.setTimeSpec(Qt::UTC);
    return parsed;
}
