#include "mainwindow.h"

#include "auditpage.h"
#include "concertspage.h"
#include "customerspage.h"
#include "doorpage.h"
#include "keyspage.h"
#include "queuepage.h"
#include "salespage.h"
#include "sellpage.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

MainWindow::MainWindow(BoxOfficeClient *client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
{
    setObjectName(QStringLiteral("boxOfficeWindow"));
    setWindowTitle(tr("Concert Box Office"));

    auto *central = new QWidget(this);
    m_serverField = new QLineEdit(central);
    m_serverField->setObjectName(QStringLiteral("serverField"));
    m_serverField->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_keyField = new QLineEdit(central);
    m_keyField->setObjectName(QStringLiteral("keyField"));
    m_keyField->setEchoMode(QLineEdit::Password);
    m_keyField->setPlaceholderText(tr("Staff key"));
    m_remember = new QCheckBox(tr("Remember the key"), central);
    m_remember->setObjectName(QStringLiteral("rememberKey"));
    m_signInButton = new QPushButton(tr("Sign &in"), central);
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_roleLabel = new QLabel(tr("Not signed in."), central);
    m_roleLabel->setObjectName(QStringLiteral("roleLabel"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Server"), central));
    bar->addWidget(m_serverField, 2);
    bar->addWidget(new QLabel(tr("Key"), central));
    bar->addWidget(m_keyField, 2);
    bar->addWidget(m_remember);
    bar->addWidget(m_signInButton);
    bar->addWidget(m_roleLabel, 3);

    m_areaList = new QListWidget(central);
    m_areaList->setObjectName(QStringLiteral("areaList"));
    m_areaList->setFixedWidth(190);
    m_stack = new QStackedWidget(central);
    m_signedOut = new QLabel(tr("Sign in with a box-office key (ADMIN, STAFF or TERMINAL).\n"
                                "The first ADMIN key is the server's --admin-key."),
                             m_stack);
    m_signedOut->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(m_signedOut);

    m_pages.insert(Area::Sell, new SellPage(client, m_stack));
    m_pages.insert(Area::Customers, new CustomersPage(client, m_stack));
    m_pages.insert(Area::Concerts, new ConcertsPage(client, m_stack));
    m_pages.insert(Area::Sales, new SalesPage(client, m_stack));
    m_pages.insert(Area::Queue, new QueuePage(client, m_stack));
    m_pages.insert(Area::Door, new DoorPage(client, m_stack));
    m_pages.insert(Area::Keys, new KeysPage(client, m_stack));
    m_pages.insert(Area::Audit, new AuditPage(client, m_stack));
    int number = 1;
    for (Area area : allAreas()) {
        m_stack->addWidget(m_pages.value(area));
        auto *item = new QListWidgetItem(QStringLiteral("%1   %2").arg(number).arg(areaTitle(area)),
                                         m_areaList);
        item->setData(Qt::UserRole, int(area));
        item->setToolTip(tr("Ctrl+%1").arg(number));
        auto *shortcut = new QShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(number)), this);
        connect(shortcut, &QShortcut::activated, this, [this, area]() { showArea(area); });
        ++number;
    }

    auto *body = new QHBoxLayout;
    body->addWidget(m_areaList);
    body->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(central);
    layout->addLayout(bar);
    layout->addLayout(body, 1);
    setCentralWidget(central);

    connect(m_areaList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            showArea(Area(item->data(Qt::UserRole).toInt()));
    });
    connect(m_signInButton, &QPushButton::clicked, this, &MainWindow::signIn);
    connect(m_keyField, &QLineEdit::returnPressed, this, &MainWindow::signIn);
    connect(client, &BoxOfficeClient::roleChanged, this, &MainWindow::applyRole);
    connect(client, &BoxOfficeClient::signedIn, this, [this](StaffRole role) {
        QSettings settings;
        settings.setValue(QStringLiteral("server"), m_client->baseUrl().toString());
        if (m_remember->isChecked())
            settings.setValue(QStringLiteral("apiKey"), m_client->apiKey());
        else
            settings.remove(QStringLiteral("apiKey"));
        Q_EMIT signedIn(role);
    });
    connect(client, &BoxOfficeClient::signInFailed, this, &MainWindow::onSignInFailed);
    connect(qobject_cast<ConcertsPage *>(m_pages.value(Area::Concerts)),
            &ConcertsPage::concertSaved, this, [this]() {
                // The Sell area's concert list may have grown.
                if (m_current == Area::Sell)
                    m_pages.value(Area::Sell)->activate();
            });

    const QSettings settings;
    m_serverField->setText(settings.value(QStringLiteral("server")).toString());
    m_keyField->setText(settings.value(QStringLiteral("apiKey")).toString());
    m_remember->setChecked(settings.contains(QStringLiteral("apiKey")));
    applyRole(StaffRole::None);
    statusBar()->showMessage(tr("Ctrl+1 … Ctrl+8 switch between the areas."));
}

