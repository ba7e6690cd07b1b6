#include "services/queueservice.h"

#include "data/database.h"
#include "data/outboxrepository.h"
#include "data/queuerepository.h"
#include "data/reservationrepository.h"
#include "data/roomrepository.h"
#include "services/clock.h"
#include "services/seatmapcache.h"

Q_LOGGING_CATEGORY(lcQueue, "concert.server.queue")

namespace {

ApiError wrongConcert(qint64 concertId)
{
    return ApiError{ErrorCode::WrongConcert,
                    QStringLiteral("this queue token does not admit to concert %1; join its "
                                   "waiting room (POST /queue/tokens with concertId)")
                        .arg(concertId)};
}

/** @brief api-contract.md, "Waiting rooms": who may enter concert @p concertId. */
std::optional<ApiError> roomRule(std::optional<qint64> tokenConcertId, const RoomRow &room)
{
    if (tokenConcertId ? *tokenConcertId != room.concertId : room.saleOpensAt.has_value())
        return wrongConcert(room.concertId);
    return std::nullopt;
}

} // namespace

QueueService::QueueService(Database &database, const TokenSigner &signer, const Settings &settings,
                           QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_signer(signer)
    , m_settings(settings)
    , m_view(settings.capacity, settings.activeTtlSeconds, settings.tickMs)
    , m_rooms(settings.capacity, settings.activeTtlSeconds, settings.tickMs)
{
    m_thread.setObjectName(QStringLiteral("queue"));
}

QueueService::~QueueService()
{
    stop();
}

void QueueService::setAdmitterTask(std::function<void(DbSession &, const QDateTime &)> task)
{
    m_admitterTask = std::move(task);
}

void QueueService::start()
{
    if (m_ticker)
        return;
    m_ticker = new QueueTicker(m_database, m_view, m_rooms, m_seen,
                               QueueTicker::Settings{m_settings.capacity, m_settings.tickMs,
                                                     m_settings.activeTtlSeconds,
                                                     m_settings.abandonSeconds},
                               m_admitterTask);
    m_ticker->moveToThread(&m_thread);
    connect(m_ticker, &QueueTicker::tickFinished, this, &QueueService::tickFinished,
            Qt::DirectConnection);
    connect(&m_thread, &QThread::finished, m_ticker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_ticker, &QueueTicker::begin, Qt::QueuedConnection);
}

void QueueService::stop()
{
    if (!m_ticker)
        return;
    QMetaObject::invokeMethod(m_ticker, &QueueTicker::end, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_ticker = nullptr;
}

Result<QueueService::Issued> QueueService::issueToken(const QString &userId,
                                                      std::optional<qint64> concertId)
{
    std::vector<Result<Issued>> issued = issueTokens({IssueRequest{userId, concertId}});
    return std::move(issued.front());
}

std::vector<Result<QueueService::Issued>>
QueueService::issueTokens(const std::vector<IssueRequest> &requests)
{
    const QDateTime now = Clock::now();
    std::vector<Result<Issued>> answers(requests.size(),
                                        Result<Issued>(ApiError{ErrorCode::Internal, QString()}));
    // One batch per room, each in the order the requests came.
    std::vector<std::optional<qint64>> rooms;
    for (const IssueRequest &request : requests) {
        if (std::find(rooms.begin(), rooms.end(), request.concertId) == rooms.end())
            rooms.push_back(request.concertId);
    }
    for (const std::optional<qint64> &concertId : rooms) {
        std::vector<size_t> indexes;
        for (size_t i = 0; i < requests.size(); ++i) {
            if (requests[i].concertId == concertId)
                indexes.push_back(i);
        }
        issueInRoom(requests, indexes, concertId, now, answers);
    }
    return answers;
}

void QueueService::issueInRoom(const std::vector<IssueRequest> &requests,
                               const std::vector<size_t> &indexes, std::optional<qint64> concertId,
                               const QDateTime &now, std::vector<Result<Issued>> &answers)
{
    struct Settled
    {
        QueueTokenRow row;
        bool created = false;
    };
    struct Batch
    {
        std::vector<Settled> settled; ///< per index, in order
        qint64 lastAdmittedId = 0;
        std::optional<RoomRow> room;
    };
    auto batch = m_database.transaction<Batch>([&](DbSession &session) -> Result<Batch> {
        Batch result;
        if (concertId) {
            result.room = RoomRepository(session).room(*concertId);
            if (!result.room)
                return ApiError{ErrorCode::NotFound,
                                QStringLiteral("no concert %1").arg(*concertId)};
        }
        const std::optional<RoomRow> &room = result.room;
        const bool prequeue = room && room->saleOpensAt && *room->saleOpensAt > now;
        const QDateTime seenFrom = prequeue ? *room->saleOpensAt : now;
        QueueRepository repository(session);
        // One multi-row INSERT for the distinct users, in the order they asked: their ids,
        // and so their places, follow that order. The unique (live_user_id, room_id) key
        // skips users with a live token (here or from another instance's concurrent insert).
        std::vector<QueueRepository::IssueRequest> distinct;
        QSet<QString> users;
        for (const size_t i : indexes) {
            if (!users.contains(requests[i].userId)) {
                users.insert(requests[i].userId);
                distinct.push_back(
                    QueueRepository::IssueRequest{requests[i].userId, prequeue, seenFrom});
            }
        }
        if (m_batchInsert.load() < 0)
            m_batchInsert = repository.consecutiveInsertIds() ? 1 : 0;
        QHash<QString, qint64> inserted;
        if (m_batchInsert.load() == 1) {
            inserted = repository.insertWaitingBatch(distinct, concertId, now);
        } else {
            for (const QueueRepository::IssueRequest &request : distinct) {
                if (auto row = repository.insertWaiting(request.userId, concertId, now, prequeue,
                                                        seenFrom))
                    inserted.insert(request.userId, row->id);
            }
        }
        QHash<QString, size_t> first; // user -> place in result.settled of their first request
        for (const size_t i : indexes) {
            const QString &userId = requests[i].userId;
            if (const auto done = first.constFind(userId); done != first.cend()) {
                Settled again = result.settled[*done]; // the same user asked again: 200
                again.created = false;
                result.settled.push_back(again);
                continue;
            }
            first.insert(userId, result.settled.size());
            if (const auto id = inserted.constFind(userId); id != inserted.cend()) {
                QueueTokenRow row{*id, userId, TokenStatus::Waiting, {}};
                row.concertId = concertId;
                row.prequeue = prequeue;
                result.settled.push_back(Settled{row, true});
                continue;
            }
            // The user has a live token: answer it, unless it is ACTIVE past its expiry, which
            // is expired and replaced by a new token.
            std::optional<Settled> settled;
            for (int attempt = 0; attempt < 5 && !settled; ++attempt) {
                auto live = repository.findLive(userId, concertId);
                if (live && live->status == TokenStatus::Active && live->expiresAt <= now) {
                    repository.expireOverdueOf(userId, concertId, now);
                    live.reset();
                }
                if (live) {
                    settled = Settled{*live, false};
                } else if (auto row = repository.insertWaiting(userId, concertId, now, prequeue,
                                                               seenFrom)) {
                    settled = Settled{*row, true};
                }
            }
            if (!settled)
                return ApiError{ErrorCode::Internal,
                                QStringLiteral("could not settle the user's queue place")};
            result.settled.push_back(*settled);
        }
        if (!concertId && !inserted.isEmpty())
            result.lastAdmittedId = repository.lastAdmittedId();
        return result;
    });
    for (size_t k = 0; k < indexes.size(); ++k) {
        const size_t i = indexes[k];
        if (!batch) {
            answers[i] = batch.error();
            continue;
        }
        const Settled &settled = batch->settled[k];
        answers[i] = answer(requests[i].userId, concertId, settled.row, settled.created,
                            batch->lastAdmittedId, batch->room, now);
    }
}

QueueService::Issued QueueService::answer(const QString &userId, std::optional<qint64> concertId,
                                          const QueueTokenRow &token, bool created,
                                          qint64 lastAdmittedId, const std::optional<RoomRow> &room,
                                          const QDateTime &now)
{
    if (created && concertId)
        m_rooms.noteIssued(token.id, concertId, now);
    else if (created)
        m_view.noteIssued(token.id, now);

    Issued issued;
    issued.created = created;
    issued.token.token = m_signer.sign(token.id, userId);
    issued.token.userId = userId;
    const TokenClaims claims{token.id, userId};
    if (token.status == TokenStatus::Active && token.expiresAt > now) {
        issued.token.queue = QueueStatus{TokenStatus::Active, 0, 0, token.expiresAt};
    } else if (const QueueView::Lookup known = lookup(claims);
               !created && known.answer == QueueView::Answer::Waiting) {
        issued.token.queue = known.status;
    } else if (concertId) {
        if (token.prequeue && room && room->saleOpensAt) {
            issued.token.queue = QueueStatus{TokenStatus::Waiting, 0, 0, std::nullopt};
            issued.token.queue.saleOpensAt = room->saleOpensAt;
        } else {
            const qint64 position = m_rooms.provisionalPosition(*concertId, token.id);
            issued.token.queue =
                QueueStatus{TokenStatus::Waiting, position,
                            m_rooms.estimatedWaitSeconds(*concertId, position), std::nullopt};
        }
    } else {
        // A new token: its distance from the admission frontier as the database has it now,
        // which grows with the id on every instance, so users who ask at the same moment get
        // distinct positions wherever they ask.
        const qint64 position = created ? qMax<qint64>(1, token.id - lastAdmittedId)
                                        : m_view.provisionalPosition(token.id);
        issued.token.queue = QueueStatus{TokenStatus::Waiting, position,
                                         m_view.estimatedWaitSeconds(position), std::nullopt};
    }
    m_rooms.decorate(issued.token.queue, concertId);
    return issued;
}

std::optional<TokenClaims> QueueService::verify(const QByteArray &authorizationHeader) const
{
    const QByteArray token = TokenSigner::bearerToken(authorizationHeader);
    if (token.isEmpty())
        return std::nullopt;
    return m_signer.verify(token);
}

QueueView::Lookup QueueService::lookup(const TokenClaims &claims) const
{
    m_seen.note(claims.tokenId);
    QueueView::Lookup known = m_view.lookup(claims.tokenId, Clock::now());
    switch (known.answer) {
    case QueueView::Answer::Waiting: // the house view holds only house WAITING tokens
        break;
    case QueueView::Answer::Active:
    case QueueView::Answer::Expired: {
        const std::optional<std::optional<qint64>> room = m_rooms.roomOf(claims.tokenId);
        m_rooms.decorate(known.status, room ? *room : std::nullopt);
        break;
    }
    case QueueView::Answer::Unknown:
        if (std::optional<QueueStatus> waiting = m_rooms.lookupWaiting(claims.tokenId))
            return QueueView::Lookup{QueueView::Answer::Waiting, *waiting};
        break;
    }
    return known;
}

Result<QueueStatus> QueueService::statusFromDatabase(const TokenClaims &claims)
{
    const QDateTime now = Clock::now();
    auto row = m_database.run<std::optional<QueueTokenRow>>([&](DbSession &session) {
        return Result<std::optional<QueueTokenRow>>(QueueRepository(session).find(claims.tokenId));
    });
    if (!row)
        return row.error();
    const std::optional<QueueTokenRow> &token = row.value();
    if (!token || token->userId != claims.userId)
        return ApiError{ErrorCode::TokenInvalid,
                        QStringLiteral("this queue token was never issued")};
    m_rooms.noteRoom(token->id, token->concertId);
    QueueStatus status{TokenStatus::Expired, 0, 0, std::nullopt};
    if (token->status == TokenStatus::Expired
        || (token->status == TokenStatus::Active && token->expiresAt <= now)) {
        status.reason =
            token->status == TokenStatus::Expired ? token->reason : TokenEndReason::TimedOut;
        if (token->status == TokenStatus::Expired)
            m_view.noteExpired(token->id, token->reason);
    } else if (token->status == TokenStatus::Active) {
        status = QueueStatus{TokenStatus::Active, 0, 0, token->expiresAt};
    } else if (token->concertId) {
        // WAITING but not in this instance's picture yet (issued since its last refresh).
        const std::optional<RoomRow> room = m_rooms.room(*token->concertId);
        if (token->prequeue && room && room->saleOpensAt) {
            status = QueueStatus{TokenStatus::Waiting, 0, 0, std::nullopt};
            status.saleOpensAt = room->saleOpensAt;
        } else {
            const qint64 position = m_rooms.provisionalPosition(*token->concertId, token->id);
            status = QueueStatus{TokenStatus::Waiting, position,
                                 m_rooms.estimatedWaitSeconds(*token->concertId, position),
                                 std::nullopt};
        }
    } else {
        const qint64 position = m_view.provisionalPosition(token->id);
        status = QueueStatus{TokenStatus::Waiting, position, m_view.estimatedWaitSeconds(position),
                             std::nullopt};
    }
    m_rooms.decorate(status, token->concertId);
    return status;
}

Result<Done> QueueService::requireActive(const TokenClaims &claims)
{
    QueueView::Lookup known = lookup(claims);
    QueueStatus status = known.status;
    // Only ACTIVE and EXPIRED are settled in memory; WAITING may have been admitted since.
    if (known.answer == QueueView::Answer::Unknown || known.answer == QueueView::Answer::Waiting) {
        auto fromDb = statusFromDatabase(claims);
        if (!fromDb)
            return fromDb.error();
        status = fromDb.value();
    }
    switch (status.status) {
    case TokenStatus::Active:
        return Done{};
    case TokenStatus::Waiting:
        return ApiError{ErrorCode::NotAdmitted,
                        status.saleOpensAt
                            ? QStringLiteral("the sale has not opened yet; the queue token is in "
                                             "the pre-queue")
                            : QStringLiteral("the queue token is still waiting (position %1)")
                                  .arg(status.position)};
    case TokenStatus::Expired:
        break;
    }
    return ApiError{ErrorCode::TokenExpired,
                    QStringLiteral("the queue token has expired; take a new one")};
}

Result<std::optional<qint64>> QueueService::roomOfToken(const TokenClaims &claims)
{
    if (const auto known = m_rooms.roomOf(claims.tokenId))
        return *known;
    const QueueView::Lookup house = m_view.lookup(claims.tokenId, Clock::now());
    if (house.answer == QueueView::Answer::Waiting || house.answer == QueueView::Answer::Active)
        return std::optional<qint64>(); // in the house snapshot and not in any room's
    auto row = m_database.run<std::optional<QueueTokenRow>>([&](DbSession &session) {
        return Result<std::optional<QueueTokenRow>>(QueueRepository(session).find(claims.tokenId));
    });
    if (!row)
        return row.error();
    if (!row.value())
        return ApiError{ErrorCode::TokenInvalid,
                        QStringLiteral("this queue token was never issued")};
    m_rooms.noteRoom(claims.tokenId, row.value()->concertId);
    return row.value()->concertId;
}

std::optional<ApiError> QueueService::roomError(const TokenClaims &claims, qint64 concertId)
{
    std::optional<RoomRow> room = m_rooms.room(concertId);
    if (!room) {
        auto found = m_database.run<std::optional<RoomRow>>([&](DbSession &session) {
            return Result<std::optional<RoomRow>>(RoomRepository(session).room(concertId));
        });
        if (!found)
            return found.error();
        room = found.value();
        if (!room)
            return std::nullopt; // unknown concert: the service answers 404 first
    }
    const Result<std::optional<qint64>> tokenRoom = roomOfToken(claims);
    if (!tokenRoom)
        return tokenRoom.error();
    return roomRule(tokenRoom.value(), *room);
}

std::optional<ApiError> QueueService::roomError(std::optional<qint64> tokenConcertId,
                                                qint64 concertId, DbSession &session) const
{
    std::optional<RoomRow> room = m_rooms.room(concertId);
    if (!room)
        room = RoomRepository(session).room(concertId);
    if (!room)
        return std::nullopt;
    return roomRule(tokenConcertId, *room);
}

std::optional<std::optional<ApiError>> QueueService::roomErrorFromMemory(const TokenClaims &claims,
                                                                         qint64 concertId)
{
    const std::optional<RoomRow> room = m_rooms.room(concertId);
    if (!room)
        return std::nullopt;
    std::optional<qint64> tokenRoom;
    if (const auto known = m_rooms.roomOf(claims.tokenId)) {
        tokenRoom = *known;
    } else {
        const QueueView::Lookup house = m_view.lookup(claims.tokenId, Clock::now());
        if (house.answer != QueueView::Answer::Waiting && house.answer != QueueView::Answer::Active)
            return std::nullopt;
    }
    return std::optional<std::optional<ApiError>>(roomRule(tokenRoom, *room));
}

Result<Done> QueueService::leave(const TokenClaims &claims)
{
    const QDateTime now = Clock::now();
    QString reason;
    QList<std::pair<qint64, QList<int>>> freed; // (concert date id, seats) released here
    auto left = m_database.transaction<Done>([&](DbSession &session) -> Result<Done> {
        freed.clear(); // a retried transaction starts over
        QueueRepository tokens(session);
        const std::optional<QueueTokenRow> token = tokens.lock(claims.tokenId);
        if (!token || token->userId != claims.userId)
            return ApiError{ErrorCode::TokenInvalid,
                            QStringLiteral("this queue token was never issued")};
        reason = token->reason;
        if (token->status == TokenStatus::Expired)
            return Done{};
        reason = token->status == TokenStatus::Active && token->expiresAt <= now
            ? TokenEndReason::TimedOut
            : TokenEndReason::Left;
        tokens.expire(claims.tokenId, reason, now);
        ReservationRepository reservations(session);
        OutboxRepository outbox(session);
        for (const ReservationRow &row : reservations.lockHeldOfToken(claims.tokenId)) {
            if (row.reservation.heldUntil <= now)
                continue; // time decided already: the sweep expires it with its event
            reservations.release(row.reservation.reservationId);
            Reservation released = row.reservation;
            released.status = ReservationStatus::Released;
            outbox.append(OutboxEventType::ReservationReleased, released.toJson(), now);
            freed.append({row.concertDateId, released.seatNumbers});
        }
        return Done{};
    });
    if (left) {
        m_view.noteExpired(claims.tokenId, reason);
        // This instance's seat maps show the seats AVAILABLE at once; others within a tick.
        if (m_seatMaps) {
            for (const auto &[concertDateId, seats] : freed)
                m_seatMaps->noteReleased(concertDateId, seats);
        }
    }
    return left;
}
