// The kiosk's colours meet WCAG 2.1 AA: every foreground/background pair Theme.qml lists in
// contrastPairs has at least its minimum contrast ratio (4.5:1 for text, 3:1 for non-text), and
// every colour Theme defines is in some pair or declared decorative, so a new colour cannot skip
// the check. Also: touch targets stay at least 48 px at the smallest scale.

#include "kioskengine.h"

#include <QColor>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

#include <cmath>
#include <memory>

Q_IMPORT_QML_PLUGIN(ConcertKioskPlugin)
Q_IMPORT_QML_PLUGIN(ConcertKioskUiPlugin)

namespace {

/** WCAG 2.1 relative luminance of an sRGB colour. */
double luminance(const QColor &colour)
{
    auto channel = [](double value) {
        return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace

class TestKioskTheme : public QObject
{
    Q_OBJECT

private:
    QObject *theme()
    {
        if (!m_holder) {
            m_engine = std::make_unique<QQmlEngine>();
            KioskEngine::prepare(m_engine.get());
            QQmlComponent component(m_engine.get());
            component.setData("import QtQuick\nimport Concert.Kiosk.Ui\n"
                              "QtObject { property QtObject theme: Theme }",
                              QUrl());
            m_holder.reset(component.create());
            if (!m_holder)
                qWarning() << component.errorString();
        }
        return m_holder ? m_holder->property("theme").value<QObject *>() : nullptr;
    }

    std::unique_ptr<QQmlEngine> m_engine;
    std::unique_ptr<QObject> m_holder;

private Q_SLOTS:
    void ratiosAreComputedAsWcagDoes()
    {
        QCOMPARE(qRound(contrast(Qt::black, Qt::white) * 100), 2100);
        QCOMPARE(qRound(contrast(QColor("#767676"), Qt::white) * 100), 454); // the AA grey
    }

    void everyPairMeetsItsMinimum()
    {
        QObject *colours = theme();
        QVERIFY(colours);
        const QVariantList pairs = colours->property("contrastPairs").toList();
        QVERIFY(pairs.size() >= 30);
        QStringList failures;
        for (const QVariant &entry : pairs) {
            const QVariantMap pair = entry.toMap();
            const QString fg = pair.value(QStringLiteral("fg")).toString();
            const QString bg = pair.value(QStringLiteral("bg")).toString();
            const double minimum = pair.value(QStringLiteral("min")).toDouble();
            const QColor fgColour = colours->property(qPrintable(fg)).value<QColor>();
            const QColor bgColour = colours->property(qPrintable(bg)).value<QColor>();
            QVERIFY2(fgColour.isValid() && bgColour.isValid(), qPrintable(fg + " on " + bg));
            QVERIFY2(minimum >= 3.0, qPrintable(fg + " on " + bg + ": minimum below 3"));
            const double ratio = contrast(fgColour, bgColour);
            qInfo("%-20s on %-16s %5.2f (needs %.1f)", qPrintable(fg), qPrintable(bg), ratio,
                  minimum);
            if (ratio < minimum)
                failures << QStringLiteral("%1 on %2: %3 < %4").arg(fg, bg).arg(ratio).arg(minimum);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("; "))));
    }

    void everyColourIsChecked()
    {
        QObject *colours = theme();
        QVERIFY(colours);
        QSet<QString> covered;
        for (const QVariant &entry : colours->property("contrastPairs").toList()) {
            covered << entry.toMap().value(QStringLiteral("fg")).toString();
            covered << entry.toMap().value(QStringLiteral("bg")).toString();
        }
        for (const QVariant &name : colours->property("decorativeColors").toList())
            covered << name.toString();
        const QMetaObject *meta = colours->metaObject();
        int colourCount = 0;
        for (int i = meta->propertyOffset(); i < meta->propertyCount(); ++i) {
            const QMetaProperty property = meta->property(i);
            if (property.metaType() != QMetaType::fromType<QColor>())
                continue;
            ++colourCount;
            QVERIFY2(covered.contains(QString::fromLatin1(property.name())), property.name());
        }
        QVERIFY(colourCount >= 20);
    }

    void touchTargetsStayAtLeast48Px()
    {
        QObject *colours = theme();
        QVERIFY(colours);
        colours->setProperty("scale", 0.8);
        QVERIFY(colours->property("touchTarget").toInt() >= 48);
        colours->setProperty("scale", 1.0);
    }
};

QTEST_MAIN(TestKioskTheme)
#include "tst_kiosktheme.moc"
