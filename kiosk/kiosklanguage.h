#pragma once

#include <QObject>
#include <QString>
#include <QTranslator>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

/**
 * @brief The kiosk's language (Korean or English) and its larger-text mode, as the QML
 * singleton `Language` (issue 12).
 *
 * Setting code() loads the Qt Linguist translation ":/i18n/concert-kiosk_<code>.qm" (built by
 * qt_add_translations from kiosk/i18n/*.ts), installs it on the application, makes the matching
 * QLocale the default (dates, weekdays and numbers in KioskFormat) and calls
 * QQmlEngine::retranslate(): every qsTr() binding is re-evaluated at once, nothing else changes,
 * so the customer keeps their place, selection and hold.
 */
class KioskLanguage : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Language)
    QML_SINGLETON
    /** @brief "ko" or "en". */
    Q_PROPERTY(QString code READ code WRITE setCode NOTIFY codeChanged)
    /** @brief The other language's own name, for the switch button: "English" or "한국어". */
    Q_PROPERTY(QString otherName READ otherName NOTIFY codeChanged)
    /** @brief The customer asked for larger text (Theme scales fonts by 1.25). */
    Q_PROPERTY(bool largeText READ largeText WRITE setLargeText NOTIFY largeTextChanged)

public:
    explicit KioskLanguage(QObject *parent = nullptr);
    ~KioskLanguage() override;

    /**
     * @brief Makes @p engine retranslate its qsTr() bindings whenever the language changes
     * (KioskEngine::prepare() does this for every kiosk engine). The engine is not owned.
     */
    static void registerEngine(QQmlEngine *engine);

    /** @brief True for "ko" and "en". */
    [[nodiscard]] static bool isSupported(const QString &code);
    /** @brief "ko" when the system locale is Korean, else "en". */
    [[nodiscard]] static QString systemDefault();
    /**
     * @brief The language every new singleton starts in (main() sets it from --language;
     * default systemDefault()). Also loads it at once for C++ texts.
     */
    static void setStartupCode(const QString &code);
    [[nodiscard]] static QString startupCode();

    [[nodiscard]] QString code() const { return m_code; }
    /** @brief Switches to @p code ("ko" or "en"; anything else is ignored). */
    void setCode(const QString &code);
    [[nodiscard]] QString otherName() const;
    [[nodiscard]] bool largeText() const { return m_largeText; }
    void setLargeText(bool largeText);

    /** @brief Korean ↔ English. */
    Q_INVOKABLE void toggle();

Q_SIGNALS:
    void codeChanged();
    void largeTextChanged();

private:
    static void apply(const QString &code);

    QString m_code;
    bool m_largeText = false;
};
