#pragma once

#include "apiclient.h"
#include "concert.h"
#include "refreshinglistmodel.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlParserStatus>
#include <QtQml/qqmlregistration.h>

/**
 * @brief The concerts on sale (`GET /api/v1/concerts`, public), first 100, in server order.
 *
 * Loads when the QML declaration is complete and again on refresh() or when the ApiClient
 * reconnects. Roles: concertId, title, venue.
 */
class ConcertListModel : public RefreshingListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    /** @brief True while a request is in flight. */
    /** @brief True once a list arrived (possibly empty). */

public:
    enum Role { ConcertIdRole = Qt::UserRole + 1, TitleRole, VenueRole };
    Q_ENUM(Role)

    explicit ConcertListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int count() const { return int(m_concerts.size()); }

    /** @brief The concert with @p concertId, or std::nullopt. */
    [[nodiscard]] std::optional<Concert> concert(qint64 concertId) const;
    /** @brief Replaces the list (what a successful load does). */
    void setConcerts(const QList<Concert> &concerts);

    Q_INVOKABLE void refresh() override;

Q_SIGNALS:
    void countChanged();

private:
    QList<Concert> m_concerts;
};
