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

    readonly property bool waiting: root.queue.state === QueueSession.Waiting && !root.queue.prequeue
    readonly property bool prequeue: root.queue.state === QueueSession.Waiting && root.queue.prequeue
    readonly property bool joining: root.queue.state === QueueSession.Joining || root.queue.state === QueueSession.Idle

    // "4:32", or "1:04:32" an hour or more before the opening.
    function clockText(seconds) {
        if (seconds < 3600)
            return Format.clock(seconds);
        const h = Math.floor(seconds / 3600);
        const rest = seconds % 3600;
        return h + ":" + (rest < 600 ? "0" : "") + Format.clock(rest);
    }

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
                Layout.preferredHeight: Math.max(Math.round(170 * Theme.scale),
                                                 root.prequeue ? prequeueView.implicitHeight : 0)

                SpinnerIndicator {
                    objectName: "joiningIndicator"
                    anchors.centerIn: parent
                    width: Math.round(80 * Theme.scale)
                    height: width
                    running: root.joining
                    color: Theme.accent
                }

                // Before the sale opens: a countdown on the server's clock, no place yet.
                ColumnLayout {
                    id: prequeueView

                    objectName: "prequeueView"
                    anchors.centerIn: parent
                    width: parent.width
                    visible: root.prequeue
                    spacing: Theme.spacingSmall

                    Text {
                        objectName: "saleOpensCountdown"
                        Layout.fillWidth: true
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        text: root.queue.secondsUntilSale > 0
                              ? qsTr("Sales open in %1").arg(root.clockText(root.queue.secondsUntilSale))
                              : qsTr("Sales are opening now")
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        color: Theme.text
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                    }

                    Text {
                        objectName: "prequeueHint"
                        Layout.fillWidth: true
                        text: root.queue.secondsUntilSale > 0
                              ? qsTr("Your place is drawn at opening: everyone who joins before then has the same chance.")
                              : qsTr("Drawing places…")
                        font.pixelSize: Theme.fontLarge
                        color: Theme.textMuted
                        horizontalAlignment: Text.AlignHCenter
                        wrapMode: Text.WordWrap
                    }
                }

                ColumnLayout {
                    anchors.centerIn: parent
                    visible: !root.joining && !root.prequeue
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
                visible: !root.prequeue
                progress: root.queue.progress
                busy: root.joining
            }

            // The room stands still: sold out or paused; the customer keeps the place.
            Rectangle {
                objectName: "roomStateNote"
                Layout.fillWidth: true
                visible: root.queue.state === QueueSession.Waiting && (root.queue.soldOut || root.queue.paused)
                implicitHeight: roomStateColumn.implicitHeight + 2 * Theme.spacing
                radius: Theme.radiusSmall
                color: Theme.surfaceRaised
                border.color: Theme.warning

                Accessible.role: Accessible.StaticText
                Accessible.name: roomStateTitle.text + ". " + roomStateText.text

                ColumnLayout {
                    id: roomStateColumn

                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacingSmall

                    Text {
                        id: roomStateTitle

                        objectName: "roomStateTitle"
                        Layout.fillWidth: true
                        text: root.queue.soldOut ? qsTr("Sold out for now") : qsTr("The queue is paused")
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.warning
                        wrapMode: Text.WordWrap
                    }

                    Text {
                        id: roomStateText

                        Layout.fillWidth: true
                        text: root.queue.soldOut
                              ? qsTr("Every seat is sold. You keep your place: if seats come back (a cancellation or a new date), the queue moves on again.")
                              : qsTr("The box office has paused admission for a moment. You keep your place; the queue moves on when it resumes.")
                        font.pixelSize: Theme.fontBody
                        color: Theme.text
                        wrapMode: Text.WordWrap
                    }
                }
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
                    : root.prequeue ? qsTr("Please stay nearby. When the sale opens you get your place, and when it is your turn this screen moves on to the seat map by itself.")
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
