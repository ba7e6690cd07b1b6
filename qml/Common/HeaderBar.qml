import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// The bar on top of every screen: the product, where the customer is in the five steps, and a
// way out ("Start over") once a purchase has begun.
Rectangle {
    id: root

    required property int screen
    required property string userId
    required property bool reachable

    readonly property var steps: [qsTr("Sign in"), qsTr("Queue"), qsTr("Seats"), qsTr("Pay"), qsTr("Done")]

    signal startOverRequested

    implicitHeight: Theme.headerHeight
    color: Theme.surface

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.border
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing

        Row {
            spacing: Theme.spacingSmall

            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: Math.round(34 * Theme.scale)
                height: width
                radius: width / 2
                color: Theme.accent

                Text {
                    anchors.centerIn: parent
                    text: "♪"
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.accentText
                }
            }

            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Concert Tickets")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
        }

        Item {
            Layout.fillWidth: true
        }

        Row {
            objectName: "stepIndicator"
            spacing: Theme.spacingSmall

            Repeater {
                model: root.steps

                delegate: Row {
                    id: step

                    required property int index
                    required property string modelData
                    readonly property bool done: step.index < root.screen || root.screen === KioskController.ReceiptScreen
                    readonly property bool current: step.index === root.screen && !step.done

                    spacing: Theme.spacingSmall

                    Rectangle {
                        anchors.verticalCenter: parent.verticalCenter
                        width: Math.round(30 * Theme.scale)
                        height: width
                        radius: width / 2
                        color: step.current ? Theme.accent : step.done ? Theme.surfaceRaised : "transparent"
                        border.color: step.current ? Theme.accent : Theme.border
                        border.width: 2

                        Text {
                            anchors.centerIn: parent
                            text: step.done ? "✓" : step.index + 1
                            font.pixelSize: Theme.fontSmall
                            font.bold: true
                            color: step.current ? Theme.accentText : step.done ? Theme.success : Theme.textMuted
                        }
                    }

                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        text: step.modelData
                        font.pixelSize: Theme.fontSmall
                        font.bold: step.current
                        color: step.current ? Theme.text : Theme.textMuted
                    }

                    Rectangle {
                        anchors.verticalCenter: parent.verticalCenter
                        visible: step.index < root.steps.length - 1
                        width: Math.round(18 * Theme.scale)
                        height: 2
                        color: Theme.border
                    }
                }
            }
        }

        Item {
            Layout.fillWidth: true
        }

        Row {
            spacing: Theme.spacingSmall
            visible: !root.reachable

            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: Math.round(12 * Theme.scale)
                height: width
                radius: width / 2
                color: Theme.danger
            }

            Text {
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Offline")
                font.pixelSize: Theme.fontSmall
                color: Theme.danger
            }
        }

        Text {
            visible: root.userId.length > 0 && root.reachable // "Offline" takes its place
            text: qsTr("Member %1…").arg(root.userId.substring(0, 8))
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }

        KioskButton {
            objectName: "startOverButton"
            // The receipt has its own big "Done".
            visible: root.screen !== KioskController.StartScreen && root.screen !== KioskController.ReceiptScreen
            tone: KioskButton.Tone.Quiet
            implicitHeight: Math.round(52 * Theme.scale)
            text: qsTr("Start over")
            onClicked: root.startOverRequested()
        }
    }
}