MainWindow::~MainWindow() = default;

void MainWindow::setServer(const QUrl &server)
{
    m_serverField->setText(server.toString());
}

void MainWindow::setKey(const QString &key)
{
    m_keyField->setText(key);
}

void MainWindow::signIn()
{
    const QString typed = m_serverField->text().trimmed();
    const QUrl server(typed.isEmpty() ? m_serverField->placeholderText() : typed);
    if (!server.isValid() || server.host().isEmpty()) {
        m_roleLabel->setText(tr("The server address is not a URL."));
        return;
    }
    m_client->setBaseUrl(server);
    m_client->setApiKey(m_keyField->text().trimmed());
    m_roleLabel->setText(tr("Signing in…"));
    m_client->signIn();
}

void MainWindow::onSignInFailed(const BoxOfficeClient::Failure &failure)
{
    m_roleLabel->setText(failure.httpStatus == 0
                             ? tr("The server cannot be reached (%1).").arg(failure.message)
                             : tr("This key is not accepted (%1).").arg(failure.code));
}

QString MainWindow::areaTitle(Area area)
{
    switch (area) {
    case Area::Sell:
        return tr("Sell");
    case Area::Customers:
        return tr("Customers");
    case Area::Concerts:
        return tr("Concerts");
    case Area::Sales:
        return tr("Sales");
    case Area::Queue:
        return tr("Queue");
    case Area::Door:
        return tr("Door");
    case Area::Keys:
        return tr("Keys");
    case Area::Audit:
        return tr("Audit");
    }
    return {};
}

QString MainWindow::areaKey(Area area)
{
    static const char *const keys[] = {"sell",  "customers", "concerts", "sales",
                                       "queue", "door",      "keys",     "audit"};
    return QString::fromLatin1(keys[int(area)]);
}

bool MainWindow::areaListed(Area area) const
{
    return roleMayOpen(m_client->role(), area);
}

void MainWindow::applyRole(StaffRole role)
{
    QStringList may;
    for (int row = 0; row < m_areaList->count(); ++row) {
        QListWidgetItem *item = m_areaList->item(row);
        const Area area = Area(item->data(Qt::UserRole).toInt());
        const bool allowed = roleMayOpen(role, area);
        item->setHidden(!allowed);
        m_pages.value(area)->applyRole(role);
        if (allowed)
            may.append(areaTitle(area));
    }
    if (role == StaffRole::None) {
        if (m_areaShown)
            m_pages.value(m_current)->deactivate();
        m_areaShown = false;
        m_stack->setCurrentWidget(m_signedOut);
        m_roleLabel->setText(tr("Not signed in."));
        return;
    }
    m_roleLabel->setText(tr("Signed in as %1%2: %3")
                             .arg(staffRoleName(role),
                                  m_client->keyHeader() == BoxOfficeClient::KeyHeader::AdminKey
                                      ? tr(" (bootstrap key)")
                                      : QString(),
                                  may.join(QStringLiteral(", "))));
    showArea(roleMayOpen(role, m_current) ? m_current : Area::Sell);
}

bool MainWindow::showArea(Area area)
{
    if (!roleMayOpen(m_client->role(), area))
        return false;
    AreaPage *page = m_pages.value(area);
    if (m_areaShown && m_current != area)
        m_pages.value(m_current)->deactivate();
    const bool changed = !m_areaShown || m_current != area;
    m_current = area;
    m_areaShown = true;
    m_stack->setCurrentWidget(page);
    const QSignalBlocker blocker(m_areaList);
    m_areaList->setCurrentRow(int(area));
    if (changed)
        page->activate();
    return true;
}
