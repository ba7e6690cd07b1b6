#pragma once

#include "jsontablemodel.h"

/**
 * @brief The sales of one concert (`GET /api/v1/admin/concerts/{id}/sales`): one row per date
 * (date, price, available, held, sold, revenue in KRW, net of cancellations) and the totals.
 */
class SalesTableModel : public JsonTableModel
{
    Q_OBJECT

public:
    explicit SalesTableModel(QObject *parent = nullptr);

    /** @brief Takes the whole answer: rows from "dates", totals from "totals". */
    void setSales(const QJsonObject &sales);
    /** @brief The answer's "totals" object ({available, held, sold, revenue}); `{}` before. */
    [[nodiscard]] QJsonObject totals() const { return m_totals; }
    /** @brief The totals as one line for staff, e.g. "Sold 12 · Held 2 · ... · ₩600,000". */
    [[nodiscard]] QString totalsText() const;

private:
    QJsonObject m_totals;
};
