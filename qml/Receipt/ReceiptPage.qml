import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// Step 5: what was bought. "Done" (or the idle timeout) goes back to the start.
Item {
    id: root

    required property KioskController controller
    required property Checkout checkout

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Math.round(820 * Theme.scale))
        height: Math.min(parent.height - 2 * Theme.margin, column.implicitHeight + 2 * Theme.margin)
        radius: Theme.radius * 1.5
        color: Theme.surface
        border.color: Theme.border

        ColumnLayout {
            id: column

            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingLarge

                Rectangle {
                    Layout.preferredWidth: Math.round(72 * Theme.scale)
                    Layout.preferredHeight: Math.round(72 * Theme.scale)
                    radius: width / 2
                    color: Theme.success

                    Text {
                        anchors.centerIn: parent
                        text: "✓"
                        font.pixelSize: Theme.fontHero
                        font.bold: true
                        color: Theme.background
                    }
                }

                // A Column, not a ColumnLayout: wrapped text keeps the height its width needs.
                Column {
                    id: headline

                    Layout.fillWidth: true
                    spacing: Math.round(4 * Theme.scale)

                    Text {
                        objectName: "receiptHeadline"
                        width: headline.width
                        text: qsTr("Payment complete")
                        Accessible.role: Accessible.Heading
                        Accessible.name: text
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        color: Theme.text
                        wrapMode: Text.WordWrap
                    }

                    Text {
                        width: headline.width
                        text: root.checkout.ticketCode.length > 0
                              ? qsTr("Enjoy the show! Your seats are booked — show this ticket's QR code at the entrance.")
                              : qsTr("Enjoy the show! Your seats are booked — show your member number at the entrance.")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                        wrapMode: Text.WordWrap
                    }
                }
            }

            Rectangle {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingSmall
                implicitHeight: 1
                color: Theme.border
            }

            // The details, and the ticket as a QR code beside them (below them in portrait).
            GridLayout {
                Layout.fillWidth: true
                columns: Theme.portrait ? 1 : 2
                columnSpacing: Theme.spacingLarge
                rowSpacing: Theme.spacing

            ColumnLayout {
                objectName: "receiptDetails"
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                spacing: Theme.spacingSmall

                Repeater {
                    model: [
                        { label: qsTr("Concert"), value: root.controller.concertTitle },
                        { label: qsTr("Venue"), value: root.controller.concertVenue },
                        { label: qsTr("Date"), value: Format.dateLabel(root.checkout.date, Language.code) },
                        { label: qsTr("Seats"), value: Format.seatList(root.checkout.seatNumbers, Language.code) },
                        { label: qsTr("Paid"), value: Format.money(root.checkout.amount) },
                        { label: qsTr("Balance left"), value: Format.money(root.checkout.balanceAfterPayment) },
                        { label: qsTr("Payment number"), value: String(root.checkout.paymentId) },
                        { label: qsTr("Paid at"), value: Format.dateTimeLabel(root.checkout.paidAt, Language.code) },
                        { label: qsTr("Member number"), value: root.controller.userId }
                    ]

                    delegate: RowLayout {
                        id: row

                        required property var modelData
                        required property int index

                        objectName: "receiptRow_" + row.index
                        Layout.fillWidth: true
                        spacing: Theme.spacingLarge

                        Accessible.role: Accessible.StaticText
                        Accessible.name: row.modelData.label + ": " + row.modelData.value

                        Text {
                            Layout.preferredWidth: Math.round(200 * Theme.scale * Theme.textScale)
                            wrapMode: Text.WordWrap
                            text: row.modelData.label
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                        }

                        Text {
                            objectName: "receiptValue"
                            Layout.fillWidth: true
                            text: row.modelData.value
                            font.pixelSize: Theme.fontBody
                            font.bold: row.index < 6
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            ColumnLayout {
                objectName: "ticketBox"
                visible: root.checkout.ticketCode.length > 0
                Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                Layout.preferredWidth: Math.round(260 * Theme.scale)
                Layout.maximumWidth: Math.round(260 * Theme.scale)
                spacing: Theme.spacingSmall

                QrCode {
                    id: ticketQr

                    objectName: "ticketQrCode"
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: Math.round(220 * Theme.scale)
                    Layout.preferredHeight: Math.round(220 * Theme.scale)
                    text: root.checkout.ticketCode
                    Accessible.role: Accessible.Graphic
                    Accessible.name: qsTr("Your ticket as a QR code")
                }

                Text {
                    objectName: "ticketCodeText"
                    Layout.fillWidth: true
                    text: root.checkout.ticketCode
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Ticket code: %1").arg(text)
                    font.pixelSize: Theme.fontSmall
                    font.family: "DejaVu Sans Mono"
                    color: Theme.text
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WrapAnywhere
                }
            }
            }

            Item {
                Layout.fillHeight: true
            }

            KioskButton {
                objectName: "receiptDoneButton"
                Layout.fillWidth: true
                tone: KioskButton.Tone.Primary
                text: qsTr("Done")
                onClicked: root.controller.startOver()
            }
        }
    }
}
