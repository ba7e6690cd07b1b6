#pragma once

#include "apiclient.h"
#include "concert.h"

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
class ConcertListModel : public QAbstractListModel, public QQmlParserStatus
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("apiclient.h")
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(ApiClient *client READ client WRITE setClient NOTIFY clientChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    /** @brief True while a request is in flight. */
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /** @brief True once a list arrived (possibly empty). */
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)

public:
    enum Role { ConcertIdRole = Qt::UserRole + 1, TitleRole, VenueRole };
    Q_ENUM(Role)

    explicit ConcertListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    void classBegin() override { m_complete = false; }
    void componentComplete() override;

    [[nodiscard]] ApiClient *client() const { return m_client; }
    void setClient(ApiClient *client);
    [[nodiscard]] int count() const { return int(m_concerts.size()); }
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] bool loaded() const { return m_loaded; }

    /** @brief The concert with @p concertId, or std::nullopt. */
    [[nodiscard]] std::optional<Concert> concert(qint64 concertId) const;
    /** @brief Replaces the list (what a successful load does). */
    void setConcerts(const QList<Concert> &concerts);

    Q_INVOKABLE void refresh();

Q_SIGNALS:
    void clientChanged();
    void countChanged();
    void loadingChanged();
    void loadedChanged();

private:
    void setLoading(bool loading);

    QPointer<ApiClient> m_client;
    QList<Concert> m_concerts;
    bool m_complete = true; // false between classBegin() and componentComplete() in QML
    bool m_loading = false;
    bool m_loaded = false;
};
