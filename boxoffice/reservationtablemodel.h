#pragma once

#include "jsontablemodel.h"

/**
 * @brief A customer's reservations (`GET /api/v1/admin/users/{userId}`, "reservations"): id,
 * concert, date, seats, amount (KRW), status, ticket code, payment id.
 */
class ReservationTableModel : public JsonTableModel
{
    Q_OBJECT

public:
    explicit ReservationTableModel(QObject *parent = nullptr);
};
