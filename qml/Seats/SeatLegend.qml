import QtQuick
import Concert.Kiosk.Ui

// What the seat colours mean.
Row {
    id: root

    spacing: Theme.spacingLarge

    Repeater {
        model: [
            { label: qsTr("Free"), fill: Theme.seatAvailable, edge: Theme.seatAvailableBorder },
            { label: qsTr("Your choice"), fill: Theme.seatSelected, edge: Theme.seatSelected },
            { label: qsTr("Held by someone"), fill: Theme.seatHeld, edge: Theme.seatHeldBorder },
            { label: qsTr("Sold"), fill: Theme.seatSold, edge: Theme.seatSoldBorder }
        ]

        delegate: Row {
            id: entry

            required property var modelData

            spacing: Theme.spacingSmall

            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: Math.round(22 * Theme.scale)
                height: width
                radius: Math.round(5 * Theme.scale)
                color: entry.modelData.fill
                border.color: entry.modelData.edge
                border.width: 2
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
