import QtQuick
import QtQuick.Layouts
import Concert.Kiosk.Ui

// How far the customer has come from where they joined to the front of the line.
ColumnLayout {
    id: root

    required property real progress
    property bool busy: false

    spacing: Theme.spacingSmall

    Accessible.role: Accessible.ProgressBar
    Accessible.name: qsTr("Progress to the front of the line: %1%").arg(Math.round(100 * Math.max(0, Math.min(1, root.progress))))

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: Math.round(18 * Theme.scale)
        radius: height / 2
        color: Theme.surfaceRaised

        Rectangle {
            id: fill

            width: Math.max(height, parent.width * Math.max(0, Math.min(1, root.progress)))
            height: parent.height
            radius: height / 2
            color: Theme.accent
            visible: !root.busy

            Behavior on width {
                NumberAnimation {
                    duration: 400
                    easing.type: Easing.OutCubic
                }
            }
        }
    }

    // Anchored rather than in a RowLayout: the labels keep their natural width at every scale.
    Item {
        Layout.fillWidth: true
        implicitHeight: Math.max(joined.implicitHeight, front.implicitHeight)

        Text {
            id: joined

            anchors.left: parent.left
            width: Math.min(implicitWidth, parent.width / 2)
            text: qsTr("Joined")
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            elide: Text.ElideRight
        }

        Text {
            id: front

            anchors.right: parent.right
            width: Math.min(implicitWidth, parent.width / 2)
            horizontalAlignment: Text.AlignRight
            text: qsTr("Front of the line")
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            elide: Text.ElideRight
        }
    }
}
