// IdleWatcher: times out without input, starts over on input, stands still while disabled.

#include "idlewatcher.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QWindow>
#include <QtTest>

class TestIdleWatcher : public QObject
{
    Q_OBJECT

public:
    static void initMain()
    {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }

private Q_SLOTS:
    void timesOutWithoutInput()
    {
        IdleWatcher watcher;
        QSignalSpy timedOut(&watcher, &IdleWatcher::timedOut);
        QElapsedTimer clock;
        clock.start();
        watcher.setTimeoutSeconds(1);
        QVERIFY(watcher.running());
        QVERIFY(timedOut.wait(3000));
        QVERIFY(clock.elapsed() >= 900);
        QVERIFY(!watcher.running());
    }

    void inputStartsTheCountAgain()
    {
        QWindow window;
        IdleWatcher watcher;
        QSignalSpy timedOut(&watcher, &IdleWatcher::timedOut);
        watcher.setTimeoutSeconds(1);
        QElapsedTimer clock;
        clock.start();
        // Keep typing for 1.5 s: no time-out while the customer is active.
        while (clock.elapsed() < 1500) {
            QKeyEvent press(QEvent::KeyPress, Qt::Key_A, Qt::NoModifier, QStringLiteral("a"));
            QCoreApplication::sendEvent(&window, &press);
            QTest::qWait(200); // the customer's pace between key presses
        }
        QCOMPARE(timedOut.size(), 0);
        QVERIFY(timedOut.wait(3000));
    }

    void disabledOrZeroNeverTimesOut_data()
    {
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<int>("seconds");
        QTest::addRow("disabled") << false << 1;
        QTest::addRow("zero seconds") << true << 0;
    }
    void disabledOrZeroNeverTimesOut()
    {
        QFETCH(bool, enabled);
        QFETCH(int, seconds);
        IdleWatcher watcher;
        watcher.setEnabled(enabled);
        watcher.setTimeoutSeconds(seconds);
        QVERIFY(!watcher.running());
        watcher.poke();
        QVERIFY(!watcher.running());
    }

    void inputEventsAreRecognised_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<bool>("input");
        QTest::addRow("touch") << int(QEvent::TouchBegin) << true;
        QTest::addRow("mouse press") << int(QEvent::MouseButtonPress) << true;
        QTest::addRow("key press") << int(QEvent::KeyPress) << true;
        QTest::addRow("wheel") << int(QEvent::Wheel) << true;
        QTest::addRow("paint is not input") << int(QEvent::Paint) << false;
        QTest::addRow("a timer is not input") << int(QEvent::Timer) << false;
    }
    void inputEventsAreRecognised()
    {
        QFETCH(int, type);
        QFETCH(bool, input);
        const QEvent event{QEvent::Type(type)};
        QCOMPARE(IdleWatcher::isInput(&event), input);
    }
};

QTEST_MAIN(TestIdleWatcher)
#include "tst_idlewatcher.moc"
