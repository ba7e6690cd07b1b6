#pragma once

#include <QAbstractListModel>
#include <QPointer>
#include <QQmlParserStatus>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

class ApiClient;

/**
 * @brief What every kiosk list model that mirrors a server resource shares: the ApiClient it
 * loads through (reloading when the client reconnects), loading/loaded state, and, while
 * active(), a reload every refreshIntervalMs().
 *
 * Loads once the QML declaration is complete (QQmlParserStatus) and on refresh(), which
 * subclasses implement. Not creatable from QML by itself.
 */
class RefreshingListModel : public QAbstractListModel, public QQmlParserStatus
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_MOC_INCLUDE("apiclient.h")
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(ApiClient *client READ client WRITE setClient NOTIFY clientChanged)
    /** @brief True while a request is in flight. */
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /** @brief True once a list arrived (possibly empty). */
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)
    /** @brief Reload periodically while true. */
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    /** @brief Pause between reloads while active, in ms (>= 500). */
    Q_PROPERTY(int refreshIntervalMs READ refreshIntervalMs WRITE setRefreshIntervalMs NOTIFY
                   refreshIntervalMsChanged)

public:
    void classBegin() override { m_complete = false; }
    void componentComplete() override;

    [[nodiscard]] ApiClient *client() const { return m_client; }
    void setClient(ApiClient *client);
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] bool loaded() const { return m_loaded; }
    [[nodiscard]] bool active() const { return m_active; }
    void setActive(bool active);
    [[nodiscard]] int refreshIntervalMs() const { return m_refreshTimer.interval(); }
    /** @brief @p intervalMs below 500 is raised to 500. */
    void setRefreshIntervalMs(int intervalMs);

    /** @brief Loads the resource again (no-op without a client or before completion). */
    Q_INVOKABLE virtual void refresh() = 0;

Q_SIGNALS:
    void clientChanged();
    void loadingChanged();
    void loadedChanged();
    void activeChanged();
    void refreshIntervalMsChanged();

protected:
    /** @param refreshIntervalMs: the default pause between reloads while active, in ms. */
    explicit RefreshingListModel(int refreshIntervalMs, QObject *parent = nullptr);

    void setLoading(bool loading);

    QPointer<ApiClient> m_client;
    bool m_complete = true; // false between classBegin() and componentComplete() in QML
    bool m_loading = false;
    bool m_loaded = false;

private:
    void updateTimer();

    bool m_active = false;
    QTimer m_refreshTimer;
};
