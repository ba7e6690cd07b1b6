import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// What the customer is about to buy and how long the seats stay held.
Rectangle {
    id: root

    required property KioskController controller
    required property Checkout checkout

    implicitHeight: column.implicitHeight + 2 * Theme.spacingLarge
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
            text: qsTr("Your order")
            font.pixelSize: Theme.fontSmall
            font.bold: true
            font.capitalization: Font.AllUppercase
            font.letterSpacing: 1.5 * Theme.scale
            color: Theme.textMuted
        }

        Text {
            objectName: "orderTitle"
            Layout.fillWidth: true
            text: root.controller.concertTitle
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.text
            wrapMode: Text.WordWrap
        }

        Text {
            Layout.fillWidth: true
            text: root.controller.concertVenue + " · " + Format.dateLabel(root.checkout.date, Language.code)
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            wrapMode: Text.WordWrap
        }

        Flow {
            objectName: "heldSeatChips"
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacingSmall
            spacing: Theme.spacingSmall

            Repeater {
                model: root.checkout.seatNumbers

                delegate: Rectangle {
                    id: chip

                    required property int modelData

                    width: seatText.implicitWidth + 2 * Theme.spacing
                    height: Math.round(44 * Theme.scale)
                    radius: height / 2
                    color: Theme.surfaceRaised
                    border.color: Theme.seatSelected
                    border.width: 2

                    Text {
                        id: seatText

                        anchors.centerIn: parent
                        text: qsTr("Seat %1").arg(chip.modelData)
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.text
                    }
                }
            }
        }

        Text {
            objectName: "pricePerSeat"
            Layout.fillWidth: true
            visible: root.checkout.seatNumbers.length > 0
            text: qsTr("%1 per seat").arg(Format.money(root.checkout.amount / Math.max(1, root.checkout.seatNumbers.length)))
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }

        Item {
            Layout.fillHeight: true
            visible: !Theme.portrait
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: countdown.implicitHeight + 2 * Theme.spacing
            radius: Theme.radiusSmall
            color: Theme.surfaceRaised

            CountdownLabel {
                id: countdown

                objectName: "holdCountdown"
                anchors.fill: parent
                anchors.margins: Theme.spacing
                secondsLeft: root.checkout.secondsLeft
                totalSeconds: root.checkout.holdSeconds
            }
        }

        Text {
            Layout.fillWidth: true
            text: qsTr("Nobody else can take these seats until the time runs out. Pay before then to keep them.")
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            wrapMode: Text.WordWrap
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.topMargin: Theme.spacingSmall
            implicitHeight: 1
            color: Theme.border
        }

        RowLayout {
            Layout.fillWidth: true

            Text {
                Layout.fillWidth: true
                text: qsTr("Total, %n seat(s)", "", root.checkout.seatNumbers.length)
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }

            Text {
                objectName: "orderTotal"
                text: Format.money(root.checkout.amount)
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }
        }
    }
}
