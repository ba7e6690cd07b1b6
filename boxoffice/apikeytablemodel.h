#pragma once

#include "jsontablemodel.h"

/**
 * @brief The API keys (`GET /api/v1/admin/api-keys`, "items"; never the keys themselves): id, name,
 * role, prefix, created, revoked.
 */
class ApiKeyTableModel : public JsonTableModel
{
    Q_OBJECT

public:
    explicit ApiKeyTableModel(QObject *parent = nullptr);
};
