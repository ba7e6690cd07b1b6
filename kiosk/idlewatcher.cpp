#include "idlewatcher.h"

#include <QCoreApplication>
#include <QEvent>

IdleWatcher::IdleWatcher(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this]() {
        Q_EMIT runningChanged();
        Q_EMIT timedOut();
    });
    if (QCoreApplication *app = QCoreApplication::instance())
        app->installEventFilter(this);
    restart();
}

IdleWatcher::~IdleWatcher()
{
    if (QCoreApplication *app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

void IdleWatcher::setTimeoutSeconds(int seconds)
{
    seconds = qMax(0, seconds);
    if (m_timeoutSeconds == seconds)
        return;
    m_timeoutSeconds = seconds;
    Q_EMIT timeoutSecondsChanged();
    restart();
}

void IdleWatcher::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    Q_EMIT enabledChanged();
    restart();
}

void IdleWatcher::poke()
{
    restart();
}

bool IdleWatcher::isInput(const QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::Wheel:
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::InputMethod:
        return true;
    default:
        return false;
    }
}

bool IdleWatcher::eventFilter(QObject *watched, QEvent *event)
{
    if (isInput(event))
        restart();
    return QObject::eventFilter(watched, event);
}

void IdleWatcher::restart()
{
    const bool wasRunning = m_timer.isActive();
    if (m_enabled && m_timeoutSeconds > 0)
        m_timer.start(m_timeoutSeconds * 1000);
    else
        m_timer.stop();
    if (wasRunning != m_timer.isActive())
        Q_EMIT runningChanged();
}
