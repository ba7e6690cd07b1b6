#pragma once

#include "areapage.h"

class ApiKeyTableModel;
class QComboBox;
class QLineEdit;
class QTableView;

/**
 * @brief Keys (ADMIN): the API keys (`GET /api/v1/admin/api-keys`), a new key
 * (`POST`, the key is shown once, here) and revocation (`DELETE /api/v1/admin/api-keys/{id}`).
 */
class KeysPage : public AreaPage
{
    Q_OBJECT

public:
    explicit KeysPage(BoxOfficeClient *client, QWidget *parent = nullptr);

    void activate() override;
    [[nodiscard]] ApiKeyTableModel *keys() const { return m_keys; }
    /** @brief The key created last (shown once); empty before. */
    [[nodiscard]] QString createdKey() const;

public Q_SLOTS:
    void refresh();

private:
    void create();
    void revokeSelected();

    ApiKeyTableModel *m_keys;
    QTableView *m_view;
    QLineEdit *m_name;
    QComboBox *m_role;
    QLineEdit *m_created;
};
