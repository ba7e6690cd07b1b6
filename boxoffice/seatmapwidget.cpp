#include "seatmapwidget.h"

#include "boxofficeclient.h"
#include "kioskengine.h"
#include "seat.h"
#include "seatmapmodel.h"

#include <QJsonArray>
#include <QLabel>
#include <QQmlContext>
#include <QQuickWidget>
#include <QVBoxLayout>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ConcertKioskPlugin)
Q_IMPORT_QML_PLUGIN(ConcertKioskUiPlugin)

SeatMapWidget::SeatMapWidget(BoxOfficeClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new SeatMapModel(this))
{
    // The software renderer works on every desktop and offscreen (screenshots, tests).
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    m_quick = new QQuickWidget(this);
    m_quick->setObjectName(QStringLiteral("seatMapQuick"));
    m_quick->setResizeMode(QQuickWidget::SizeRootObjectToView);
    m_quick->setClearColor(QColor(0x0d, 0x10, 0x23));
    KioskEngine::prepare(m_quick->engine()); // the kiosk's import path and Controls style
    m_quick->rootContext()->setContextProperty(QStringLiteral("boxSeatMap"), m_model);
    m_quick->setSource(QUrl(QStringLiteral("qrc:/boxoffice/BoxSeatMap.qml")));
    m_quick->setMinimumSize(360, 260);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("seatMapNotice"));
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_notice->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_quick, 1);
    layout->addWidget(m_notice);
}

SeatMapWidget::~SeatMapWidget()
{
    delete m_quick; // the QML view goes before the model it shows
}

void SeatMapWidget::clear()
{
    m_concertId = 0;
    m_date = {};
    m_model->setSeats({});
    m_notice->hide();
}

void SeatMapWidget::load(qint64 concertId, const QDate &date, qint64 price)
{
    if (concertId != m_concertId || date != m_date)
        m_model->clearSelection();
    m_concertId = concertId;
    m_date = date;
    m_price = price;
    reload();
}

void SeatMapWidget::reload()
{
    if (m_concertId <= 0 || !m_date.isValid())
        return;
    const qint64 concertId = m_concertId;
    const QDate date = m_date;
    m_client->get(
        QStringLiteral("/api/v1/admin/concerts/%1/dates/%2/seats")
            .arg(concertId)
            .arg(date.toString(Qt::ISODate)),
        this,
        [this, concertId, date](const QJsonObject &answer) {
            if (concertId != m_concertId || date != m_date)
                return;
            const std::optional<SeatMap> map = SeatMap::fromJson(answer);
            m_statusesKnown = map.has_value();
            m_model->setSeats(map ? map->seats : QList<Seat>());
            m_notice->setVisible(!map);
            m_notice->setText(tr("The server sent a seat map this program cannot read."));
            Q_EMIT loaded();
        },
        [this, concertId, date](const BoxOfficeClient::Failure &failure) {
            if (concertId != m_concertId || date != m_date)
                return;
            if (!failure.routeMissing()) {
                m_model->setSeats({});
                m_notice->setText(tr("No seats for this date (%1).").arg(failure.message));
                m_notice->show();
                Q_EMIT loaded();
                return;
            }
            QList<Seat> seats;
            for (int number = 1; number <= kSeatsPerDate; ++number)
                seats.append(Seat{number, SeatStatus::Available, m_price});
            m_statusesKnown = false;
            m_model->setSeats(seats);
            m_notice->setText(tr("This server has no staff seat map: held and sold seats are "
                                 "not shown. A taken seat is refused when you hold it."));
            m_notice->show();
            Q_EMIT loaded();
        });
}
