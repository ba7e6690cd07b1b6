#pragma once

#include "apiclient.h"
#include "concert.h"
#include "refreshinglistmodel.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlParserStatus>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

/**
 * @brief The bookable dates of one concert (`GET /api/v1/concerts/{id}/dates`, ACTIVE token):
 * dates not in the past with at least one free seat, ascending.
 *
 * Roles: date ("YYYY-MM-DD"), label (e.g. "Sat 1 Mar 2027"), availableSeats, price (KRW),
 * current (the date shown on the seat map).
 *
 * currentDate is the date the customer looks at. After each load it is kept when still listed,
 * otherwise it moves to the first date (or "" when none is left). While active() the list
 * reloads every refreshIntervalMs(), so the free-seat counts stay current.
 */
class DateListModel : public RefreshingListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 concertId READ concertId WRITE setConcertId NOTIFY concertIdChanged)
    /** @brief "YYYY-MM-DD" of the date shown, or "". */
    Q_PROPERTY(QString currentDate READ currentDate WRITE setCurrentDate NOTIFY currentDateChanged)
    /** @brief Ticket price of currentDate in KRW; 0 when none. */
    Q_PROPERTY(qint64 currentPrice READ currentPrice NOTIFY currentDateChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    /** @brief Reload periodically while true. */

public:
    enum Role {
        DateRole = Qt::UserRole + 1,
        LabelRole,
        AvailableSeatsRole,
        PriceRole,
        CurrentRole
    };
    Q_ENUM(Role)

    explicit DateListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] qint64 concertId() const { return m_concertId; }
    void setConcertId(qint64 concertId);
    [[nodiscard]] QString currentDate() const { return m_currentDate; }
    void setCurrentDate(const QString &date);
    [[nodiscard]] qint64 currentPrice() const;
    [[nodiscard]] int count() const { return int(m_dates.size()); }

    /** @brief Replaces the list (what a successful load does) and fixes up currentDate. */
    void setDates(const QList<ConcertDate> &dates);

    Q_INVOKABLE void refresh() override;

Q_SIGNALS:
    void concertIdChanged();
    void currentDateChanged();
    void countChanged();

private:
    qint64 m_concertId = 0;
    QString m_currentDate;
    QList<ConcertDate> m_dates;
    bool m_refreshAgain = false;
};
