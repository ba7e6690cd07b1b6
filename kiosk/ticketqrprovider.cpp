#include "ticketqrprovider.h"

#include <QPainter>
#include <QUrl>

#include <qrencode.h>

#include <memory>

TicketQrProvider::TicketQrProvider()
    : QQuickImageProvider(QQuickImageProvider::Image)
{ }

QImage TicketQrProvider::requestImage(const QString &id, QSize *size, const QSize &requestedSize)
{
    const QImage image = render(QUrl::fromPercentEncoding(id.toUtf8()).toUtf8(),
                                qMax(requestedSize.width(), requestedSize.height()));
    if (size)
        *size = image.size();
    return image;
}

QImage TicketQrProvider::render(const QByteArray &text, int side)
{
    if (text.isEmpty())
        return {};
    const std::unique_ptr<QRcode, void (*)(QRcode *)> code(
        QRcode_encodeString8bit(text.constData(), 0, QR_ECLEVEL_M), QRcode_free);
    if (!code)
        return {};
    constexpr int kQuietZone = 4; // modules of white around the symbol, as the standard asks
    const int modules = code->width + 2 * kQuietZone;
    const int scale = side > 0 ? qMax(1, side / modules) : 8;
    QImage image(modules * scale, modules * scale, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (code->data[y * code->width + x] & 1) // bit 0: dark module
                painter.drawRect((x + kQuietZone) * scale, (y + kQuietZone) * scale, scale,
                                 scale);
        }
    }
    return image;
}
