#pragma once

#include "boxofficeclient.h"
#include "staffrole.h"

#include <QWidget>

class QLabel;
class QComboBox;
class QTableView;

/**
 * @brief What every area of the main window shares: the client, a status line at the bottom
 * (errors in red, results in green), and activate()/deactivate() when the area is shown or left
 * (areas that refresh by themselves run their timers only while shown).
 */
class AreaPage : public QWidget
{
    Q_OBJECT

public:
    /** @brief The area is shown: load what it shows, start refreshing. */
    virtual void activate() { }
    /** @brief The area is left: stop refreshing. */
    virtual void deactivate() { }
    /** @brief The signed-in key's role changed: hide what it may not do. */
    virtual void applyRole(StaffRole role) { m_role = role; }

    /** @brief The status line's current text. */
    [[nodiscard]] QString statusText() const;

    /** @brief A staff-facing sentence for @p failure (what happened and what to do). */
    [[nodiscard]] static QString failureText(const BoxOfficeClient::Failure &failure);

protected:
    explicit AreaPage(BoxOfficeClient *client, QWidget *parent = nullptr);

    /** @brief Builds the status line (call last in the subclass's layout). */
    QLabel *makeStatusLabel(const QString &objectName);
    void showInfo(const QString &text);
    void showError(const BoxOfficeClient::Failure &failure);
    void showError(const QString &text);
    /** @brief A dense, sortable, row-selecting table view for @p model. */
    static QTableView *makeTable(const QString &objectName, QWidget *parent);
    /**
     * @brief Fills @p combo with the catalogue (`GET /api/v1/concerts`, up to 100): text
     * "#id title", data the id. Keeps the current concert when it is still there.
     */
    void loadConcerts(QComboBox *combo);

    BoxOfficeClient *m_client;
    StaffRole m_role = StaffRole::None;
    QLabel *m_status = nullptr;
};
