#include "kioskdriver.h"

#include "apiclient.h"
#include "checkout.h"
#include "kioskengine.h"
#include "queuesession.h"
#include "wallet.h"

#include <QAccessible>
#include <QImage>
#include <QTest>
#include <QtQuickTest/quicktest.h>

KioskDriver::KioskDriver(const QUrl &serverUrl, const QSize &size, const QString &screenshotDir,
                         int idleTimeoutSeconds)
    : m_serverUrl(serverUrl)
    , m_size(size)
    , m_screenshotDir(screenshotDir)
    , m_idleTimeoutSeconds(idleTimeoutSeconds)
{ }

KioskDriver::~KioskDriver()
{
    if (ApiClient *api = client())
        api->abortAll();
    if (m_window)
        m_window->close();
    m_engine.reset();
    // The QML objects (and the network connections they hold) go with deferred deletes; close
    // them now, not at some later turn of the event loop.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

bool KioskDriver::load()
{
    m_engine = std::make_unique<QQmlApplicationEngine>();
    KioskEngine::prepare(m_engine.get());
    QStringList warnings;
    QObject::connect(m_engine.get(), &QQmlEngine::warnings, m_engine.get(),
                     [&warnings](const QList<QQmlError> &errors) {
                         for (const QQmlError &error : errors)
                             warnings << error.toString();
                     });
    QVariantMap properties = m_extraProperties;
    properties.insert(QStringLiteral("serverUrl"), m_serverUrl);
    properties.insert(QStringLiteral("fullscreen"), false);
    properties.insert(QStringLiteral("idleTimeoutSeconds"), m_idleTimeoutSeconds);
    m_engine->setInitialProperties(properties);
    m_engine->load(KioskEngine::mainUrl());
    if (m_engine->rootObjects().isEmpty())
        return fail(QStringLiteral("Main.qml did not load: ") + warnings.join(QLatin1Char('\n')));
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
    if (!m_window)
        return fail(QStringLiteral("the root object is not a window"));
    m_window->setProperty("minimumWidth", 0);
    m_window->setProperty("minimumHeight", 0);
    m_window->resize(m_size);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window))
        return fail(QStringLiteral("the window was never exposed"));
    return waitFor([this]() { return m_window->width() == m_size.width(); },
                   QStringLiteral("window size"), 5000);
}

KioskController *KioskDriver::controller() const
{
    return m_window ? m_window->property("controller").value<KioskController *>() : nullptr;
}

ApiClient *KioskDriver::client() const
{
    return m_window ? m_window->property("client").value<ApiClient *>() : nullptr;
}

QueueSession *KioskDriver::queue() const
{
    return m_window ? m_window->property("queue").value<QueueSession *>() : nullptr;
}

Wallet *KioskDriver::wallet() const
{
    return m_window ? m_window->property("wallet").value<Wallet *>() : nullptr;
}

Checkout *KioskDriver::checkout() const
{
    return m_window ? m_window->property("checkout").value<Checkout *>() : nullptr;
}

QObject *KioskDriver::object(const QString &objectName) const
{
    // Non-visual QML objects are QObject children of the item that declares them; the screens
    // themselves hang off the Loader only as visual children, so walk the visual tree.
    std::function<QObject *(QQuickItem *)> search = [&](QQuickItem *item) -> QObject * {
        if (!item)
            return nullptr;
        if (QObject *found = item->findChild<QObject *>(objectName, Qt::FindDirectChildrenOnly))
            return found;
        const QList<QQuickItem *> children = item->childItems();
        for (QQuickItem *child : children) {
            if (QObject *found = search(child))
                return found;
        }
        return nullptr;
    };
    return m_window ? search(m_window->contentItem()) : nullptr;
}

QQuickItem *KioskDriver::item(const QString &objectName) const
{
    return m_window ? findItem(m_window->contentItem(), objectName) : nullptr;
}

