#pragma once

#include "jsontablemodel.h"

/**
 * @brief The audit trail (`GET /api/v1/admin/audit`, "items", newest first): time, key name,
 * action, target, detail.
 */
class AuditTableModel : public JsonTableModel
{
    Q_OBJECT

public:
    explicit AuditTableModel(QObject *parent = nullptr);
};
