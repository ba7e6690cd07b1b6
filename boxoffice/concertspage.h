#pragma once

#include "areapage.h"

class ConcertTableModel;
class DatePriceTableModel;
class QCheckBox;
class QDateEdit;
class QDateTimeEdit;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

/**
 * @brief Concerts (ADMIN): the catalogue, and a form to create a concert
 * (`POST /api/v1/admin/concerts`) or change one (`GET`/`PATCH /api/v1/admin/concerts/{id}`:
 * title, venue, sale opening time, queue capacity, admissions per minute, paused, prices) and
 * add dates (`POST /api/v1/admin/concerts/{id}/dates`).
 *
 * A new concert is created with its dates first; its sale opening time and queue settings then
 * go in one PATCH (the create body has no such fields).
 */
class ConcertsPage : public AreaPage
{
    Q_OBJECT

public:
    explicit ConcertsPage(BoxOfficeClient *client, QWidget *parent = nullptr);

    void activate() override;

    /** @brief The concert in the form; 0 for a new one. */
    [[nodiscard]] qint64 concertId() const { return m_concertId; }
    [[nodiscard]] DatePriceTableModel *dates() const { return m_dates; }
    /** @brief Loads concert @p id into the form. */
    void edit(qint64 id);

Q_SIGNALS:
    /** @brief A concert was created or changed (id); other areas may reload their lists. */
    void concertSaved(qint64 id);

private:
    void refreshList();
    void startNew();
    void showConcert(const QJsonObject &concert);
    void create();
    void save();
    void addDates();
    [[nodiscard]] QJsonObject patchBody(bool withPrices) const;

    ConcertTableModel *m_concerts;
    DatePriceTableModel *m_dates;
    QTableView *m_concertView;
    QLineEdit *m_title;
    QLineEdit *m_venue;
    QCheckBox *m_saleOpens;
    QDateTimeEdit *m_saleOpensAt;
    QSpinBox *m_capacity;
    QSpinBox *m_admitPerMinute;
    QCheckBox *m_paused;
    QDateEdit *m_newDate;
    QSpinBox *m_newPrice;
    QPushButton *m_createButton;
    QPushButton *m_saveButton;
    QPushButton *m_addDatesButton;
    qint64 m_concertId = 0;
};
