#pragma once

#include "services/result.h"

#include <QDateTime>
#include <QHash>
#include <QLoggingCategory>
#include <QString>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcDb)

class QSqlDatabase;
class QSqlQuery;

/** @brief Where and as whom to reach MariaDB (operations-contract.md `--db-*` options). */
struct DatabaseSettings
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 3306;
    QString socket; ///< Unix socket; wins over host/port when set
    QString name = QStringLiteral("concert");
    QString user = QStringLiteral("concert");
    QString password;
};

/**
 * @brief A failed statement inside a unit of work. Thrown by DbSession and caught by
 * Database::transaction()/run() on the same thread, which turn it into a retry or an ApiError;
 * it never crosses the event loop.
 */
struct DbFailure
{
    int nativeCode = 0; ///< MariaDB error number, e.g. 1062, 1213; 0 when unknown
    QString message;
    bool connectionLost = false;
};

/** @brief MariaDB error numbers the code reacts to. */
namespace MariaDbError {
inline constexpr int DuplicateKey = 1062;
inline constexpr int LockWaitTimeout = 1205;
inline constexpr int Deadlock = 1213;
inline constexpr int CheckConstraint = 4025;
} // namespace MariaDbError

/**
 * @brief One open MariaDB connection, used by one thread only, with its prepared statements
 * cached by SQL text (one prepare per statement per connection, not per request).
 *
 * Sessions are made by Database; repositories receive one and run statements through it.
 */
class DbSession
{
public:
    DbSession(const DatabaseSettings &settings, const QString &connectionName);
    ~DbSession();
    Q_DISABLE_COPY_MOVE(DbSession)

    /** @brief Opens (or reopens) the connection; false with lastError() when it fails. */
    bool open();
    void close();
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] QString lastError() const { return m_lastError; }

    /**
     * @brief The cached prepared statement for @p sql, its bound values cleared.
     * Bind with positional `?` placeholders. Throws DbFailure when preparing fails.
     */
    QSqlQuery &prepare(const QString &sql);
    /** @brief Executes a prepared statement; throws DbFailure on failure. */
    void exec(QSqlQuery &query);
    /** @brief prepare() + bind @p values in order + exec(). */
    QSqlQuery &run(const QString &sql, const QVariantList &values = {});
    /** @brief Executes @p sql without preparing (for statements like SET or START TRANSACTION). */
    void execDirect(const QString &sql);
    /** @brief Rows changed or, with CLIENT_FOUND_ROWS, matched by the last exec of @p query. */
    static int rowsAffected(const QSqlQuery &query);

    void begin();
    void commit();
    void rollback() noexcept;

    /**
     * @brief Takes the MariaDB advisory lock @p name (`GET_LOCK`), waiting up to
     * @p waitSeconds; true when this connection holds it. Throws DbFailure.
     */
    bool takeAdvisoryLock(const QString &name, int waitSeconds);
    /** @brief Releases the advisory lock @p name; errors are ignored (closing frees it too). */
    void releaseAdvisoryLock(const QString &name) noexcept;

    [[nodiscard]] QSqlDatabase connection() const;

private:
    [[noreturn]] void fail(const QString &what, const QString &nativeCode, const QString &text,
                           bool connectionError);

    DatabaseSettings m_settings;
    QString m_name;
    QHash<QString, QSqlQuery *> m_statements;
    QString m_lastError;
};

/**
 * @brief Units of work against MariaDB, each on the calling thread's own connection.
 *
 * Every thread (the HTTP worker pool, the queue thread) gets one DbSession, opened lazily and
 * closed when the thread ends. transaction() retries on deadlock (1213) and lock wait time-out
 * (1205) up to 5 times, reconnects once when the connection was lost before the commit, and
 * maps what is left to ErrorCode::Unavailable (database unreachable, 503) or
 * ErrorCode::Internal (500). While the database is unreachable, calls fail fast with
 * Unavailable for a second before the next connection attempt (one log line per attempt).
 */
