// Qt Quick Test runner for the QML component tests in qml/tst_*.qml. The components come from
// the static modules Concert.Kiosk and Concert.Kiosk.Ui; `seatFixture` fills a SeatMapModel
// without a server.

#include "kioskengine.h"
#include "seatmapmodel.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(ConcertKioskPlugin)
Q_IMPORT_QML_PLUGIN(ConcertKioskUiPlugin)

/** Test data for QML: fills SeatMapModel the way a server answer would. */
class SeatFixture : public QObject
{
    Q_OBJECT

public:
    /**
     * @brief 50 seats at @p price KRW; seat numbers in @p held are HELD, in @p sold SOLD.
     */
    Q_INVOKABLE void fill(SeatMapModel *model, const QList<int> &held, const QList<int> &sold,
                          qint64 price = 50000) const
    {
        QList<Seat> seats;
        for (int number = 1; number <= kSeatsPerDate; ++number) {
            const SeatStatus status = held.contains(number) ? SeatStatus::Held
                : sold.contains(number)                     ? SeatStatus::Sold
                                                            : SeatStatus::Available;
            seats << Seat{number, status, price};
        }
        model->setSeats(seats);
    }
};

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        KioskEngine::prepare(engine);
        engine->rootContext()->setContextProperty(QStringLiteral("seatFixture"), &m_fixture);
    }

private:
    SeatFixture m_fixture;
};

QUICK_TEST_MAIN_WITH_SETUP(tst_kioskqml, Setup)
#include "tst_kioskqml.moc"
