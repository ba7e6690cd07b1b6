import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// How long the seats stay held: "4:59" and a bar that empties; amber under a minute, red under
// 20 seconds.
ColumnLayout {
    id: root

    required property int secondsLeft
    property int totalSeconds: 0
    property string caption: qsTr("Seats held for")

    readonly property bool urgent: root.secondsLeft <= 20
    readonly property bool warning: root.secondsLeft <= 60
    readonly property color toneColor: root.urgent ? Theme.danger : root.warning ? Theme.warning : Theme.success

    spacing: Theme.spacingSmall

    Accessible.role: Accessible.StaticText
    Accessible.name: root.caption + " " + clock.text

    RowLayout {
        Layout.fillWidth: true
        spacing: Theme.spacing

        Text {
            Layout.fillWidth: true
            text: root.caption
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }

        Text {
            id: clock

            objectName: "countdownClock"
            text: Format.clock(root.secondsLeft)
            font.pixelSize: Theme.fontTitle
            font.bold: true
            font.family: "DejaVu Sans Mono"
            color: root.toneColor
        }
    }

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: Math.round(8 * Theme.scale)
        radius: height / 2
        color: Theme.surfaceRaised

        Rectangle {
            objectName: "countdownBar"
            width: root.totalSeconds > 0
                   ? parent.width * Math.max(0, Math.min(1, root.secondsLeft / root.totalSeconds)) : 0
            height: parent.height
            radius: height / 2
            color: root.toneColor
        }
    }
}
