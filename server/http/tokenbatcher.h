#pragma once

#include "http/httpedge.h"
#include "services/queueservice.h"

#include <QObject>
#include <QTimer>

#include <optional>
#include <vector>

/**
 * @brief Gathers `POST /queue/tokens` requests that arrive within a millisecond into one
 * QueueService::issueTokens() call on a worker: one multi-row INSERT per room instead of one
 * INSERT per request (issue 13, "Token issue past the single-INSERT ceiling").
 *
 * Strict issue order on this instance: a batch goes to the database only after the previous
 * one has committed, so requests get ids in the order they arrived here (across instances the
 * database's id order decides, as before). While a batch is in the database the next one
 * gathers and goes as soon as it is back; when idle a request waits at most the window
 * (kWindowMs) for company. Each request gets its own answer (201 new, 200 the user's existing
 * token, or its error).
 *
 * Lives on the HTTP thread: submit() must be called there.
 */
class TokenBatcher : public QObject
{
    Q_OBJECT
public:
    /** @brief How long a request that finds the batcher idle waits for others, in ms. */
    static constexpr int kWindowMs = 1;
    /** @brief Most requests in one batch (the rest wait for the next). */
    static constexpr size_t kMaxBatch = 1000;

    TokenBatcher(HttpEdge &edge, QueueService &queue, QObject *parent = nullptr);

    /** @brief Queues one token request; its answer is written to @p responder later. */
    void submit(QHttpServerResponder &&responder, const QString &userId,
                std::optional<qint64> concertId);

private:
    /** @brief Sends the gathered requests (up to kMaxBatch) unless a batch is in flight. */
    void flush();

    HttpEdge &m_edge;
    QueueService &m_queue;
    QTimer m_window;
    bool m_inFlight = false;
    std::vector<HttpEdge::Deferred> m_responders;
    std::vector<QueueService::IssueRequest> m_requests;
};
