#include "areapage.h"

#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTableView>

AreaPage::AreaPage(BoxOfficeClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{ }

QString AreaPage::statusText() const
{
    return m_status ? m_status->text() : QString();
}

QLabel *AreaPage::makeStatusLabel(const QString &objectName)
{
    m_status = new QLabel(this);
    m_status->setObjectName(objectName);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return m_status;
}

void AreaPage::showInfo(const QString &text)
{
    if (!m_status)
        return;
    m_status->setStyleSheet(QStringLiteral("color: #1b7a3a;"));
    m_status->setText(text);
}

void AreaPage::showError(const QString &text)
{
    if (!m_status)
        return;
    m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_status->setText(text);
}

void AreaPage::showError(const BoxOfficeClient::Failure &failure)
{
    showError(failureText(failure));
}

QString AreaPage::failureText(const BoxOfficeClient::Failure &failure)
{
    QString what;
    if (failure.httpStatus == 0)
        what = tr("The server cannot be reached. Check the network and try again.");
    else if (failure.routeMissing())
        what = tr("This server does not offer this yet.");
    else if (failure.is(ErrorCode::SeatUnavailable))
        what = tr("A seat is no longer available. Pick other seats.");
    else if (failure.is(ErrorCode::InsufficientBalance))
        what = tr("The balance does not cover the payment. Take cash and top up first.");
    else if (failure.is(ErrorCode::HoldExpired))
        what = tr("The hold ran out. Hold the seats again.");
    else if (failure.is(ErrorCode::AlreadyPaid))
        what = tr("This reservation is paid already.");
    else if (failure.is(ErrorCode::Forbidden))
        what = tr("Your key may not do this.");
    else if (failure.is(ErrorCode::ApiKeyInvalid) || failure.is(ErrorCode::AdminKeyInvalid))
        what = tr("The key is wrong or was revoked. Sign in again.");
    else if (failure.is(ErrorCode::Conflict))
        what = tr("This conflicts with what the server has (e.g. a date that exists, a price "
                  "of a date with seats held or sold).");
    else if (failure.is(ErrorCode::NotFound))
        what = tr("Not found.");
    else if (failure.is(ErrorCode::InvalidArgument))
        what = tr("The server refused the input.");
    else if (failure.is(ErrorCode::Unavailable))
        what = tr("The server's database is unavailable. Try again in a moment.");
    else
        what = tr("The request failed.");
    return failure.message.isEmpty()
        ? QStringLiteral("%1 [%2]").arg(what, failure.code)
        : QStringLiteral("%1 [%2: %3]").arg(what, failure.code, failure.message);
}

QTableView *AreaPage::makeTable(const QString &objectName, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(objectName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->setDefaultSectionSize(22);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->setWordWrap(false);
    return table;
}

void AreaPage::loadConcerts(QComboBox *combo)
{
    m_client->get(
        QStringLiteral("/api/v1/concerts?page=1&size=100"), combo,
        [combo](const QJsonObject &answer) {
            const qint64 current = combo->currentData().toLongLong();
            {
                const QSignalBlocker blocker(combo);
                combo->clear();
                for (const QJsonValue &value : answer.value(QLatin1String("items")).toArray()) {
                    const QJsonObject concert = value.toObject();
                    const qint64 id = concert.value(QLatin1String("id")).toInteger();
                    combo->addItem(QStringLiteral("#%1 %2").arg(id).arg(
                                       concert.value(QLatin1String("title")).toString()),
                                   id);
                }
                const int again = combo->findData(current);
                combo->setCurrentIndex(again >= 0 ? again : (combo->count() > 0 ? 0 : -1));
            }
            // Listeners load what belongs to a concert; tell them when it is another one.
            if (combo->currentData().toLongLong() != current)
                Q_EMIT combo->currentIndexChanged(combo->currentIndex());
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}
