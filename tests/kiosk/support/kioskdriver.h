#pragma once

#include "kioskcontroller.h"

#include <QDir>
#include <QPointer>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSize>
#include <QUrl>

#include <memory>

class ApiClient;
class Checkout;
class QueueSession;
class Wallet;

/**
 * @brief Runs the real kiosk UI (Concert.Kiosk.Ui/Main.qml) in-process, offscreen, and drives
 * it like a customer: finds items by objectName, clicks their centres and types into them with
 * QTest on the QQuickWindow, waits for screens, and saves screenshots.
 *
 * Every wait polls the event loop until a condition holds or a time-out passes (no sleeps).
 * Failures are described in lastError() so a test can QVERIFY2 on them.
 */
class KioskDriver
{
public:
    /**
     * @param screenshotDir where screenshot() writes, created if needed; empty = no screenshots.
     */
    KioskDriver(const QUrl &serverUrl, const QSize &size, const QString &screenshotDir = {},
                int idleTimeoutSeconds = 120);
    ~KioskDriver();
    Q_DISABLE_COPY_MOVE(KioskDriver)

    /** @brief Sets a property of Main.qml before load(), e.g. "apiKey" or "pushEnabled". */
    void setInitialProperty(const QString &name, const QVariant &value)
    {
        m_extraProperties.insert(name, value);
    }
    /** @brief Creates the window; false (and lastError()) if QML fails to load. */
    bool load();

    [[nodiscard]] QQuickWindow *window() const { return m_window; }
    [[nodiscard]] KioskController *controller() const;
    [[nodiscard]] ApiClient *client() const;
    [[nodiscard]] QueueSession *queue() const;
    [[nodiscard]] Wallet *wallet() const;
    [[nodiscard]] Checkout *checkout() const;
    /** @brief A QML-declared object (e.g. "seatMapModel") under the current screen. */
    [[nodiscard]] QObject *object(const QString &objectName) const;

    /** @brief The first visible item named @p objectName, or nullptr. */
    [[nodiscard]] QQuickItem *item(const QString &objectName) const;
    /** @brief Waits until @p objectName is visible, enabled and laid out, then clicks it. */
    bool click(const QString &objectName, int timeoutMs = 10000);
    /** @brief Clicks @p objectName (to focus it), selects what it holds and types @p text. */
    bool type(const QString &objectName, const QString &text, int timeoutMs = 10000);
    /** @brief Waits until the controller shows @p screen. */
    bool waitForScreen(KioskController::Screen screen, int timeoutMs = 15000);
    /** @brief Waits until @p condition holds. */
    bool waitFor(const std::function<bool()> &condition, const QString &what,
                 int timeoutMs = 15000);
    /** @brief Saves the window as "<NN>-<name>.png" (NN counts up); returns the path. */
    QString screenshot(const QString &name);
    /**
     * @brief Resizes the window to @p size and waits until the layout follows (one frame
     * rendered at the new size).
     */
    bool resize(const QSize &size);
    /**
     * @brief What a customer would see as broken on the current screen, one line per problem:
     * - a visible Text without eliding that is wider than its item (implicitWidth > width) or
     *   whose wrapped content is wider or taller than the item (clipped text);
     * - two visible children of one layout or positioner whose rectangles overlap;
     * - a visible item outside the window (unless a clipping view scrolls it);
     * - an interactive item (button, text field, anything reachable by Tab) without an
     *   accessible name, or smaller than 48×48 px.
     * Empty when all is well.
     */
    [[nodiscard]] QStringList layoutProblems() const;
    /** @brief The objectName (or class) of the item that has active focus; "" if none. */
    [[nodiscard]] QString focusedItemName() const;
    /** @brief Sends one key press and release to the window. */
    void key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    /** @brief Types @p text into whatever has focus, like a keyboard or a barcode scanner. */
    void typeText(const QString &text);
    /** @brief The next screenshot gets number @p number. */
    void setNextScreenshotNumber(int number) { m_shotNumber = number - 1; }

    [[nodiscard]] QString lastError() const { return m_lastError; }

private:
    QQuickItem *findItem(QQuickItem *root, const QString &objectName) const;
    bool fail(const QString &message);

    QUrl m_serverUrl;
    QSize m_size;
    QString m_screenshotDir;
    int m_idleTimeoutSeconds;
    int m_shotNumber = 0;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QPointer<QQuickWindow> m_window;
    QString m_lastError;
    QVariantMap m_extraProperties;
};
