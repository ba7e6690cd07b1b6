#pragma once

#include "jsontablemodel.h"

/**
 * @brief The catalogue (`GET /api/v1/concerts`, "items"): id, title, venue.
 */
class ConcertTableModel : public JsonTableModel
{
    Q_OBJECT

public:
    explicit ConcertTableModel(QObject *parent = nullptr);
};
