#include "salespage.h"

#include "salestablemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>

SalesPage::SalesPage(BoxOfficeClient *client, QWidget *parent)
    : AreaPage(client, parent)
    , m_sales(new SalesTableModel(this))
{
    setObjectName(QStringLiteral("salesPage"));
    m_concertCombo = new QComboBox(this);
    m_concertCombo->setObjectName(QStringLiteral("salesConcertCombo"));
    m_concertCombo->setMinimumContentsLength(30);
    auto *refreshButton = new QPushButton(tr("&Refresh"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Concert"), this));
    top->addWidget(m_concertCombo, 1);
    top->addWidget(refreshButton);
    auto *view = makeTable(QStringLiteral("salesTable"), this);
    view->setModel(m_sales);
    m_totals = new QLabel(this);
    m_totals->setObjectName(QStringLiteral("salesTotals"));
    QFont bold = m_totals->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_totals->setFont(bold);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(view, 1);
    layout->addWidget(m_totals);
    layout->addWidget(makeStatusLabel(QStringLiteral("salesStatus")));

    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &SalesPage::refresh);
    connect(refreshButton, &QPushButton::clicked, this, &SalesPage::refresh);
    connect(m_concertCombo, &QComboBox::currentIndexChanged, this, &SalesPage::refresh);
}

void SalesPage::activate()
{
    loadConcerts(m_concertCombo);
    refresh();
    m_timer.start();
}

void SalesPage::deactivate()
{
    m_timer.stop();
}

void SalesPage::showConcert(qint64 id)
{
    const int index = m_concertCombo->findData(id);
    if (index >= 0)
        m_concertCombo->setCurrentIndex(index);
}

void SalesPage::refresh()
{
    const qint64 id = m_concertCombo->currentData().toLongLong();
    if (id <= 0)
        return;
    m_client->get(
        QStringLiteral("/api/v1/admin/concerts/%1/sales").arg(id), this,
        [this, id](const QJsonObject &answer) {
            if (m_concertCombo->currentData().toLongLong() != id)
                return;
            m_sales->setSales(answer);
            m_totals->setText(m_sales->totalsText());
            showInfo(
                tr("Updated %1.").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}
