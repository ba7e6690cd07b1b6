#include "concertspage.h"

#include "concert.h"
#include "concerttablemodel.h"
#include "datepricetablemodel.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>

ConcertsPage::ConcertsPage(BoxOfficeClient *client, QWidget *parent)
    : AreaPage(client, parent)
    , m_concerts(new ConcertTableModel(this))
    , m_dates(new DatePriceTableModel(this))
{
    setObjectName(QStringLiteral("concertsPage"));

    m_concertView = makeTable(QStringLiteral("concertsList"), this);
    m_concertView->setModel(m_concerts);
    auto *refreshButton = new QPushButton(tr("&Refresh"), this);
    auto *newButton = new QPushButton(tr("&New concert"), this);
    newButton->setObjectName(QStringLiteral("concertsNewButton"));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(refreshButton);
    listButtons->addWidget(newButton);
    listButtons->addStretch(1);
    auto *listBox = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_concertView, 1);
    listLayout->addLayout(listButtons);

    auto *form = new QGroupBox(tr("Concert"), this);
    m_title = new QLineEdit(form);
    m_title->setObjectName(QStringLiteral("concertsTitle"));
    m_title->setMaxLength(kMaxNameLength);
    m_venue = new QLineEdit(form);
    m_venue->setObjectName(QStringLiteral("concertsVenue"));
    m_venue->setMaxLength(kMaxNameLength);
    m_saleOpens = new QCheckBox(tr("Sale opens at a set time (its own queue)"), form);
    m_saleOpens->setObjectName(QStringLiteral("concertsSaleOpens"));
    m_saleOpensAt = new QDateTimeEdit(QDateTime::currentDateTime().addDays(1), form);
    m_saleOpensAt->setObjectName(QStringLiteral("concertsSaleOpensAt"));
    m_saleOpensAt->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_saleOpensAt->setCalendarPopup(true);
    m_saleOpensAt->setEnabled(false);
    m_capacity = new QSpinBox(form);
    m_capacity->setObjectName(QStringLiteral("concertsCapacity"));
    m_capacity->setRange(1, 1'000'000);
    m_capacity->setValue(100);
    m_admitPerMinute = new QSpinBox(form);
    m_admitPerMinute->setObjectName(QStringLiteral("concertsAdmitPerMinute"));
    m_admitPerMinute->setRange(0, 1'000'000);
    m_admitPerMinute->setSpecialValueText(tr("no limit"));
    m_paused = new QCheckBox(tr("Queue paused"), form);
    m_paused->setObjectName(QStringLiteral("concertsPaused"));

    auto *dateView = makeTable(QStringLiteral("concertsDates"), form);
    dateView->setModel(m_dates);
    dateView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_newDate = new QDateEdit(QDate::currentDate().addMonths(1), form);
    m_newDate->setObjectName(QStringLiteral("concertsNewDate"));
    m_newDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_newDate->setCalendarPopup(true);
    m_newPrice = new QSpinBox(form);
    m_newPrice->setObjectName(QStringLiteral("concertsNewPrice"));
    m_newPrice->setRange(0, int(kMaxPrice));
    m_newPrice->setSingleStep(10'000);
    m_newPrice->setValue(50'000);
    m_newPrice->setPrefix(QStringLiteral("₩ "));
    m_newPrice->setGroupSeparatorShown(true);
    auto *addDateButton = new QPushButton(tr("Add &date"), form);
    addDateButton->setObjectName(QStringLiteral("concertsAddDateButton"));
    auto *dateRow = new QHBoxLayout;
    dateRow->addWidget(m_newDate);
    dateRow->addWidget(m_newPrice);
    dateRow->addWidget(addDateButton);

    m_createButton = new QPushButton(tr("C&reate concert"), form);
    m_createButton->setObjectName(QStringLiteral("concertsCreateButton"));
    m_saveButton = new QPushButton(tr("&Save changes"), form);
    m_saveButton->setObjectName(QStringLiteral("concertsSaveButton"));
    m_addDatesButton = new QPushButton(tr("Save new &dates"), form);
    m_addDatesButton->setObjectName(QStringLiteral("concertsAddDatesButton"));
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_createButton);
    actions->addWidget(m_saveButton);
    actions->addWidget(m_addDatesButton);
    actions->addStretch(1);

    auto *formLayout = new QFormLayout(form);
    formLayout->addRow(tr("Title"), m_title);
    formLayout->addRow(tr("Venue"), m_venue);
    formLayout->addRow(m_saleOpens);
    formLayout->addRow(tr("Sale opens (local time)"), m_saleOpensAt);
    formLayout->addRow(tr("Queue capacity"), m_capacity);
    formLayout->addRow(tr("Admissions per minute"), m_admitPerMinute);
    formLayout->addRow(QString(), m_paused);
    formLayout->addRow(tr("Dates and prices"), dateView);
    formLayout->addRow(tr("New date"), dateRow);
    formLayout->addRow(actions);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listBox);
    splitter->addWidget(form);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(makeStatusLabel(QStringLiteral("concertsStatus")));

    connect(refreshButton, &QPushButton::clicked, this, &ConcertsPage::refreshList);
    connect(newButton, &QPushButton::clicked, this, &ConcertsPage::startNew);
    connect(m_saleOpens, &QCheckBox::toggled, m_saleOpensAt, &QWidget::setEnabled);
    connect(addDateButton, &QPushButton::clicked, this, [this]() {
        if (!m_dates->addDate(m_newDate->date(), m_newPrice->value()))
            showError(
                tr("%1 is in the list already.").arg(m_newDate->date().toString(Qt::ISODate)));
        else
            m_newDate->setDate(m_newDate->date().addDays(1));
    });
    connect(m_createButton, &QPushButton::clicked, this, &ConcertsPage::create);
    connect(m_saveButton, &QPushButton::clicked, this, &ConcertsPage::save);
    connect(m_addDatesButton, &QPushButton::clicked, this, &ConcertsPage::addDates);
    connect(
        m_concertView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex &current) {
            if (current.isValid())
                edit(m_concerts->rowObject(current.row()).value(QLatin1String("id")).toInteger());
        });
    startNew();
}

