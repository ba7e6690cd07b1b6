#include "doorpage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

DoorPage::DoorPage(BoxOfficeClient *client, QWidget *parent)
    : AreaPage(client, parent)
{
    setObjectName(QStringLiteral("doorPage"));
    m_codeField = new QLineEdit(this);
    m_codeField->setObjectName(QStringLiteral("doorCodeField"));
    m_codeField->setPlaceholderText(tr("Scan or type the ticket code, then Enter"));
    QFont big = m_codeField->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    m_codeField->setFont(big);
    auto *checkButton = new QPushButton(tr("&Check"), this);
    checkButton->setObjectName(QStringLiteral("doorCheckButton"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_codeField, 1);
    top->addWidget(checkButton);

    m_light = new QLabel(tr("READY"), this);
    m_light->setObjectName(QStringLiteral("doorLight"));
    m_light->setAlignment(Qt::AlignCenter);
    m_light->setMinimumHeight(220);
    QFont huge = m_light->font();
    huge.setPointSizeF(huge.pointSizeF() * 4);
    huge.setBold(true);
    m_light->setFont(huge);
    m_light->setStyleSheet(
        QStringLiteral("background: #3a3f5c; color: white; border-radius: 12px;"));
    m_detail = new QLabel(tr("Waiting for the first ticket."), this);
    m_detail->setObjectName(QStringLiteral("doorDetail"));
    m_detail->setAlignment(Qt::AlignCenter);
    m_detail->setWordWrap(true);
    QFont large = m_detail->font();
    large.setPointSizeF(large.pointSizeF() * 1.5);
    m_detail->setFont(large);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_light, 3);
    layout->addWidget(m_detail, 1);
    layout->addWidget(makeStatusLabel(QStringLiteral("doorStatus")));

    auto submit = [this]() {
        const QString code = m_codeField->text().trimmed();
        m_codeField->clear();
        check(code);
    };
    connect(m_codeField, &QLineEdit::returnPressed, this, submit);
    connect(checkButton, &QPushButton::clicked, this, submit);
}

void DoorPage::activate()
{
    m_codeField->setFocus();
}

void DoorPage::check(const QString &ticketCode)
{
    if (ticketCode.isEmpty())
        return;
    m_light->setText(tr("…"));
    m_client->post(
        QStringLiteral("/api/v1/admin/checkins"),
        QJsonObject{{QStringLiteral("ticketCode"), ticketCode}}, this,
        [this](const QJsonObject &answer) { show(DoorVerdict::fromCheckIn(answer)); },
        [this](const BoxOfficeClient::Failure &failure) {
            show(DoorVerdict::fromFailure(failure));
        });
}

void DoorPage::show(const DoorVerdict &verdict)
{
    m_verdict = verdict;
    const char *colour = verdict.light == DoorVerdict::Light::Green ? "#1e8e3e"
        : verdict.light == DoorVerdict::Light::Amber                ? "#e8a200"
                                                                    : "#c5221f";
    m_light->setStyleSheet(QStringLiteral("background: %1; color: white; border-radius: 12px;")
                               .arg(QLatin1String(colour)));
    m_light->setText(verdict.headline);
    m_detail->setText(verdict.detail);
    m_codeField->setFocus();
    Q_EMIT verdictShown(verdict);
}
