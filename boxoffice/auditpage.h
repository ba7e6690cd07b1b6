#pragma once

#include "areapage.h"

class AuditTableModel;
class QLabel;
class QSpinBox;

/**
 * @brief Audit (ADMIN): every admin and staff write, newest first
 * (`GET /api/v1/admin/audit?page&size`, 100 a page).
 */
class AuditPage : public AreaPage
{
    Q_OBJECT

public:
    explicit AuditPage(BoxOfficeClient *client, QWidget *parent = nullptr);

    void activate() override;
    [[nodiscard]] AuditTableModel *audit() const { return m_audit; }

public Q_SLOTS:
    void refresh();

private:
    AuditTableModel *m_audit;
    QSpinBox *m_page;
    QLabel *m_total;
};
