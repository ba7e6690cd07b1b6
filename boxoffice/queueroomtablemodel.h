#pragma once

#include "jsontablemodel.h"

/**
 * @brief The waiting rooms (`GET /api/v1/admin/queue`, "rooms"): room (a concert id, or
 * "house" for null), waiting, active, capacity, admissions per minute (0 = no rate), paused,
 * sold out, admitted and abandoned in the last minute, the oldest wait and the estimated wait
 * at the back (seconds).
 */
class QueueRoomTableModel : public JsonTableModel
{
    Q_OBJECT

public:
    explicit QueueRoomTableModel(QObject *parent = nullptr);

    /** @brief The concert id of @p row's room; 0 for the house room or an invalid row. */
    [[nodiscard]] qint64 concertIdAt(int row) const;
    /** @brief The row of the room of @p concertId (0: the house room); -1 when absent. */
    [[nodiscard]] int rowOfConcert(qint64 concertId) const;
};