class Database
{
public:
    explicit Database(const DatabaseSettings &settings);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    /** @brief Runs @p work in one transaction: commits if it returns a value, else rolls back. */
    template<typename T, typename Work>
    Result<T> transaction(Work &&work)
    {
        std::optional<Result<T>> outcome;
        const std::optional<ApiError> failure = runUnit(true, [&](DbSession &session) {
            outcome.emplace(work(session));
            return outcome->ok();
        });
        if (failure)
            return *failure;
        return std::move(*outcome);
    }

    /**
     * @brief Runs @p work in one transaction while this connection holds the MariaDB advisory
     * lock @p lockName (waiting up to @p waitSeconds for it, then going ahead without it), so
     * that instances doing the same work at once do it one after the other. The lock is
     * released after the commit or rollback.
     */
    template<typename T, typename Work>
    Result<T> transactionUnderLock(const QString &lockName, int waitSeconds, Work &&work)
    {
        std::optional<Result<T>> outcome;
        const std::optional<ApiError> failure = runUnit(
            true,
            [&](DbSession &session) {
                outcome.emplace(work(session));
                return outcome->ok();
            },
            AdvisoryLock{lockName, waitSeconds});
        if (failure)
            return *failure;
        return std::move(*outcome);
    }

    /** @brief Runs @p work with autocommit (each statement commits by itself). */
    template<typename T, typename Work>
    Result<T> run(Work &&work)
    {
        std::optional<Result<T>> outcome;
        const std::optional<ApiError> failure = runUnit(false, [&](DbSession &session) {
            outcome.emplace(work(session));
            return outcome->ok();
        });
        if (failure)
            return *failure;
        return std::move(*outcome);
    }

    /**
     * @brief One trivial statement on this thread's connection (`GET /health`).
     * Errors: Unavailable (unreachable or lost), Internal.
     */
    Result<Done> ping();

    /** @brief This thread's session, opened if needed; nullptr while the database is away. */
    DbSession *threadSession();
    /**
     * @brief Closes the calling thread's sessions (of every Database). Worker threads do it
     * themselves when they finish; the main thread calls it before the Database goes away.
     */
    static void closeThreadSessions();
    /** @brief A new connection owned by the caller (for the queue thread's advisory lock). */
    std::unique_ptr<DbSession> openDedicatedSession(const QString &purpose);
    /**
     * @brief Runs @p work on the caller's dedicated connection @p session (autocommit; the work
     * may open its own transactions), opening it first when it is null or closed.
     * A failed statement rolls back what is open; a lost connection is reported and @p session
     * reset (its advisory locks are gone with it).
     * @return std::nullopt on success, else Unavailable (no connection) or Internal.
     */
    std::optional<ApiError> runDedicated(std::unique_ptr<DbSession> &session,
                                         const QString &purpose,
                                         const std::function<void(DbSession &)> &work);

    /** @brief false within a second of a failed connection attempt: callers fail fast then. */
    [[nodiscard]] bool mayAttemptConnection() const;
    /** @brief Records that the database answered or not; logs each failed attempt once. */
    void reportConnectionResult(bool ok, const QString &error);

    /** @brief Binds a UTC time as MariaDB DATETIME(3) text. */
    static QString toSqlTime(const QDateTime &utc);
    /** @brief Reads a DATETIME column as UTC; invalid QDateTime for NULL. */
    static QDateTime fromSqlTime(const QVariant &value);

private:
    struct AdvisoryLock
    {
        QString name; ///< empty: no lock
        int waitSeconds; ///< how long GET_LOCK waits for it
    };
    std::optional<ApiError> runUnit(bool transactional,
                                    const std::function<bool(DbSession &)> &work,
                                    const AdvisoryLock &lock = {});

    DatabaseSettings m_settings;
    const int m_id;
    std::atomic<qint64> m_retryAfterMs{0};
    std::atomic<bool> m_available{true};
    std::atomic<int> m_failedAttempts{0};
};
