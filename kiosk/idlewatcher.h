#pragma once

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

/**
 * @brief Emits timedOut() after timeoutSeconds without customer input (touch, mouse button,
 * wheel or key anywhere in the application). It watches the whole application through an event
 * filter on QCoreApplication, so no screen has to report activity.
 */
class IdleWatcher : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /** @brief Seconds without input before timedOut(); 0 turns the watcher off. */
    Q_PROPERTY(
        int timeoutSeconds READ timeoutSeconds WRITE setTimeoutSeconds NOTIFY timeoutSecondsChanged)
    /** @brief While false the timer stands still; turning it on starts a full period. */
    Q_PROPERTY(bool enabled READ enabled WRITE setEnabled NOTIFY enabledChanged)
    /** @brief True while the countdown runs. */
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)

public:
    explicit IdleWatcher(QObject *parent = nullptr);
    ~IdleWatcher() override;

    [[nodiscard]] int timeoutSeconds() const { return m_timeoutSeconds; }
    void setTimeoutSeconds(int seconds);
    [[nodiscard]] bool enabled() const { return m_enabled; }
    void setEnabled(bool enabled);
    [[nodiscard]] bool running() const { return m_timer.isActive(); }

    /** @brief Counts as input: starts a full period again. */
    Q_INVOKABLE void poke();

    /** @brief True for the events that count as customer input. */
    [[nodiscard]] static bool isInput(const QEvent *event);

Q_SIGNALS:
    void timeoutSecondsChanged();
    void enabledChanged();
    void runningChanged();
    void timedOut();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void restart();

    int m_timeoutSeconds = 120;
    bool m_enabled = true;
    QTimer m_timer;
};
