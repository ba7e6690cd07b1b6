#include "kioskengine.h"

#include "kiosklanguage.h"

#include <QQmlEngine>
#include <QQuickStyle>

namespace KioskEngine {

void prepare(QQmlEngine *engine)
{
    static const bool styleSet = [] {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        return true;
    }();
    Q_UNUSED(styleSet)
    // Qt 6.4 does not search qrc:/qt/qml by default; the modules' RESOURCE_PREFIX puts them there.
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    // The language switch retranslates every qsTr() binding of this engine.
    KioskLanguage::registerEngine(engine);
}

QUrl mainUrl()
{
    return QUrl(QStringLiteral("qrc:/qt/qml/Concert/Kiosk/Ui/Main.qml"));
}

} // namespace KioskEngine
