#pragma once

#include "areapage.h"

#include <QTimer>

class QCheckBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;
class QueueRoomTableModel;

/**
 * @brief Queue: the waiting rooms' figures (`GET /api/v1/admin/queue`, staff), refreshed every
 * refreshIntervalMs() while shown; ADMIN keys also steer a concert's room (pause, resume,
 * capacity, admissions per minute) with `PATCH /api/v1/admin/concerts/{id}` `{"queue": ...}`.
 * The house room follows the server's options and cannot be steered.
 */
class QueuePage : public AreaPage
{
    Q_OBJECT

public:
    explicit QueuePage(BoxOfficeClient *client, QWidget *parent = nullptr);

    void activate() override;
    void deactivate() override;
    void applyRole(StaffRole role) override;
    [[nodiscard]] QueueRoomTableModel *rooms() const { return m_rooms; }
    /** @brief Selects the room of concert @p id (when listed). */
    void selectConcert(qint64 id);
    /** @brief Pause between reloads while shown, in ms (default 3000). */
    void setRefreshIntervalMs(int intervalMs) { m_timer.setInterval(intervalMs); }

public Q_SLOTS:
    void refresh();

private:
    void steer(const QJsonObject &queue);
    [[nodiscard]] qint64 selectedConcert() const;
    void showSelected();

    QueueRoomTableModel *m_rooms;
    QTableView *m_view;
    QGroupBox *m_controls;
    QLabel *m_roomLabel;
    QLabel *m_updated;
    QPushButton *m_pauseButton;
    QPushButton *m_resumeButton;
    QSpinBox *m_capacity;
    QSpinBox *m_admitPerMinute;
    QPushButton *m_applyButton;
    QTimer m_timer;
    qint64 m_selected = -1; ///< concert id of the selected room (0 house), -1 none
};
