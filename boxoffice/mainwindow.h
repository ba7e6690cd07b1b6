#pragma once

#include "boxofficeclient.h"
#include "staffrole.h"

#include <QHash>
#include <QMainWindow>

class AreaPage;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;

/**
 * @brief The box office's main window: a sign-in bar (server URL, key, "remember"), the areas
 * in a side list (Ctrl+1 … Ctrl+8) and the shown area.
 *
 * Only the areas the key's role may use are listed (roleMayOpen()); the rest stay hidden and
 * their shortcuts do nothing. The server URL, and the key when "remember" is ticked, are kept
 * with QSettings (organisation "concert", application "concert-boxoffice").
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(BoxOfficeClient *client, QWidget *parent = nullptr);
    ~MainWindow() override;

    /** @brief Fills the sign-in bar (does not sign in). */
    void setServer(const QUrl &server);
    void setKey(const QString &key);
    /** @brief Signs in with the bar's server and key. */
    void signIn();

    /** @brief Shows @p area; false (nothing changes) when the role may not open it. */
    bool showArea(Area area);
    [[nodiscard]] Area currentArea() const { return m_current; }
    [[nodiscard]] bool areaListed(Area area) const;
    [[nodiscard]] AreaPage *page(Area area) const { return m_pages.value(area); }
    template<typename T>
    [[nodiscard]] T *page(Area area) const
    {
        return qobject_cast<T *>(page(area));
    }
    /** @brief The area's name as the side list shows it. */
    [[nodiscard]] static QString areaTitle(Area area);
    /** @brief A short, file-name-friendly name: "sell", "customers", ... */
    [[nodiscard]] static QString areaKey(Area area);

Q_SIGNALS:
    void signedIn(StaffRole role);

private:
    void applyRole(StaffRole role);
    void onSignInFailed(const BoxOfficeClient::Failure &failure);

    BoxOfficeClient *m_client;
    QLineEdit *m_serverField;
    QLineEdit *m_keyField;
    QCheckBox *m_remember;
    QPushButton *m_signInButton;
    QLabel *m_roleLabel;
    QListWidget *m_areaList;
    QStackedWidget *m_stack;
    QLabel *m_signedOut;
    QHash<Area, AreaPage *> m_pages;
    Area m_current = Area::Sell;
    bool m_areaShown = false;
};
