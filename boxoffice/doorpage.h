#pragma once

#include "areapage.h"
#include "doorverdict.h"

class QLabel;
class QLineEdit;

/**
 * @brief Door: a scanner (which types the code and Enter) or staff enter a ticket code;
 * `POST /api/v1/admin/checkins` (staff) decides, and a large panel answers in green (first
 * entry), amber (already in) or red (cancelled, forged, no answer). The field is cleared and
 * keeps the focus for the next scan.
 */
class DoorPage : public AreaPage
{
    Q_OBJECT

public:
    explicit DoorPage(BoxOfficeClient *client, QWidget *parent = nullptr);

    void activate() override;
    /** @brief Checks @p ticketCode (as a scan would). */
    void check(const QString &ticketCode);
    /** @brief The last verdict shown; kind Failed with no headline before any scan. */
    [[nodiscard]] DoorVerdict lastVerdict() const { return m_verdict; }

Q_SIGNALS:
    /** @brief A scan was answered. */
    void verdictShown(const DoorVerdict &verdict);

private:
    void show(const DoorVerdict &verdict);

    QLineEdit *m_codeField;
    QLabel *m_light;
    QLabel *m_detail;
    DoorVerdict m_verdict;
};
