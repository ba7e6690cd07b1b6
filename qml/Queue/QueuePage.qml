import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// Step 2: the waiting room. Shows the place in line, how many are ahead, the estimated wait and
// how far the customer has come; moves on by itself when the queue admits them.
Item {
    id: root

    required property KioskController controller
    required property QueueSession queue

    readonly property bool waiting: root.queue.state === QueueSession.Waiting
    readonly property bool joining: root.queue.state === QueueSession.Joining || root.queue.state === QueueSession.Idle

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Math.round(760 * Theme.scale))
        height: Math.min(parent.height - 2 * Theme.margin, column.implicitHeight + 2 * Theme.margin)
        radius: Theme.radius * 1.5
        color: Theme.surface
        border.color: Theme.border

        ColumnLayout {
            id: column

            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing

            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("You are in the queue for")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
            }

            Text {
                objectName: "queueConcertTitle"
                Layout.fillWidth: true
                text: root.controller.concertTitle
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                elide: Text.ElideRight
            }

            Item {
                Layout.fillWidth: true
                Layout.preferredHeight: Math.round(170 * Theme.scale)

                SpinnerIndicator {
                    objectName: "joiningIndicator"
                    anchors.centerIn: parent
                    width: Math.round(80 * Theme.scale)
                    height: width
                    running: root.joining
                    color: Theme.accent
                }

                ColumnLayout {
                    anchors.centerIn: parent
                    visible: !root.joining
                    spacing: 0

                    Text {
                        objectName: "queuePosition"
                        Accessible.role: Accessible.StaticText
                        Accessible.name: root.waiting ? qsTr("Your place in line: %1").arg(root.queue.position) : qsTr("It is your turn!")
                        Layout.alignment: Qt.AlignHCenter
                        text: root.waiting ? root.queue.position : "✓"
                        font.pixelSize: Theme.fontDisplay
                        font.bold: true
                        color: root.waiting ? Theme.text : Theme.success
                    }

                    Text {
                        Layout.alignment: Qt.AlignHCenter
                        Layout.maximumWidth: column.width
                        text: root.waiting ? qsTr("your place in line") : qsTr("It is your turn!")
                        wrapMode: Text.WordWrap
                        horizontalAlignment: Text.AlignHCenter
                        font.pixelSize: Theme.fontLarge
                        color: Theme.textMuted
                    }
                }
            }

            QueueProgressBar {
                objectName: "queueProgress"
                Layout.fillWidth: true
                progress: root.queue.progress
                busy: root.joining
            }

            GridLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                columns: Theme.portrait && Language.largeText ? 1 : 2
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                visible: root.waiting

                QueueFactLabel {
                    objectName: "peopleAhead"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    label: qsTr("Ahead of you")
                    value: root.queue.peopleAhead === 0 ? qsTr("Nobody — you are next")
                                                        : qsTr("%n person(s)", "", root.queue.peopleAhead)
                }

                QueueFactLabel {
                    objectName: "estimatedWait"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    label: qsTr("Estimated wait")
                    value: Format.waitText(root.queue.estimatedWaitSeconds, Language.code)
                }
            }

            Text {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                text: root.joining ? qsTr("Getting your place in line…")
                    : qsTr("Please stay nearby. When it is your turn this screen moves on to the seat map by itself.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }

            Item {
                Layout.fillHeight: true
            }

            KioskButton {
                objectName: "leaveQueueButton"
                Layout.alignment: Qt.AlignHCenter
                tone: KioskButton.Tone.Quiet
                text: qsTr("Leave the queue")
                Accessible.description: qsTr("Gives up your place in the queue and returns to the first screen.")
                onClicked: root.controller.startOver()
            }
        }
    }
}
