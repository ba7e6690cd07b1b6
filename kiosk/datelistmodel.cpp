#include "datelistmodel.h"

#include "apiclient.h"
#include "jsonfields.h"
#include "kioskformat.h"

DateListModel::DateListModel(QObject *parent)
    : RefreshingListModel(15000, parent)
{ }

int DateListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_dates.size());
}

QVariant DateListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const ConcertDate &date = m_dates.at(index.row());
    switch (role) {
    case DateRole:
        return JsonFields::formatDate(date.date);
    case LabelRole:
    case Qt::DisplayRole:
        return KioskFormat::dateLabel(date.date);
    case AvailableSeatsRole:
        return date.availableSeats;
    case PriceRole:
        return date.price;
    case CurrentRole:
        return JsonFields::formatDate(date.date) == m_currentDate;
    default:
        return {};
    }
}

QHash<int, QByteArray> DateListModel::roleNames() const
{
    return {{DateRole, "date"},
            {LabelRole, "label"},
            {AvailableSeatsRole, "availableSeats"},
            {PriceRole, "price"},
            {CurrentRole, "current"}};
}

void DateListModel::setConcertId(qint64 concertId)
{
    if (m_concertId == concertId)
        return;
    m_concertId = concertId;
    Q_EMIT concertIdChanged();
    setDates({});
    m_loaded = false;
    Q_EMIT loadedChanged();
    refresh();
}

void DateListModel::setCurrentDate(const QString &date)
{
    if (m_currentDate == date)
        return;
    m_currentDate = date;
    Q_EMIT currentDateChanged();
    if (!m_dates.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_dates.size()) - 1), {CurrentRole});
}

qint64 DateListModel::currentPrice() const
{
    for (const ConcertDate &date : m_dates) {
        if (JsonFields::formatDate(date.date) == m_currentDate)
            return date.price;
    }
    return 0;
}

void DateListModel::setDates(const QList<ConcertDate> &dates)
{
    const bool countChanges = dates.size() != m_dates.size();
    beginResetModel();
    m_dates = dates;
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();

    bool keep = false;
    for (const ConcertDate &date : m_dates)
        keep = keep || JsonFields::formatDate(date.date) == m_currentDate;
    if (!keep && (!m_dates.isEmpty() || m_loaded))
        setCurrentDate(m_dates.isEmpty() ? QString()
                                         : JsonFields::formatDate(m_dates.first().date));
    else
        Q_EMIT currentDateChanged(); // the price may have changed
}

void DateListModel::refresh()
{
    if (!m_client || !m_complete || m_concertId <= 0)
        return;
    if (m_loading) {
        m_refreshAgain = true;
        return;
    }
    m_refreshAgain = false;
    setLoading(true);
    const qint64 concertId = m_concertId;
    m_client->getAs<ConcertDateList>(
        QStringLiteral("/api/v1/concerts/%1/dates").arg(concertId), this,
        [this, concertId](const ConcertDateList &list) {
            setLoading(false);
            if (concertId != m_concertId)
                return refresh();
            const bool first = !m_loaded;
            m_loaded = true;
            setDates(list.dates);
            if (first)
                Q_EMIT loadedChanged();
            if (m_refreshAgain)
                refresh();
        },
        [this](const ApiClient::Failure &) {
            setLoading(false);
            if (m_refreshAgain)
                refresh();
        });
}
