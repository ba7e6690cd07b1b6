import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// The hall: the stage on top, the seats in rows of ten, and a legend. Tapping a seat selects or
// releases it (the model enforces the rules).
ColumnLayout {
    id: root

    required property SeatMapModel seats

    readonly property int columns: 10
    readonly property int rows: Math.max(1, Math.ceil(root.seats.count / root.columns))
    readonly property int gap: Math.round(7 * Theme.scale)
    // Seats fill the width; they may be up to a quarter taller than wide when there is room.
    readonly property int seatWidth: Math.max(24, Math.floor(Math.min(
        (grid.parent.width - (root.columns - 1) * root.gap) / root.columns,
        (grid.parent.height - (root.rows - 1) * root.gap) / root.rows)))
    readonly property int seatHeight: Math.max(root.seatWidth, Math.floor(Math.min(
        root.seatWidth * 1.25, (grid.parent.height - (root.rows - 1) * root.gap) / root.rows)))

    spacing: Theme.spacing

    Rectangle {
        Layout.fillWidth: true
        Layout.leftMargin: root.width * 0.12
        Layout.rightMargin: root.width * 0.12
        implicitHeight: Math.round(40 * Theme.scale)
        radius: Theme.radiusSmall
        gradient: Gradient {
            GradientStop {
                position: 0
                color: "#3a2a6b"
            }
            GradientStop {
                position: 1
                color: Theme.surfaceRaised
            }
        }

        Text {
            anchors.centerIn: parent
            text: qsTr("STAGE")
            font.pixelSize: Theme.fontSmall
            font.bold: true
            font.letterSpacing: 4 * Theme.scale
            color: Theme.textMuted
        }
    }

    Item {
        Layout.fillWidth: true
        Layout.fillHeight: true

        Grid {
            id: grid

            objectName: "seatGrid"
            anchors.centerIn: parent
            columns: root.columns
            spacing: root.gap

            Repeater {
                model: root.seats

                delegate: SeatDelegate {
                    id: seat

                    width: root.seatWidth
                    height: root.seatHeight
                    onClicked: root.seats.toggle(seat.seatNumber)
                }
            }
        }

        SpinnerIndicator {
            anchors.centerIn: parent
            running: root.seats.loading && !root.seats.loaded
            color: Theme.accent
        }
    }

    SeatLegend {
        Layout.fillWidth: true
    }
}
