#include "services/queuemodel.h"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace {

using Change = QueueRepository::TokenChange;

/** @brief @p from minus @p remove plus @p add; all ascending, add disjoint from the result. */
template<typename T, typename Id>
std::shared_ptr<const std::vector<T>> rebuilt(const std::vector<T> &from,
                                              const std::vector<qint64> &remove,
                                              const std::vector<T> &add, Id id)
{
    auto next = std::make_shared<std::vector<T>>();
    next->reserve(from.size() + add.size());
    size_t r = 0;
    for (const T &item : from) {
        while (r < remove.size() && remove[r] < id(item))
            ++r;
        if (r < remove.size() && remove[r] == id(item))
            continue;
        next->push_back(item);
    }
    const auto middle = next->insert(next->end(), add.begin(), add.end());
    std::inplace_merge(next->begin(), middle, next->end(),
                       [&](const T &a, const T &b) { return id(a) < id(b); });
    return next;
}

qint64 idOf(qint64 id)
{
    return id;
}

qint64 activeIdOf(const QueueModel::ActiveToken &token)
{
    return token.id;
}

} // namespace

QueueModel::QueueModel()
    : m_house(std::make_shared<WaitingIds>())
    , m_active(std::make_shared<ActiveTokens>())
{ }

bool QueueModel::apply(const QueueRepository::Changes &changes, qint64 verifyAfterId,
                       qint64 verifyUpToId)
{
    // Both lists come from one snapshot: a row read twice says the same.
    std::vector<Change> rows;
    rows.reserve(changes.rows.size() + changes.verified.size());
    rows.insert(rows.end(), changes.rows.begin(), changes.rows.end());
    rows.insert(rows.end(), changes.verified.begin(), changes.verified.end());
    std::sort(rows.begin(), rows.end(),
              [](const Change &a, const Change &b) { return a.id < b.id; });
    rows.erase(std::unique(rows.begin(), rows.end(),
                           [](const Change &a, const Change &b) { return a.id == b.id; }),
               rows.end());

    if (changes.complete) {
        auto house = std::make_shared<WaitingIds>();
        auto active = std::make_shared<ActiveTokens>();
        m_roomTokens.clear();
        for (const Change &row : rows) {
            if (row.status == TokenStatus::Expired)
                continue;
            if (row.status == TokenStatus::Waiting && row.roomId == 0)
                house->push_back(row.id);
            if (row.status == TokenStatus::Active)
                active->push_back(ActiveToken{row.id, row.expiresAtMs, row.roomId});
            if (row.roomId > 0)
                m_roomTokens[row.id] =
                    RoomToken{row.roomId,    row.status,      row.prequeue,  row.drawn,
                              row.drawPlace, row.expiresAtMs, row.issuedAtMs};
        }
        house->shrink_to_fit();
        m_house = std::move(house);
        m_active = std::move(active);
        m_roomsChanged = true;
        rebuildCounts();
        return true;
    }

    const WaitingIds &house = *m_house;
    const ActiveTokens &active = *m_active;
    std::vector<qint64> houseRemove;
    std::vector<qint64> houseAdd;
    std::vector<qint64> activeRemove;
    std::vector<ActiveToken> activeAdd;
    bool roomsChanged = false;

    // The verified range: a token the model holds there without a row is gone.
    if (verifyUpToId > verifyAfterId) {
        auto hasRow = [&](qint64 id) {
            return std::binary_search(rows.begin(), rows.end(), Change{id},
                                      [](const Change &a, const Change &b) { return a.id < b.id; });
        };
        for (auto it = std::upper_bound(house.begin(), house.end(), verifyAfterId);
             it != house.end() && *it <= verifyUpToId; ++it) {
            if (!hasRow(*it))
                houseRemove.push_back(*it);
        }
        for (auto it = std::upper_bound(
                 active.begin(), active.end(), verifyAfterId,
                 [](qint64 id, const ActiveToken &token) { return id < token.id; });
             it != active.end() && it->id <= verifyUpToId; ++it) {
            if (!hasRow(it->id))
                activeRemove.push_back(it->id);
        }
        if (verifyUpToId - verifyAfterId < qint64(m_roomTokens.size())) {
            for (qint64 id = verifyAfterId + 1; id <= verifyUpToId; ++id) {
                if (m_roomTokens.count(id) && !hasRow(id)) {
                    m_roomTokens.erase(id);
                    roomsChanged = true;
                }
            }
        } else {
            for (auto it = m_roomTokens.begin(); it != m_roomTokens.end();) {
                const bool gone =
                    it->first > verifyAfterId && it->first <= verifyUpToId && !hasRow(it->first);
                roomsChanged = roomsChanged || gone;
                it = gone ? m_roomTokens.erase(it) : std::next(it);
            }
        }
    }

    for (const Change &row : rows) {
        const bool wantHouse = row.status == TokenStatus::Waiting && row.roomId == 0;
        const bool wantActive = row.status == TokenStatus::Active;
        const bool wantRoom = row.roomId > 0 && row.status != TokenStatus::Expired;
        const bool inHouse = std::binary_search(house.begin(), house.end(), row.id);
        if (wantHouse && !inHouse)
            houseAdd.push_back(row.id);
        else if (!wantHouse && inHouse)
            houseRemove.push_back(row.id);
        const auto found =
            std::lower_bound(active.begin(), active.end(), row.id,
                             [](const ActiveToken &token, qint64 id) { return token.id < id; });
        const bool inActive = found != active.end() && found->id == row.id;
        const bool sameActive =
            inActive && found->expiresAtMs == row.expiresAtMs && found->roomId == row.roomId;
        if (inActive && !sameActive)
            activeRemove.push_back(row.id);
        if (wantActive && !sameActive)
            activeAdd.push_back(ActiveToken{row.id, row.expiresAtMs, row.roomId});
        const auto room = m_roomTokens.find(row.id);
        if (wantRoom) {
            const RoomToken token{row.roomId,    row.status,      row.prequeue,  row.drawn,
                                  row.drawPlace, row.expiresAtMs, row.issuedAtMs};
            if (room == m_roomTokens.end() || !(room->second == token)) {
                m_roomTokens[row.id] = token;
                roomsChanged = true;
            }
        } else if (room != m_roomTokens.end()) {
            m_roomTokens.erase(room);
            roomsChanged = true;
        }
    }

    const bool houseChanged = !houseAdd.empty() || !houseRemove.empty();
    const bool activeChanged = !activeAdd.empty() || !activeRemove.empty();
    if (houseChanged) {
        std::sort(houseRemove.begin(), houseRemove.end());
        m_house = rebuilt(house, houseRemove, houseAdd, idOf);
    }
    if (activeChanged) {
        std::sort(activeRemove.begin(), activeRemove.end());
        m_active = rebuilt(active, activeRemove, activeAdd, activeIdOf);
    }
    m_roomsChanged = m_roomsChanged || roomsChanged;
    if (activeChanged || roomsChanged)
        rebuildCounts();
    return houseChanged || activeChanged || roomsChanged;
}

