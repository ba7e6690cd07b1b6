#pragma once

#include <QImage>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

/**
 * @brief A QR code on screen (QML `QrCode`): the ticket on the receipt (api-contract.md,
 * "Reservations": "the kiosk shows it as a QR code").
 *
 * The symbol comes from Debian's libqrencode (8-bit mode, error correction level M, the
 * smallest version that fits); it is painted black on white with the 4-module quiet zone the
 * standard asks for, scaled to whole device pixels per module and centred in the item.
 */
class QrCodeItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_NAMED_ELEMENT(QrCode)
    /** @brief What the code says (UTF-8); empty = nothing painted. */
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    /** @brief Modules per side without the quiet zone (21..177); 0 when there is no code. */
    Q_PROPERTY(int moduleCount READ moduleCount NOTIFY textChanged)

public:
    explicit QrCodeItem(QQuickItem *parent = nullptr);

    [[nodiscard]] QString text() const { return m_text; }
    void setText(const QString &text);
    [[nodiscard]] int moduleCount() const { return m_modules.isNull() ? 0 : m_modules.width(); }

    /**
     * @brief The code for @p text as a 1-bit-per-module image (black = dark module), without
     * the quiet zone; a null image for empty text or text libqrencode cannot encode (over
     * 2,331 bytes at level M).
     */
    [[nodiscard]] static QImage encode(const QString &text);
    /**
     * @brief The code with its quiet zone, @p moduleSize pixels per module (1..64), black on
     * white; null when encode() is.
     */
    [[nodiscard]] static QImage render(const QString &text, int moduleSize);
    /** @brief What the item shows, at @p moduleSize pixels per module (for tests). */
    [[nodiscard]] Q_INVOKABLE QImage image(int moduleSize = 4) const;

    void paint(QPainter *painter) override;

Q_SIGNALS:
    void textChanged();

private:
    QString m_text;
    QImage m_modules;
};
