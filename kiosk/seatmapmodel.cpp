#include "seatmapmodel.h"

#include "apiclient.h"
#include "reservation.h"

#include <algorithm>

SeatMapModel::SeatMapModel(QObject *parent)
    : RefreshingListModel(5000, parent)
{ }

int SeatMapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_seats.size());
}

QVariant SeatMapModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Seat &seat = m_seats.at(index.row());
    const bool selected = m_selected.contains(seat.seatNumber);
    switch (role) {
    case SeatNumberRole:
    case Qt::DisplayRole:
        return seat.seatNumber;
    case StatusRole:
        return int(seat.status); // SeatStatus and Status share their order
    case StatusNameRole:
        return seatStatusName(seat.status);
    case PriceRole:
        return seat.price;
    case SelectedRole:
        return selected;
    case SelectableRole:
        return seat.status == SeatStatus::Available
            && (selected || m_selected.size() < maxSelection());
    default:
        return {};
    }
}

QHash<int, QByteArray> SeatMapModel::roleNames() const
{
    return {{SeatNumberRole, "seatNumber"}, {StatusRole, "status"},
            {StatusNameRole, "statusName"}, {PriceRole, "price"},
            {SelectedRole, "selected"},     {SelectableRole, "selectable"}};
}

void SeatMapModel::setConcertId(qint64 concertId)
{
    if (m_concertId == concertId)
        return;
    m_concertId = concertId;
    Q_EMIT concertIdChanged();
    reset();
}

void SeatMapModel::setDate(const QString &date)
{
    if (m_date == date)
        return;
    m_date = date;
    Q_EMIT dateChanged();
    reset();
}

int SeatMapModel::availableCount() const
{
    return int(std::count_if(m_seats.cbegin(), m_seats.cend(), [](const Seat &seat) {
        return seat.status == SeatStatus::Available;
    }));
}

int SeatMapModel::maxSelection() const
{
    return kMaxSeatsPerReservation;
}

qint64 SeatMapModel::selectedTotal() const
{
    qint64 total = 0;
    for (int seatNumber : m_selected) {
        const int row = rowOf(seatNumber);
        if (row >= 0)
            total += m_seats.at(row).price;
    }
    return total;
}

void SeatMapModel::setSeats(const QList<Seat> &seats)
{
    const bool countChanges = seats.size() != m_seats.size();
    if (countChanges) {
        beginResetModel();
        m_seats = seats;
    } else {
        m_seats = seats;
    }

    QList<int> lost;
    for (int seatNumber : std::as_const(m_selected)) {
        const int row = rowOf(seatNumber);
        if (row < 0 || m_seats.at(row).status != SeatStatus::Available)
            lost << seatNumber;
    }
    for (int seatNumber : std::as_const(lost))
        m_selected.removeAll(seatNumber);

    if (countChanges) {
        endResetModel();
        Q_EMIT countChanged();
    } else if (!m_seats.isEmpty()) {
        Q_EMIT dataChanged(index(0), index(int(m_seats.size()) - 1));
    }
    Q_EMIT seatsChanged();
    if (!lost.isEmpty()) {
        Q_EMIT selectionChanged();
        Q_EMIT selectionLost(lost);
    }
    if (!m_loaded) {
        m_loaded = true;
        Q_EMIT loadedChanged();
    }
}

bool SeatMapModel::toggle(int seatNumber)
{
    const int row = rowOf(seatNumber);
    if (row < 0)
        return false;
    const bool limitWasReached = m_selected.size() >= maxSelection();
    if (m_selected.contains(seatNumber)) {
        m_selected.removeAll(seatNumber);
    } else {
        if (m_seats.at(row).status != SeatStatus::Available)
            return false;
        if (limitWasReached) {
            Q_EMIT selectionLimitReached();
            return false;
        }
        m_selected.insert(std::lower_bound(m_selected.begin(), m_selected.end(), seatNumber),
                          seatNumber);
    }
    const bool limitIsReached = m_selected.size() >= maxSelection();
    if (limitWasReached != limitIsReached)
        Q_EMIT dataChanged(index(0), index(int(m_seats.size()) - 1), {SelectableRole});
    Q_EMIT dataChanged(index(row), index(row), {SelectedRole, SelectableRole});
    Q_EMIT selectionChanged();
    return true;
}

void SeatMapModel::clearSelection()
{
    if (m_selected.isEmpty())
        return;
    m_selected.clear();
    if (!m_seats.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_seats.size()) - 1),
                           {SelectedRole, SelectableRole});
    Q_EMIT selectionChanged();
}

void SeatMapModel::refresh()
{
    if (!m_client || !m_complete || m_concertId <= 0 || m_date.isEmpty())
        return;
    if (m_loading) {
        m_refreshAgain = true; // the answer in flight may predate what the caller knows
        return;
    }
    m_refreshAgain = false;
    setLoading(true);
    const quint64 generation = m_generation;
    m_client->getAs<SeatMap>(
        QStringLiteral("/api/v1/concerts/%1/dates/%2/seats").arg(m_concertId).arg(m_date), this,
        [this, generation](const SeatMap &map) {
            setLoading(false);
            if (generation != m_generation)
                return refresh(); // the concert or the date changed meanwhile
            setSeats(map.seats);
            if (m_refreshAgain)
                refresh();
        },
        [this](const ApiClient::Failure &) {
            setLoading(false);
            if (m_refreshAgain)
                refresh();
        });
}

void SeatMapModel::reset()
{
    ++m_generation;
    const bool hadSelection = !m_selected.isEmpty();
    m_selected.clear();
    if (!m_seats.isEmpty()) {
        beginResetModel();
        m_seats.clear();
        endResetModel();
        Q_EMIT countChanged();
        Q_EMIT seatsChanged();
    }
    if (hadSelection)
        Q_EMIT selectionChanged();
    if (m_loaded) {
        m_loaded = false;
        Q_EMIT loadedChanged();
    }
    refresh();
}

int SeatMapModel::rowOf(int seatNumber) const
{
    for (int row = 0; row < m_seats.size(); ++row) {
        if (m_seats.at(row).seatNumber == seatNumber)
            return row;
    }
    return -1;
}
