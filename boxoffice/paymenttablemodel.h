#pragma once

#include "jsontablemodel.h"

/**
 * @brief A customer's payments (`GET /api/v1/admin/users/{userId}`, "payments"): id, reservation,
 * amount (KRW), status, time.
 */
class PaymentTableModel : public JsonTableModel
{
    Q_OBJECT

public:
    explicit PaymentTableModel(QObject *parent = nullptr);
};
