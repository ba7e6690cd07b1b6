#include "queuepage.h"

#include "queueroomtablemodel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

QueuePage::QueuePage(BoxOfficeClient *client, QWidget *parent)
    : AreaPage(client, parent)
    , m_rooms(new QueueRoomTableModel(this))
{
    setObjectName(QStringLiteral("queuePage"));
    m_view = makeTable(QStringLiteral("queueRooms"), this);
    m_view->setModel(m_rooms);

    m_controls = new QGroupBox(tr("Steer the selected room"), this);
    m_roomLabel = new QLabel(tr("Select a concert's room above."), m_controls);
    m_roomLabel->setObjectName(QStringLiteral("queueRoomLabel"));
    m_pauseButton = new QPushButton(tr("&Pause admissions"), m_controls);
    m_pauseButton->setObjectName(QStringLiteral("queuePauseButton"));
    m_resumeButton = new QPushButton(tr("Res&ume admissions"), m_controls);
    m_resumeButton->setObjectName(QStringLiteral("queueResumeButton"));
    m_capacity = new QSpinBox(m_controls);
    m_capacity->setObjectName(QStringLiteral("queueCapacity"));
    m_capacity->setRange(1, 1'000'000);
    m_admitPerMinute = new QSpinBox(m_controls);
    m_admitPerMinute->setObjectName(QStringLiteral("queueAdmitPerMinute"));
    m_admitPerMinute->setRange(0, 1'000'000);
    m_admitPerMinute->setSpecialValueText(tr("no limit"));
    m_applyButton = new QPushButton(tr("&Apply capacity and rate"), m_controls);
    m_applyButton->setObjectName(QStringLiteral("queueApplyButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_pauseButton);
    buttons->addWidget(m_resumeButton);
    buttons->addStretch(1);
    auto *controlsLayout = new QFormLayout(m_controls);
    controlsLayout->addRow(m_roomLabel);
    controlsLayout->addRow(buttons);
    controlsLayout->addRow(tr("Capacity (ACTIVE at once)"), m_capacity);
    controlsLayout->addRow(tr("Admissions per minute"), m_admitPerMinute);
    controlsLayout->addRow(m_applyButton);

    m_updated = new QLabel(this);
    m_updated->setObjectName(QStringLiteral("queueUpdated"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_updated);
    layout->addWidget(m_controls);
    layout->addWidget(makeStatusLabel(QStringLiteral("queueStatus")));

    m_timer.setInterval(3000);
    connect(&m_timer, &QTimer::timeout, this, &QueuePage::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_selected = current.isValid() ? m_rooms->concertIdAt(current.row()) : -1;
                showSelected();
            });
    connect(m_pauseButton, &QPushButton::clicked, this, [this]() {
        steer({{QStringLiteral("paused"), true}});
    });
    connect(m_resumeButton, &QPushButton::clicked, this, [this]() {
        steer({{QStringLiteral("paused"), false}});
    });
    connect(m_applyButton, &QPushButton::clicked, this, [this]() {
        steer({{QStringLiteral("capacity"), m_capacity->value()},
               {QStringLiteral("admitPerMinute"), m_admitPerMinute->value()}});
    });
    showSelected();
}

void QueuePage::activate()
{
    refresh();
    m_timer.start();
}

void QueuePage::deactivate()
{
    m_timer.stop();
}

void QueuePage::applyRole(StaffRole role)
{
    AreaPage::applyRole(role);
    m_controls->setVisible(roleIsAdmin(role));
}

qint64 QueuePage::selectedConcert() const
{
    return m_selected;
}

void QueuePage::selectConcert(qint64 id)
{
    m_selected = id;
    const int row = m_rooms->rowOfConcert(id);
    if (row >= 0)
        m_view->selectRow(row);
    showSelected();
}

void QueuePage::showSelected()
{
    const int row = m_rooms->rowOfConcert(m_selected);
    const bool concertRoom = m_selected > 0 && row >= 0;
    const QJsonObject room = m_rooms->rowObject(row);
    const bool paused = room.value(QLatin1String("paused")).toBool();
    m_roomLabel->setText(!concertRoom
                             ? (m_selected == 0 ? tr("The house room follows the server's options.")
                                                : tr("Select a concert's room above."))
                             : (paused ? tr("Concert %1: PAUSED, nobody is admitted.")
                                       : tr("Concert %1: admitting."))
                                   .arg(m_selected));
    m_pauseButton->setEnabled(concertRoom && !paused);
    m_resumeButton->setEnabled(concertRoom && paused);
    m_applyButton->setEnabled(concertRoom);
    m_capacity->setEnabled(concertRoom);
    m_admitPerMinute->setEnabled(concertRoom);
}

void QueuePage::refresh()
{
    m_client->get(
        QStringLiteral("/api/v1/admin/queue"), this,
        [this](const QJsonObject &answer) {
            const bool hadRow = m_rooms->rowOfConcert(m_selected) >= 0;
            m_rooms->setRows(answer.value(QLatin1String("rooms")).toArray());
            const int row = m_rooms->rowOfConcert(m_selected);
            if (row >= 0) {
                m_view->selectRow(row);
                if (!hadRow) {
                    const QJsonObject room = m_rooms->rowObject(row);
                    m_capacity->setValue(int(room.value(QLatin1String("capacity")).toInteger()));
                    m_admitPerMinute->setValue(
                        int(room.value(QLatin1String("admitPerMinute")).toInteger()));
                }
            }
            showSelected();
            m_updated->setText(
                tr("Updated %1.").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}

void QueuePage::steer(const QJsonObject &queue)
{
    const qint64 id = m_selected;
    if (id <= 0)
        return;
    m_client->patch(
        QStringLiteral("/api/v1/admin/concerts/%1").arg(id),
        QJsonObject{{QStringLiteral("queue"), queue}}, this,
        [this, id](const QJsonObject &concert) {
            const QJsonObject settings = concert.value(QLatin1String("queue")).toObject();
            showInfo(settings.value(QLatin1String("paused")).toBool()
                         ? tr("Concert %1's queue is paused.").arg(id)
                         : tr("Concert %1's queue admits (capacity %2, %3 per minute).")
                               .arg(id)
                               .arg(settings.value(QLatin1String("capacity")).toInteger())
                               .arg(settings.value(QLatin1String("admitPerMinute")).toInteger()));
            refresh();
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}
