#include "auditpage.h"

#include "audittablemodel.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

AuditPage::AuditPage(BoxOfficeClient *client, QWidget *parent)
    : AreaPage(client, parent)
    , m_audit(new AuditTableModel(this))
{
    setObjectName(QStringLiteral("auditPage"));
    auto *view = makeTable(QStringLiteral("auditTable"), this);
    view->setModel(m_audit);
    m_page = new QSpinBox(this);
    m_page->setObjectName(QStringLiteral("auditPageNumber"));
    m_page->setRange(1, 1'000'000);
    m_page->setPrefix(tr("page "));
    auto *refreshButton = new QPushButton(tr("&Refresh"), this);
    m_total = new QLabel(this);
    m_total->setObjectName(QStringLiteral("auditTotal"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_page);
    row->addWidget(refreshButton);
    row->addWidget(m_total, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(view, 1);
    layout->addWidget(makeStatusLabel(QStringLiteral("auditStatus")));

    connect(refreshButton, &QPushButton::clicked, this, &AuditPage::refresh);
    connect(m_page, &QSpinBox::valueChanged, this, &AuditPage::refresh);
}

void AuditPage::activate()
{
    refresh();
}

void AuditPage::refresh()
{
    m_client->get(
        QStringLiteral("/api/v1/admin/audit?page=%1&size=100").arg(m_page->value()), this,
        [this](const QJsonObject &answer) {
            m_audit->setRows(answer.value(QLatin1String("items")).toArray());
            m_total->setText(tr("%n entries in all.", nullptr,
                                int(answer.value(QLatin1String("total")).toInteger())));
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}
