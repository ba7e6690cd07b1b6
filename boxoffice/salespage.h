#pragma once

#include "areapage.h"

#include <QTimer>

class QComboBox;
class QLabel;
class SalesTableModel;

/**
 * @brief Sales: per date of one concert, available / held / sold seats and net revenue, with
 * the totals (`GET /api/v1/admin/concerts/{id}/sales`, staff). Refreshes every
 * refreshIntervalMs() while shown.
 */
class SalesPage : public AreaPage
{
    Q_OBJECT

public:
    explicit SalesPage(BoxOfficeClient *client, QWidget *parent = nullptr);

    void activate() override;
    void deactivate() override;
    [[nodiscard]] SalesTableModel *sales() const { return m_sales; }
    /** @brief Chooses concert @p id (when it is in the list) and loads its sales. */
    void showConcert(qint64 id);
    /** @brief Pause between reloads while shown, in ms (default 5000). */
    void setRefreshIntervalMs(int intervalMs) { m_timer.setInterval(intervalMs); }

private:
    void refresh();

    SalesTableModel *m_sales;
    QComboBox *m_concertCombo;
    QLabel *m_totals;
    QTimer m_timer;
};
