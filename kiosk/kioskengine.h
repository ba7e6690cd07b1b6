#pragma once

#include <QUrl>

class QQmlEngine;

/**
 * @brief What every host of the kiosk UI (the executable, the QML tests, the end-to-end test)
 * does before loading it.
 */
namespace KioskEngine {

/**
 * @brief Selects the Basic Quick Controls style (the kiosk draws its own look) and adds the
 * resource import path where the static Concert.Kiosk and Concert.Kiosk.Ui modules live.
 * Call before loading any QML; the style is process-wide.
 */
void prepare(QQmlEngine *engine);

/** @brief The kiosk window: Main.qml of Concert.Kiosk.Ui. Its required properties are
 * serverUrl (url), fullscreen (bool) and idleTimeoutSeconds (int); optional ones apiKey (string,
 * default empty) and pushEnabled (bool, default true). */
[[nodiscard]] QUrl mainUrl();

} // namespace KioskEngine
