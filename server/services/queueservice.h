#pragma once

#include "queuestatus.h"
#include "services/queueticker.h"
#include "services/queueview.h"
#include "services/result.h"
#include "services/roomsview.h"
#include "services/tokensigner.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcQueue)

class Database;
class DbSession;
class SeatMapCache;

/**
 * @brief The fair waiting rooms (api-contract.md, "Queue" and "Waiting rooms"; mission.md
 * "Fair queue"): the house room (no concert, the server's options) and one room per concert.
 *
 * Tokens are rows of `queue_tokens`; within a room, the drawn places of a pre-queue come first,
 * then issue order. Every tick (`--queue-tick-ms`) one instance, the holder of the MariaDB
 * advisory lock `concert.queue.admitter`, expires overdue and abandoned tokens, runs the
 * admitter task (hold sweep), draws opened pre-queues and admits room by room (QueueTicker);
 * if it dies its connection closes, the lock frees, and another instance takes over on its next
 * tick. Every instance then refreshes its QueueView and RoomsView, which answer status polls,
 * token and room checks without a database round trip.
 */
class QueueService : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        int capacity = 100; ///< most ACTIVE tokens at once (house room; default of rooms)
        int tickMs = 1000; ///< admission period
        int activeTtlSeconds = 600; ///< life of an ACTIVE token
        int abandonSeconds = 120; ///< `--queue-abandon-seconds`, 10..86400
    };

    /** @brief The token of `POST /queue/tokens`; created is false for the user's existing one. */
    struct Issued
    {
        QueueToken token;
        bool created = false;
    };

    QueueService(Database &database, const TokenSigner &signer, const Settings &settings,
                 QObject *parent = nullptr);
    ~QueueService() override;

    /** @brief Work the admitting instance does each tick after expiring tokens (hold sweep). */
    void setAdmitterTask(std::function<void(DbSession &, const QDateTime &now)> task);
    /** @brief Starts the tick thread (first tick at once). */
    void start();
    /** @brief Stops ticking and joins the thread; the advisory lock is released. */
    void stop();

    /**
     * @brief Issues a WAITING token for @p userId (canonical UUID) in the room of @p concertId
     * (std::nullopt: the house room), or returns the user's live one there (created = false):
     * one live place per user per room, also under concurrent requests. Before the concert's
     * saleOpensAt the token is in the pre-queue (position null, saleOpensAt set).
     * Errors: NotFound (no such concert), Unavailable, Internal. Runs SQL: call from a worker.
     */
    Result<Issued> issueToken(const QString &userId, std::optional<qint64> concertId = {});

    /** @brief One `POST /queue/tokens` of a batch. */
    struct IssueRequest
    {
        QString userId; ///< canonical UUID
        std::optional<qint64> concertId; ///< std::nullopt: the house room
    };
    /**
     * @brief issueToken() for many requests at once (issue 13, "Token issue past the
     * single-INSERT ceiling"): per room one transaction with one multi-row INSERT for the
     * distinct users, so new tokens get ids (places) in the order of @p requests. A user who
     * asks more than once, or already has a live token, gets that token (created = false) in
     * every later answer. Returns one answer per request, in order; errors as issueToken()
     * (a failed room fails all its requests). Runs SQL: call from a worker.
     */
    std::vector<Result<Issued>> issueTokens(const std::vector<IssueRequest> &requests);

    /** @brief The claims of a bearer header whose token is well formed and signed by us. */
    [[nodiscard]] std::optional<TokenClaims> verify(const QByteArray &authorizationHeader) const;

    /**
     * @brief The token's status from memory (with concertId, soldOut, pre-queue fields);
     * Unknown means ask statusFromDatabase(). Counts as seeing the token.
     */
    [[nodiscard]] QueueView::Lookup lookup(const TokenClaims &claims) const;
    /**
     * @brief The token's status from the database (for tokens this instance has not seen yet).
     * Errors: TokenInvalid (no such token for that user), Unavailable, Internal.
     */
    Result<QueueStatus> statusFromDatabase(const TokenClaims &claims);
    /**
     * @brief Admits the request only with an ACTIVE, unexpired token: from memory when it is
     * ACTIVE or EXPIRED there, else from the database (a WAITING picture may be a tick old).
     * Errors: TokenExpired, NotAdmitted, TokenInvalid, Unavailable.
     */
    Result<Done> requireActive(const TokenClaims &claims);

    /** @brief This instance's picture of the queue (at most a tick old). */
    [[nodiscard]] const QueueView &view() const { return m_view; }
    [[nodiscard]] const Settings &settings() const { return m_settings; }

    /**
     * @brief 403 WRONG_CONCERT when the token may not enter concert @p concertId: a room
     * token of another concert, or a house token on a concert with a saleOpensAt
     * (api-contract.md, "Waiting rooms"). std::nullopt when it may, or when the concert is
     * unknown (the caller answers 404 first). May read the database: call from a worker.
     */
    std::optional<ApiError> roomError(const TokenClaims &claims, qint64 concertId);
    /** @brief The same rule for a token whose room is known (read in a transaction). */
    std::optional<ApiError> roomError(std::optional<qint64> tokenConcertId, qint64 concertId,
                                      DbSession &session) const;

    /**
     * @brief `DELETE /queue/tokens/current` (api-contract.md, "Waiting rooms": Leaving; and
     * "Reservations: release"): in one transaction the token becomes EXPIRED (LEFT) and every
     * live HELD reservation made with it RELEASED, its seats AVAILABLE, with one
     * `reservation.released` outbox event each ("Events for third parties"). A hold already
     * past heldUntil is left to the sweep (it becomes EXPIRED with its `reservation.expired`
     * event). After the commit this instance's seat maps show the seats AVAILABLE at once
     * (setSeatMaps()). A token already expired is left as it is.
     * Errors: TokenInvalid, Unavailable, Internal.
     */
    Result<Done> leave(const TokenClaims &claims);
    /** @brief Seat maps this instance serves from memory; leave() updates them at once. */
    void setSeatMaps(SeatMapCache *seatMaps) { m_seatMaps = seatMaps; }

    /**
     * @brief roomError() answered from memory only, for the routes served without a thread
     * hop: std::nullopt when memory cannot tell (the caller takes the worker path), else the
     * rule's answer (an empty inner value when the token may enter concert @p concertId).
     */
    std::optional<std::optional<ApiError>> roomErrorFromMemory(const TokenClaims &claims,
                                                               qint64 concertId);

    /** @brief The token expired here (payment, leaving): answered from memory from now on. */
    void noteExpired(qint64 tokenId, const QString &reason = {})
    {
        m_view.noteExpired(tokenId, reason);
    }
    /** @brief The token lives at least until @p expiresAt (a hold was placed). */
    void noteExtended(qint64 tokenId, const QDateTime &expiresAt)
    {
        m_view.noteExtended(tokenId, expiresAt);
    }
    /** @brief The token was used here (counts as seen for abandonment). */
    void noteSeen(qint64 tokenId) const { m_seen.note(tokenId); }
    /** @brief Room settings changed here (admin PATCH). */
    void noteRoomSettings(const RoomRow &room) { m_rooms.noteSettings(room); }
    /** @brief The concerts' rooms as this instance sees them. */
    [[nodiscard]] const RoomsView &rooms() const { return m_rooms; }
    /** @brief The server's default room capacity (`--queue-capacity`). */
    [[nodiscard]] int defaultCapacity() const { return m_settings.capacity; }

