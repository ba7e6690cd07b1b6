#pragma once

#include <QImage>
#include <QQuickImageProvider>

/**
 * @brief The ticket code as a QR code for QML: `image://ticketqr/<code>` (issue 9, item 4).
 *
 * Encodes the code (the opaque signed string of the payment's "ticketCode", api-contract.md
 * "Reservations: release, history") with libqrencode at error-correction level M, and draws it
 * black on white with a quiet zone of four modules, each module a whole number of pixels.
 * KioskEngine::prepare() registers it on every engine.
 */
class TicketQrProvider : public QQuickImageProvider
{
public:
    TicketQrProvider();

    /**
     * @param id the ticket code, percent-encoded as QML writes it into the URL.
     * @param requestedSize the wanted side in px (the larger of width and height; 0 = 8 px per
     * module). @p size receives the image's size. A code libqrencode cannot encode gives a null
     * image.
     */
    QImage requestImage(const QString &id, QSize *size, const QSize &requestedSize) override;

    /** @brief The QR code of @p text, @p side px square at most (0: 8 px per module). */
    [[nodiscard]] static QImage render(const QByteArray &text, int side);
};
