#include "refreshinglistmodel.h"

#include "apiclient.h"

RefreshingListModel::RefreshingListModel(int refreshIntervalMs, QObject *parent)
    : QAbstractListModel(parent)
{
    m_refreshTimer.setInterval(qMax(500, refreshIntervalMs));
    connect(&m_refreshTimer, &QTimer::timeout, this, [this]() { refresh(); });
}

void RefreshingListModel::componentComplete()
{
    m_complete = true;
    refresh();
    updateTimer();
}

void RefreshingListModel::setClient(ApiClient *client)
{
    if (m_client == client)
        return;
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (m_client)
        connect(m_client, &ApiClient::reconnected, this, [this]() { refresh(); });
    Q_EMIT clientChanged();
    refresh();
}

void RefreshingListModel::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged();
    updateTimer();
}

void RefreshingListModel::setRefreshIntervalMs(int intervalMs)
{
    intervalMs = qMax(500, intervalMs);
    if (m_refreshTimer.interval() == intervalMs)
        return;
    m_refreshTimer.setInterval(intervalMs);
    Q_EMIT refreshIntervalMsChanged();
}

void RefreshingListModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void RefreshingListModel::updateTimer()
{
    if (m_active && m_complete)
        m_refreshTimer.start();
    else
        m_refreshTimer.stop();
}