QQuickItem *KioskDriver::findItem(QQuickItem *root, const QString &objectName) const
{
    if (!root || !root->isVisible())
        return nullptr;
    if (root->objectName() == objectName)
        return root;
    const QList<QQuickItem *> children = root->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

bool KioskDriver::click(const QString &objectName, int timeoutMs)
{
    QPointer<QQuickItem> target;
    const bool ready = waitFor(
        [&]() {
            target = item(objectName);
            if (!target || !target->isEnabled() || target->width() <= 0 || target->height() <= 0)
                return false;
            if (target->property("enabled").isValid() && !target->property("enabled").toBool())
                return false;
            // Wait until the layout has put it inside the window (polish done).
            const QPointF centre =
                target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
            return QRectF(QPointF(0, 0), QSizeF(m_window->size())).contains(centre);
        },
        QStringLiteral("'%1' visible and enabled").arg(objectName), timeoutMs);
    if (!ready)
        return false;
    const QPoint centre =
        target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
    QTest::mouseClick(m_window, Qt::LeftButton, Qt::NoModifier, centre);
    return true;
}

bool KioskDriver::type(const QString &objectName, const QString &text, int timeoutMs)
{
    if (!click(objectName, timeoutMs))
        return false;
    QQuickItem *target = item(objectName);
    if (!waitFor([target]() { return target && target->hasActiveFocus(); },
                 QStringLiteral("focus on '%1'").arg(objectName), timeoutMs))
        return false;
    QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(m_window, Qt::Key_Backspace);
    for (const QChar character : text) // QTest::keyClicks() exists for widgets only
        QTest::keyClick(m_window, character.toLatin1());
    return waitFor(
        [target, text]() { return target && target->property("text").toString() == text; },
        QStringLiteral("'%1' to read '%2'").arg(objectName, text), timeoutMs);
}

bool KioskDriver::waitForScreen(KioskController::Screen screen, int timeoutMs)
{
    if (QTest::qWaitFor(
            [this, screen]() { return controller() && controller()->screen() == screen; },
            timeoutMs))
        return true;
    KioskController *kiosk = controller();
    return fail(QStringLiteral("timed out after %1 ms waiting for screen %2; on screen %3 with "
                               "notice '%4: %5'")
                    .arg(timeoutMs)
                    .arg(int(screen))
                    .arg(kiosk ? int(kiosk->screen()) : -1)
                    .arg(kiosk ? kiosk->noticeTitle() : QString(),
                         kiosk ? kiosk->noticeText() : QString()));
}

bool KioskDriver::waitFor(const std::function<bool()> &condition, const QString &what,
                          int timeoutMs)
{
    if (QTest::qWaitFor(condition, timeoutMs))
        return true;
    return fail(QStringLiteral("timed out after %1 ms waiting for %2").arg(timeoutMs).arg(what));
}

QString KioskDriver::screenshot(const QString &name)
{
    if (m_screenshotDir.isEmpty() || !m_window)
        return {};
    QDir().mkpath(m_screenshotDir);
    const QImage image = m_window->grabWindow();
    const QString path =
        QDir(m_screenshotDir)
            .filePath(
                QStringLiteral("%1-%2.png").arg(++m_shotNumber, 2, 10, QLatin1Char('0')).arg(name));
    if (image.isNull() || !image.save(path)) {
        fail(QStringLiteral("could not save %1").arg(path));
        return {};
    }
    return path;
}

bool KioskDriver::fail(const QString &message)
{
    m_lastError = message;
    return false;
}

bool KioskDriver::resize(const QSize &size)
{
    if (!m_window)
        return fail(QStringLiteral("no window"));
    m_window->resize(size);
    if (!waitFor([this, size]() { return m_window->size() == size; },
                 QStringLiteral("window size %1x%2").arg(size.width()).arg(size.height()), 5000))
        return false;
    m_size = size;
    // Layouts settle over a few polish passes (a new scale changes fonts, fonts change implicit
    // sizes); rendering a frame runs the pending ones.
    if (!waitFor([this, size]() { return m_window->contentItem()->size() == QSizeF(size); },
                 QStringLiteral("the content at %1x%2").arg(size.width()).arg(size.height()), 5000))
        return false;
    (void)m_window->grabWindow();
    for (int pass = 0; pass < 5 && QQuickTest::qIsPolishScheduled(m_window.data()); ++pass) {
        (void)m_window->grabWindow();
        QCoreApplication::processEvents();
    }
    return waitFor([this]() { return !QQuickTest::qIsPolishScheduled(m_window.data()); },
                   QStringLiteral("layouts to settle"), 5000);
}

namespace {

QString describe(const QQuickItem *item)
{
    QString name = item->objectName();
    if (name.isEmpty())
        name = QString::fromLatin1(item->metaObject()->className());
    const QString text = item->property("text").toString();
    if (!text.isEmpty())
        name += QStringLiteral(" '%1'").arg(text.left(40));
    return name;
}

bool isInteractive(const QQuickItem *item)
{
    return item->activeFocusOnTab() || item->inherits("QQuickAbstractButton")
        || item->inherits("QQuickTextInput");
}

bool isLayoutContainer(const QQuickItem *item)
{
    const char *name = item->metaObject()->className();
    for (const char *kind : {"QQuickRowLayout", "QQuickColumnLayout", "QQuickGridLayout",
                             "QQuickRow", "QQuickColumn", "QQuickGrid", "QQuickFlow"}) {
        if (qstrcmp(name, kind) == 0)
            return true;
    }
    return false;
}

bool shown(const QQuickItem *item)
{
    return item->isVisible() && item->opacity() > 0.01 && item->width() > 0 && item->height() > 0;
}

} // namespace

QStringList KioskDriver::layoutProblems() const
{
    QStringList problems;
    if (!m_window)
        return {QStringLiteral("no window")};
    const QRectF window(QPointF(0, 0), QSizeF(m_window->size()));
    std::function<void(QQuickItem *, QRectF)> walk = [&](QQuickItem *item, QRectF clip) {
        if (!item->isVisible() || item->opacity() <= 0.01)
            return;
        const QRectF rect = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
        const bool scrolledAway = !clip.intersects(rect) && clip != window;
        if (scrolledAway)
            return;
        if (item->inherits("QQuickText") && !item->property("text").toString().isEmpty()) {
            const int elide = item->property("elide").toInt(); // Text.ElideNone is 3
            const int wrap = item->property("wrapMode").toInt(); // Text.NoWrap is 0
            const double width = item->width();
            if (elide == Qt::ElideNone && wrap == 0 && item->implicitWidth() > width + 1.0)
                problems << QStringLiteral("clipped text %1: needs %2 px, has %3")
                                .arg(describe(item))
                                .arg(item->implicitWidth())
                                .arg(width);
            if (elide == Qt::ElideNone && wrap != 0
                && (item->property("contentWidth").toDouble() > width + 1.0
                    || item->property("contentHeight").toDouble() > item->height() + 1.0))
                problems << QStringLiteral("clipped wrapped text %1: %2x%3 in %4x%5")
                                .arg(describe(item))
                                .arg(item->property("contentWidth").toDouble())
                                .arg(item->property("contentHeight").toDouble())
                                .arg(width)
                                .arg(item->height());
        }
        if (clip == window && shown(item) && !window.adjusted(-1, -1, 1, 1).contains(rect))
            problems << QStringLiteral("outside the window: %1 at %2,%3 %4x%5")
                            .arg(describe(item))
                            .arg(rect.x())
                            .arg(rect.y())
                            .arg(rect.width())
                            .arg(rect.height());
        if (isInteractive(item) && shown(item)) {
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(item);
            const QString name = accessible ? accessible->text(QAccessible::Name) : QString();
            if (name.trimmed().isEmpty())
                problems << QStringLiteral("no accessible name: %1").arg(describe(item));
            if (item->width() < 48 || item->height() < 48)
                problems << QStringLiteral("touch target under 48 px: %1 %2x%3")
                                .arg(describe(item))
                                .arg(item->width())
                                .arg(item->height());
        }
        if (isLayoutContainer(item)) {
            QList<QPair<QQuickItem *, QRectF>> children;
            const QList<QQuickItem *> childItems = item->childItems();
            for (QQuickItem *child : childItems) {
                if (shown(child))
                    children.append(
                        {child,
                         child->mapRectToScene(QRectF(0, 0, child->width(), child->height()))});
            }
            for (int i = 0; i < children.size(); ++i) {
                for (int j = i + 1; j < children.size(); ++j) {
                    const QRectF overlap = children[i].second.intersected(children[j].second);
                    if (overlap.width() > 1.0 && overlap.height() > 1.0)
                        problems << QStringLiteral("overlapping: %1 and %2 (%3x%4 px)")
                                        .arg(describe(children[i].first),
                                             describe(children[j].first))
                                        .arg(overlap.width())
                                        .arg(overlap.height());
                }
            }
        }
        const QRectF childClip = item->clip() ? clip.intersected(rect) : clip;
        const QList<QQuickItem *> childItems = item->childItems();
        for (QQuickItem *child : childItems)
            walk(child, childClip);
    };
    walk(m_window->contentItem(), window);
    return problems;
}

QString KioskDriver::focusedItemName() const
{
    QQuickItem *focused = m_window ? m_window->activeFocusItem() : nullptr;
    if (!focused)
        return {};
    // The focus may sit on an inner item of a control (e.g. a delegate's content).
    for (QQuickItem *item = focused; item; item = item->parentItem()) {
        if (!item->objectName().isEmpty())
            return item->objectName();
    }
    return QString::fromLatin1(focused->metaObject()->className());
}

void KioskDriver::key(Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    QTest::keyClick(m_window, key, modifiers);
}

void KioskDriver::typeText(const QString &text)
{
    for (const QChar character : text)
        QTest::keyClick(m_window, character.toLatin1());
}
