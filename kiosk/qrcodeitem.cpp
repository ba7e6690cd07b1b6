#include "qrcodeitem.h"

#include <QPainter>

#include <qrencode.h>

#include <memory>

namespace {

constexpr int kQuietZone = 4; // modules of white around the symbol (ISO/IEC 18004)

} // namespace

QrCodeItem::QrCodeItem(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(false);
}

void QrCodeItem::setText(const QString &text)
{
    if (m_text == text)
        return;
    m_text = text;
    m_modules = encode(text);
    Q_EMIT textChanged();
    update();
}

QImage QrCodeItem::encode(const QString &text)
{
    if (text.isEmpty())
        return {};
    const QByteArray data = text.toUtf8();
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(int(data.size()),
                          reinterpret_cast<const unsigned char *>(data.constData()), 0,
                          QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        return {};
    const int width = code->width;
    QImage modules(width, width, QImage::Format_Mono);
    modules.setColor(0, qRgb(255, 255, 255));
    modules.setColor(1, qRgb(0, 0, 0));
    for (int y = 0; y < width; ++y)
        for (int x = 0; x < width; ++x)
            modules.setPixel(x, y, code->data[y * width + x] & 1); // bit 0: dark module
    return modules;
}

QImage QrCodeItem::render(const QString &text, int moduleSize)
{
    const QImage modules = encode(text);
    if (modules.isNull())
        return {};
    moduleSize = qBound(1, moduleSize, 64);
    const int side = (modules.width() + 2 * kQuietZone) * moduleSize;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.drawImage(QRect(kQuietZone * moduleSize, kQuietZone * moduleSize,
                            modules.width() * moduleSize, modules.height() * moduleSize),
                      modules);
    return image;
}

QImage QrCodeItem::image(int moduleSize) const
{
    return render(m_text, moduleSize);
}

void QrCodeItem::paint(QPainter *painter)
{
    if (m_modules.isNull())
        return;
    const int modulesWithZone = m_modules.width() + 2 * kQuietZone;
    const qreal side = qMin(width(), height());
    const int moduleSize = qMax(1, int(side / modulesWithZone)); // whole pixels: crisp edges
    const int pixels = modulesWithZone * moduleSize;
    const QRect area(int((width() - pixels) / 2), int((height() - pixels) / 2), pixels, pixels);
    painter->fillRect(area, Qt::white);
    painter->drawImage(QRect(area.x() + kQuietZone * moduleSize, area.y() + kQuietZone * moduleSize,
                             m_modules.width() * moduleSize, m_modules.height() * moduleSize),
                       m_modules);
}
