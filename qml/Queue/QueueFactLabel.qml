import QtQuick
import QtQuick.Layouts
import Concert.Kiosk.Ui

// A small labelled fact on the waiting screen, e.g. "Estimated wait — about 2 minutes".
Rectangle {
    id: root

    required property string label
    required property string value

    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    radius: Theme.radiusSmall
    color: Theme.surfaceRaised

    Accessible.role: Accessible.StaticText
    Accessible.name: root.label + ": " + root.value

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Math.round(4 * Theme.scale)

        Text {
            Layout.fillWidth: true
            text: root.label
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }

        Text {
            objectName: "factValue"
            Layout.fillWidth: true
            text: root.value
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
            wrapMode: Text.WordWrap
        }
    }
}