void QueueModel::rebuildCounts()
{
    m_activePerRoom.clear();
    for (const ActiveToken &token : *m_active)
        ++m_activePerRoom[token.roomId];
    m_waitingPerRoom.clear();
    for (const auto &[id, token] : m_roomTokens) {
        if (token.status == TokenStatus::Waiting)
            ++m_waitingPerRoom[token.roomId];
    }
}

std::vector<qint64> QueueModel::roomsWithWaiters() const
{
    std::vector<qint64> rooms;
    for (auto it = m_waitingPerRoom.cbegin(); it != m_waitingPerRoom.cend(); ++it) {
        if (it.value() > 0)
            rooms.push_back(it.key());
    }
    std::sort(rooms.begin(), rooms.end());
    return rooms;
}

std::vector<RoomTokenRow> QueueModel::roomTokens() const
{
    // ORDER BY room_id, prequeue, draw_place IS NULL, draw_place, id (the admission order).
    std::vector<std::pair<qint64, const RoomToken *>> order;
    order.reserve(m_roomTokens.size());
    for (const auto &[id, token] : m_roomTokens)
        order.emplace_back(id, &token);
    std::sort(order.begin(), order.end(), [](const auto &a, const auto &b) {
        const RoomToken &x = *a.second;
        const RoomToken &y = *b.second;
        return std::make_tuple(x.roomId, x.prequeue, !x.drawn, x.drawn ? x.drawPlace : 0, a.first)
            < std::make_tuple(y.roomId, y.prequeue, !y.drawn, y.drawn ? y.drawPlace : 0, b.first);
    });
    std::vector<RoomTokenRow> rows;
    rows.reserve(order.size());
    for (const auto &[id, token] : order) {
        RoomTokenRow row;
        row.id = id;
        row.concertId = token->roomId;
        row.status = token->status;
        row.prequeue = token->prequeue;
        if (token->status == TokenStatus::Active)
            row.expiresAt = QDateTime::fromMSecsSinceEpoch(token->expiresAtMs, Qt::UTC);
        row.issuedAt = QDateTime::fromMSecsSinceEpoch(token->issuedAtMs, Qt::UTC);
        rows.push_back(row);
    }
    return rows;
}

bool QueueModel::takeRoomsChanged()
{
    const bool changed = m_roomsChanged;
    m_roomsChanged = false;
    return changed;
}
