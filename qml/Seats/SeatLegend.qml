import QtQuick
import Concert.Kiosk.Ui

// What the seat tiles mean: colour, and a mark that needs no colour (✓ chosen, "—" held,
// struck out sold), as on the tiles themselves. Wraps to two lines on narrow screens.
Flow {
    id: root

    spacing: Theme.spacingLarge

    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("Seat legend")

    Repeater {
        model: [
            { label: qsTr("Free"), fill: Theme.seatAvailable, edge: Theme.seatAvailableBorder, mark: "₩", strike: false },
            { label: qsTr("Your choice"), fill: Theme.seatSelected, edge: Theme.seatSelected, mark: "✓", strike: false },
            { label: qsTr("Held by someone"), fill: Theme.seatHeld, edge: Theme.seatHeldBorder, mark: "—", strike: false },
            { label: qsTr("Sold"), fill: Theme.seatSold, edge: Theme.seatSoldBorder, mark: "7", strike: true }
        ]

        delegate: Row {
            id: entry

            required property var modelData

            spacing: Theme.spacingSmall

            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: Math.round(26 * Theme.scale * Theme.textScale)
                height: width
                radius: Math.round(5 * Theme.scale)
                color: entry.modelData.fill
                border.color: entry.modelData.edge
                border.width: 2

                Text {
                    anchors.centerIn: parent
                    text: entry.modelData.mark
                    font.pixelSize: Math.round(parent.height * 0.6)
                    font.bold: true
                    font.strikeout: entry.modelData.strike
                    color: entry.modelData.strike ? Theme.textDisabled : Theme.text
                }
            }

            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: entry.modelData.label
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
            }
        }
    }
}
