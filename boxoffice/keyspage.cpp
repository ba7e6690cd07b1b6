#include "keyspage.h"

#include "apikeytablemodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

KeysPage::KeysPage(BoxOfficeClient *client, QWidget *parent)
    : AreaPage(client, parent)
    , m_keys(new ApiKeyTableModel(this))
{
    setObjectName(QStringLiteral("keysPage"));
    m_view = makeTable(QStringLiteral("keysTable"), this);
    m_view->setModel(m_keys);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("keysName"));
    m_name->setPlaceholderText(tr("Name, e.g. lobby-kiosk-1 or desk-2"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("keysRole"));
    m_role->addItem(tr("STAFF (box office)"), QStringLiteral("STAFF"));
    m_role->addItem(tr("TERMINAL (kiosk top-ups)"), QStringLiteral("TERMINAL"));
    m_role->addItem(tr("ADMIN (everything)"), QStringLiteral("ADMIN"));
    auto *createButton = new QPushButton(tr("Create &key"), this);
    createButton->setObjectName(QStringLiteral("keysCreateButton"));
    auto *revokeButton = new QPushButton(tr("Re&voke the selected key"), this);
    revokeButton->setObjectName(QStringLiteral("keysRevokeButton"));
    m_created = new QLineEdit(this);
    m_created->setObjectName(QStringLiteral("keysCreatedKey"));
    m_created->setReadOnly(true);
    m_created->setPlaceholderText(tr("A new key is shown here once: copy it now."));
    auto *row = new QHBoxLayout;
    row->addWidget(m_name, 1);
    row->addWidget(m_role);
    row->addWidget(createButton);
    row->addWidget(revokeButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addLayout(row);
    layout->addWidget(m_created);
    layout->addWidget(makeStatusLabel(QStringLiteral("keysStatus")));

    connect(createButton, &QPushButton::clicked, this, &KeysPage::create);
    connect(revokeButton, &QPushButton::clicked, this, &KeysPage::revokeSelected);
}

QString KeysPage::createdKey() const
{
    return m_created->text();
}

void KeysPage::activate()
{
    refresh();
}

void KeysPage::refresh()
{
    m_client->get(
        QStringLiteral("/api/v1/admin/api-keys?page=1&size=100"), this,
        [this](const QJsonObject &answer) {
            m_keys->setRows(answer.value(QLatin1String("items")).toArray());
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}

void KeysPage::create()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        showError(tr("Give the key a name."));
        return;
    }
    m_client->post(
        QStringLiteral("/api/v1/admin/api-keys"),
        QJsonObject{{QStringLiteral("name"), name},
                    {QStringLiteral("role"), m_role->currentData().toString()}},
        this,
        [this](const QJsonObject &answer) {
            m_created->setText(answer.value(QLatin1String("key")).toString());
            m_name->clear();
            showInfo(tr("Key %1 (%2) created. It is shown only now.")
                         .arg(answer.value(QLatin1String("name")).toString(),
                              answer.value(QLatin1String("role")).toString()));
            refresh();
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}

void KeysPage::revokeSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QJsonObject key = m_keys->rowObject(rows.first().row());
    const qint64 id = key.value(QLatin1String("id")).toInteger();
    m_client->remove(
        QStringLiteral("/api/v1/admin/api-keys/%1").arg(id), this,
        [this, key](const QJsonObject &) {
            showInfo(tr("Key %1 revoked.").arg(key.value(QLatin1String("name")).toString()));
            refresh();
        },
        [this](const BoxOfficeClient::Failure &failure) { showError(failure); });
}