Q_SIGNALS:
    /** @brief Emitted (from the tick thread) after every tick; @p admitter: this instance admits.
     */
    void tickFinished(bool admitter);

private:
    /** @brief issueTokens() for the requests @p indexes of one room; fills their answers. */
    void issueInRoom(const std::vector<IssueRequest> &requests, const std::vector<size_t> &indexes,
                     std::optional<qint64> concertId, const QDateTime &now,
                     std::vector<Result<Issued>> &answers);
    /** @brief The answer for a settled token: notes it in the views, signs it, places it. */
    Issued answer(const QString &userId, std::optional<qint64> concertId,
                  const QueueTokenRow &token, bool created, qint64 lastAdmittedId,
                  const std::optional<RoomRow> &room, const QDateTime &now);
    /** @brief Where the token's room is, from memory or (worker only) the database. */
    Result<std::optional<qint64>> roomOfToken(const TokenClaims &claims);

    Database &m_database;
    const TokenSigner &m_signer;
    const Settings m_settings;
    QueueView m_view;
    RoomsView m_rooms;
    mutable SeenTokens m_seen;
    QThread m_thread;
    QueueTicker *m_ticker = nullptr;
    std::function<void(DbSession &, const QDateTime &)> m_admitterTask;
    /** @brief -1 unknown, 1 multi-row INSERTs get consecutive ids, 0 they may not */
    std::atomic<int> m_batchInsert{-1};
    SeatMapCache *m_seatMaps = nullptr;
};
