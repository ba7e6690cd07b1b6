#include "concertlistmodel.h"

#include "apiclient.h"

ConcertListModel::ConcertListModel(QObject *parent)
    : RefreshingListModel(60000, parent)
{ }

int ConcertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_concerts.size());
}

QVariant ConcertListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Concert &concert = m_concerts.at(index.row());
    switch (role) {
    case ConcertIdRole:
        return concert.id;
    case TitleRole:
    case Qt::DisplayRole:
        return concert.title;
    case VenueRole:
        return concert.venue;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConcertListModel::roleNames() const
{
    return {{ConcertIdRole, "concertId"}, {TitleRole, "title"}, {VenueRole, "venue"}};
}

std::optional<Concert> ConcertListModel::concert(qint64 concertId) const
{
    for (const Concert &concert : m_concerts) {
        if (concert.id == concertId)
            return concert;
    }
    return std::nullopt;
}

void ConcertListModel::setConcerts(const QList<Concert> &concerts)
{
    const bool countChanges = concerts.size() != m_concerts.size();
    beginResetModel();
    m_concerts = concerts;
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
    if (!m_loaded) {
        m_loaded = true;
        Q_EMIT loadedChanged();
    }
}

void ConcertListModel::refresh()
{
    if (!m_client || !m_complete || m_loading || m_client->baseUrl().isEmpty())
        return;
    setLoading(true);
    m_client->getAs<ConcertPage>(
        QStringLiteral("/api/v1/concerts?page=1&size=100"), this,
        [this](const ConcertPage &page) {
            setLoading(false);
            setConcerts(page.items);
        },
        [this](const ApiClient::Failure &) { setLoading(false); }, ApiClient::Auth::None);
}