void ConcertsPage::activate()
{
    refreshList();
}

void ConcertsPage::refreshList()
{
    m_client->get(
        QStringLiteral("/api/v1/concerts?page=1&size=100"), this,
        [this](const QJsonObject &answer) {
            m_concerts->setRows(answer.value(QLatin1String("items")).toArray());
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}

void ConcertsPage::startNew()
{
    m_concertId = 0;
    m_title->clear();
    m_venue->clear();
    m_saleOpens->setChecked(false);
    m_capacity->setValue(100);
    m_admitPerMinute->setValue(0);
    m_paused->setChecked(false);
    m_dates->clear();
    m_createButton->setEnabled(true);
    m_saveButton->setEnabled(false);
    m_addDatesButton->setEnabled(false);
}

void ConcertsPage::edit(qint64 id)
{
    m_client->get(
        QStringLiteral("/api/v1/admin/concerts/%1").arg(id), this,
        [this](const QJsonObject &answer) { showConcert(answer); },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}

void ConcertsPage::showConcert(const QJsonObject &concert)
{
    m_concertId = concert.value(QLatin1String("id")).toInteger();
    m_title->setText(concert.value(QLatin1String("title")).toString());
    m_venue->setText(concert.value(QLatin1String("venue")).toString());
    const QDateTime opens =
        QDateTime::fromString(concert.value(QLatin1String("saleOpensAt")).toString(), Qt::ISODate);
    m_saleOpens->setChecked(opens.isValid());
    if (opens.isValid())
        m_saleOpensAt->setDateTime(opens.toLocalTime());
    const QJsonObject queue = concert.value(QLatin1String("queue")).toObject();
    if (!queue.isEmpty()) {
        m_capacity->setValue(int(queue.value(QLatin1String("capacity")).toInteger(100)));
        m_admitPerMinute->setValue(int(queue.value(QLatin1String("admitPerMinute")).toInteger()));
        m_paused->setChecked(queue.value(QLatin1String("paused")).toBool());
    }
    m_dates->setSaved(concert.value(QLatin1String("dates")).toArray());
    m_createButton->setEnabled(false);
    m_saveButton->setEnabled(true);
    m_addDatesButton->setEnabled(true);
}

namespace {
// The editor shows minutes; the seconds of "now" it started from must not reach the server.
QDateTime wholeMinute(QDateTime at)
{
    at.setTime(QTime(at.time().hour(), at.time().minute()));
    return at;
}
} // namespace

QJsonObject ConcertsPage::patchBody(bool withPrices) const
{
    QJsonObject body{
        {QStringLiteral("saleOpensAt"),
         m_saleOpens->isChecked()
             ? QJsonValue(wholeMinute(m_saleOpensAt->dateTime()).toUTC().toString(Qt::ISODate))
             : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("queue"),
         QJsonObject{{QStringLiteral("capacity"), m_capacity->value()},
                     {QStringLiteral("admitPerMinute"), m_admitPerMinute->value()},
                     {QStringLiteral("paused"), m_paused->isChecked()}}},
    };
    if (withPrices) {
        body.insert(QStringLiteral("title"), m_title->text().trimmed());
        body.insert(QStringLiteral("venue"), m_venue->text().trimmed());
        const QJsonArray prices = m_dates->changedPrices();
        if (!prices.isEmpty())
            body.insert(QStringLiteral("dates"), prices);
    }
    return body;
}

void ConcertsPage::create()
{
    const QString title = m_title->text().trimmed();
    const QString venue = m_venue->text().trimmed();
    const QJsonArray dates = m_dates->allDates();
    if (title.isEmpty() || venue.isEmpty() || dates.isEmpty()) {
        showError(tr("A concert needs a title, a venue and at least one date."));
        return;
    }
    m_createButton->setEnabled(false);
    m_client->post(
        QStringLiteral("/api/v1/admin/concerts"),
        QJsonObject{{QStringLiteral("title"), title},
                    {QStringLiteral("venue"), venue},
                    {QStringLiteral("dates"), dates}},
        this,
        [this](const QJsonObject &answer) {
            const qint64 id = answer.value(QLatin1String("id")).toInteger();
            m_concertId = id;
            refreshList();
            Q_EMIT concertSaved(id);
            m_client->patch(
                QStringLiteral("/api/v1/admin/concerts/%1").arg(id), patchBody(false), this,
                [this, id](const QJsonObject &concert) {
                    showConcert(concert);
                    showInfo(tr("Concert %1 created.").arg(id));
                },
                [this, id](const BoxOfficeClient::Failure &failure) {
                    m_saveButton->setEnabled(true);
                    m_addDatesButton->setEnabled(true);
                    showError(tr("Concert %1 created, but its sale time and queue settings were "
                                 "not saved: %2")
                                  .arg(id)
                                  .arg(failureText(failure)));
                });
        },
        [this](const BoxOfficeClient::Failure &failure) {
            m_createButton->setEnabled(true);
            showError(failure);
        });
}

void ConcertsPage::save()
{
    if (m_concertId <= 0)
        return;
    const qint64 id = m_concertId;
    m_client->patch(
        QStringLiteral("/api/v1/admin/concerts/%1").arg(id), patchBody(true), this,
        [this, id](const QJsonObject &concert) {
            showConcert(concert);
            refreshList();
            Q_EMIT concertSaved(id);
            showInfo(tr("Concert %1 saved.").arg(id));
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}

void ConcertsPage::addDates()
{
    const QJsonArray dates = m_dates->newDates();
    if (m_concertId <= 0 || dates.isEmpty()) {
        showError(tr("Add a date to the list first."));
        return;
    }
    const qint64 id = m_concertId;
    m_client->post(
        QStringLiteral("/api/v1/admin/concerts/%1/dates").arg(id),
        QJsonObject{{QStringLiteral("dates"), dates}}, this,
        [this, id, dates](const QJsonObject &concert) {
            showConcert(concert);
            Q_EMIT concertSaved(id);
            showInfo(tr("%n date(s) added.", nullptr, int(dates.size())));
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}
