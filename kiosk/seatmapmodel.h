#pragma once

#include "apiclient.h"
#include "refreshinglistmodel.h"
#include "seat.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlParserStatus>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

/**
 * @brief The 50 seats of one concert date
 * (`GET /api/v1/concerts/{id}/dates/{date}/seats`, ACTIVE token) and the customer's selection.
 *
 * Roles: seatNumber (1..50), status (SeatMapModel::Status), statusName ("AVAILABLE", ...),
 * price (KRW), selected (bool), selectable (toggle() would succeed: a selected seat, or an
 * AVAILABLE one while fewer than maxSelection() are selected).
 *
 * The selection holds at most maxSelection() = 4 AVAILABLE seats; toggle() refuses a fifth and
 * emits selectionLimitReached(). While active() the map reloads every refreshIntervalMs(); a
 * selected seat that someone else took meanwhile leaves the selection (selectionLost()).
 */
class SeatMapModel : public RefreshingListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(qint64 concertId READ concertId WRITE setConcertId NOTIFY concertIdChanged)
    /** @brief "YYYY-MM-DD"; "" shows no seats. */
    Q_PROPERTY(QString date READ date WRITE setDate NOTIFY dateChanged)
    /** @brief Reload periodically while true. */
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int availableCount READ availableCount NOTIFY seatsChanged)
    Q_PROPERTY(int maxSelection READ maxSelection CONSTANT)
    Q_PROPERTY(int selectedCount READ selectedCount NOTIFY selectionChanged)
    /** @brief Selected seat numbers, ascending. */
    Q_PROPERTY(QList<int> selectedSeats READ selectedSeats NOTIFY selectionChanged)
    /** @brief Sum of the selected seats' prices in KRW. */
    Q_PROPERTY(qint64 selectedTotal READ selectedTotal NOTIFY selectionChanged)

public:
    enum Status { Available, Held, Sold };
    Q_ENUM(Status)

    enum Role {
        SeatNumberRole = Qt::UserRole + 1,
        StatusRole,
        StatusNameRole,
        PriceRole,
        SelectedRole,
        SelectableRole,
    };
    Q_ENUM(Role)

    explicit SeatMapModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] qint64 concertId() const { return m_concertId; }
    void setConcertId(qint64 concertId);
    [[nodiscard]] QString date() const { return m_date; }
    void setDate(const QString &date);
    [[nodiscard]] int count() const { return int(m_seats.size()); }
    [[nodiscard]] int availableCount() const;
    [[nodiscard]] int maxSelection() const;
    [[nodiscard]] int selectedCount() const { return int(m_selected.size()); }
    [[nodiscard]] QList<int> selectedSeats() const { return m_selected; }
    [[nodiscard]] qint64 selectedTotal() const;

    /**
     * @brief Replaces the seats (what a successful load does). Selected seats that are no longer
     * AVAILABLE leave the selection and are reported by selectionLost().
     */
    void setSeats(const QList<Seat> &seats);

    /**
     * @brief Selects or unselects @p seatNumber. Returns false (and changes nothing) for a seat
     * that is not AVAILABLE, an unknown number, or a fifth seat (then selectionLimitReached()).
     */
    Q_INVOKABLE bool toggle(int seatNumber);
    Q_INVOKABLE void clearSelection();
    /** @brief Reloads now (skipped while a load is in flight). */
    Q_INVOKABLE void refresh() override;

Q_SIGNALS:
    void concertIdChanged();
    void dateChanged();
    void countChanged();
    void seatsChanged();
    void selectionChanged();
    /** @brief toggle() refused a seat because maxSelection() seats are selected. */
    void selectionLimitReached();
    /** @brief Selected seats that were taken by someone else, found on a reload. */
    void selectionLost(const QList<int> &seatNumbers);

private:
    void reset();
    [[nodiscard]] int rowOf(int seatNumber) const;

    qint64 m_concertId = 0;
    QString m_date;
    QList<Seat> m_seats;
    QList<int> m_selected;
    bool m_refreshAgain = false;
    quint64 m_generation = 0;
};
