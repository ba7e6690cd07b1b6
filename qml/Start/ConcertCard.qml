import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Concert.Kiosk.Ui

// One concert on the start screen; tapping it chooses it.
QQC2.AbstractButton {
    id: root

    required property int concertId
    required property string title
    required property string venue
    property bool chosen: false

    signal picked

    objectName: "concert_" + root.concertId
    implicitHeight: Math.max(Math.round(96 * Theme.scale), implicitContentHeight + 2 * Theme.spacingSmall)
    focusPolicy: Qt.StrongFocus
    onClicked: root.picked()

    Accessible.role: Accessible.Button
    Accessible.name: root.title + ", " + root.venue
    Accessible.description: root.chosen ? qsTr("Chosen") : qsTr("Tap to choose this concert")
    Accessible.checkable: true
    Accessible.checked: root.chosen
    Accessible.onPressAction: root.clicked()

    Keys.onReturnPressed: root.clicked()
    Keys.onEnterPressed: root.clicked()

    background: Rectangle {
        radius: Theme.radius
        color: root.chosen ? Qt.rgba(0.878, 0.2, 0.42, 0.18) : root.down ? Theme.surfaceRaised : Theme.surface
        border.width: root.chosen || root.visualFocus ? 3 : 1
        border.color: root.visualFocus ? Theme.focus : root.chosen ? Theme.accent : Theme.border
    }

    contentItem: RowLayout {
        spacing: Theme.spacing

        Rectangle {
            Layout.leftMargin: Theme.spacing
            Layout.preferredWidth: Math.round(56 * Theme.scale)
            Layout.preferredHeight: Math.round(56 * Theme.scale)
            radius: Theme.radiusSmall
            color: root.chosen ? Theme.accent : Theme.surfaceRaised

            Text {
                anchors.centerIn: parent
                text: root.title.length > 0 ? root.title.charAt(0).toUpperCase() : "♪"
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: root.chosen ? Theme.accentText : Theme.text
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Math.round(4 * Theme.scale)

            Text {
                Layout.fillWidth: true
                text: root.title
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }

            Text {
                Layout.fillWidth: true
                text: root.venue
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                elide: Text.ElideRight
            }
        }

        Text {
            Layout.rightMargin: Theme.spacingLarge
            text: root.chosen ? "✓" : "›"
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: root.chosen ? Theme.accent : Theme.textMuted
        }
    }
}
