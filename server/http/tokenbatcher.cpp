#include "http/tokenbatcher.h"

#include <QPointer>

TokenBatcher::TokenBatcher(HttpEdge &edge, QueueService &queue, QObject *parent)
    : QObject(parent)
    , m_edge(edge)
    , m_queue(queue)
{
    m_window.setSingleShot(true);
    m_window.setTimerType(Qt::PreciseTimer);
    m_window.setInterval(kWindowMs);
    connect(&m_window, &QTimer::timeout, this, &TokenBatcher::flush);
}

void TokenBatcher::submit(QHttpServerResponder &&responder, const QString &userId,
                          std::optional<qint64> concertId)
{
    m_responders.push_back(m_edge.defer(std::move(responder)));
    m_requests.push_back(QueueService::IssueRequest{userId, concertId});
    if (m_inFlight)
        return; // goes when the batch in flight is back
    if (m_requests.size() >= kMaxBatch)
        flush();
    else if (!m_window.isActive())
        m_window.start();
}

void TokenBatcher::flush()
{
    if (m_inFlight || m_requests.empty())
        return;
    m_window.stop();
    const size_t count = std::min(kMaxBatch, m_requests.size());
    std::vector<HttpEdge::Deferred> responders(m_responders.begin(),
                                               m_responders.begin() + qsizetype(count));
    std::vector<QueueService::IssueRequest> requests(m_requests.begin(),
                                                     m_requests.begin() + qsizetype(count));
    m_responders.erase(m_responders.begin(), m_responders.begin() + qsizetype(count));
    m_requests.erase(m_requests.begin(), m_requests.begin() + qsizetype(count));
    m_inFlight = true;
    QPointer<TokenBatcher> self(this);
    m_edge.dispatchBatch(
        std::move(responders), [&queue = m_queue, self, requests = std::move(requests)]() {
            std::vector<ApiResponse> responses;
            responses.reserve(requests.size());
            for (const Result<QueueService::Issued> &issued : queue.issueTokens(requests)) {
                if (issued)
                    responses.push_back(
                        ApiResponse{issued->created ? 201 : 200, issued->token.toJson()});
                else
                    responses.push_back(ApiResponse::error(issued.error()));
            }
            // Committed: the next batch may go (its ids come after these).
            QMetaObject::invokeMethod(
                self.data(),
                [self]() {
                    if (!self)
                        return;
                    self->m_inFlight = false;
                    self->flush();
                },
                Qt::QueuedConnection);
            return responses;
        });
}
