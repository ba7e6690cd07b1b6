import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// What went wrong (or changed) and what happens next, under the header. A retrying notice has
// a spinner and no button: it goes away by itself when the server answers again.
Rectangle {
    id: root

    required property int kind
    required property string title
    required property string message

    readonly property bool retrying: root.kind === KioskError.RetryingNotice
    readonly property color toneColor: {
        switch (root.kind) {
        case KioskError.WarningNotice:
            return Theme.warning;
        case KioskError.ErrorNotice:
            return Theme.danger;
        case KioskError.RetryingNotice:
            return Theme.textMuted;
        default:
            return Theme.info;
        }
    }

    signal dismissed

    visible: root.title.length > 0
    implicitHeight: visible ? content.implicitHeight + 2 * Theme.spacing : 0
    radius: Theme.radius
    color: Qt.rgba(root.toneColor.r, root.toneColor.g, root.toneColor.b, 0.16)
    border.color: root.toneColor
    border.width: 2

    Accessible.role: Accessible.AlertMessage
    Accessible.name: root.title + ". " + root.message

    RowLayout {
        id: content

        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing

        Item {
            Layout.preferredWidth: Theme.touchTarget * 0.7
            Layout.preferredHeight: Theme.touchTarget * 0.7
            Layout.alignment: Qt.AlignVCenter

            Rectangle {
                anchors.fill: parent
                visible: !root.retrying
                radius: width / 2
                color: root.toneColor

                Text {
                    anchors.centerIn: parent
                    text: root.kind === KioskError.InfoNotice ? "i" : "!"
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.background
                }
            }

            SpinnerIndicator {
                objectName: "retryingIndicator"
                anchors.fill: parent
                running: root.retrying
                color: Theme.text
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall / 2

            Text {
                objectName: "bannerTitle"
                Layout.fillWidth: true
                text: root.title
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }

            Text {
                objectName: "bannerMessage"
                Layout.fillWidth: true
                text: root.message
                font.pixelSize: Theme.fontBody
                color: Theme.text
                wrapMode: Text.WordWrap
                visible: text.length > 0
            }
        }

        KioskButton {
            objectName: "bannerDismissButton"
            Layout.alignment: Qt.AlignVCenter
            visible: !root.retrying
            text: qsTr("OK")
            accessibleName: qsTr("Close this message")
            onClicked: root.dismissed()
        }
    }
}
