#include "kiosklanguage.h"

#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QQmlEngine>

Q_LOGGING_CATEGORY(lcLanguage, "concert.kiosk.language", QtInfoMsg)

namespace {

QString &startup()
{
    static QString code;
    return code;
}

QString &applied()
{
    static QString code;
    return code;
}

QList<QPointer<QQmlEngine>> &engines()
{
    static QList<QPointer<QQmlEngine>> list;
    return list;
}

// One translator for the process: the kiosk shows one language at a time.
QTranslator &translator()
{
    static QTranslator instance;
    return instance;
}

} // namespace

KioskLanguage::KioskLanguage(QObject *parent)
    : QObject(parent)
    , m_code(startupCode())
{
    apply(m_code);
}

KioskLanguage::~KioskLanguage() = default;

void KioskLanguage::registerEngine(QQmlEngine *engine)
{
    engines().removeAll(nullptr);
    if (engine && !engines().contains(engine))
        engines().append(engine);
}

bool KioskLanguage::isSupported(const QString &code)
{
    return code == QLatin1String("ko") || code == QLatin1String("en");
}

QString KioskLanguage::systemDefault()
{
    return QLocale::system().language() == QLocale::Korean ? QStringLiteral("ko")
                                                           : QStringLiteral("en");
}

void KioskLanguage::setStartupCode(const QString &code)
{
    if (!isSupported(code))
        return;
    startup() = code;
    apply(code);
}

QString KioskLanguage::startupCode()
{
    return startup().isEmpty() ? systemDefault() : startup();
}

void KioskLanguage::setCode(const QString &code)
{
    if (!isSupported(code) || m_code == code)
        return;
    qCInfo(lcLanguage) << "language" << m_code << "->" << code;
    m_code = code;
    apply(code);
    engines().removeAll(nullptr);
    for (const QPointer<QQmlEngine> &engine : std::as_const(engines()))
        engine->retranslate();
    Q_EMIT codeChanged();
}

QString KioskLanguage::otherName() const
{
    // Each language's name in itself: a customer who cannot read the current one still finds it.
    return m_code == QLatin1String("ko") ? QStringLiteral("English") : QStringLiteral("한국어");
}

void KioskLanguage::setLargeText(bool largeText)
{
    if (m_largeText == largeText)
        return;
    m_largeText = largeText;
    Q_EMIT largeTextChanged();
}

void KioskLanguage::toggle()
{
    setCode(m_code == QLatin1String("ko") ? QStringLiteral("en") : QStringLiteral("ko"));
}

void KioskLanguage::apply(const QString &code)
{
    if (applied() == code)
        return;
    applied() = code;
    QCoreApplication::removeTranslator(&translator());
    if (!translator().load(QStringLiteral(":/i18n/concert-kiosk_%1.qm").arg(code)))
        qCWarning(lcLanguage) << "no translation for" << code;
    else
        QCoreApplication::installTranslator(&translator());
    QLocale::setDefault(code == QLatin1String("ko")
                            ? QLocale(QLocale::Korean, QLocale::SouthKorea)
                            : QLocale(QLocale::English, QLocale::UnitedStates));
}
