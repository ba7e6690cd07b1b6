import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// Step 1: the customer says who they are (member number, or a new one) and picks a concert.
Item {
    id: root

    required property KioskController controller
    required property ApiClient client

    property int chosenConcertId: 0
    property string chosenTitle: ""
    property string chosenVenue: ""
    property bool newMember: false

    function reset() {
        memberField.text = "";
        root.newMember = false;
        root.chosenConcertId = 0;
        root.chosenTitle = "";
        root.chosenVenue = "";
    }

    Connections {
        target: root.controller

        function onSessionReset() {
            root.reset();
        }
    }

    // Landscape: sign-in on the left, concerts on the right. Portrait: one above the other.
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 2
        columnSpacing: Theme.margin
        rowSpacing: Theme.spacingLarge

        ColumnLayout {
            Layout.preferredWidth: Theme.portrait ? -1 : parent.width * 0.4
            Layout.fillWidth: Theme.portrait
            Layout.fillHeight: !Theme.portrait
            spacing: Theme.portrait ? Theme.spacing : Theme.spacingLarge

            Text {
                Layout.fillWidth: true
                text: qsTr("Get your tickets")
                Accessible.role: Accessible.Heading
                Accessible.name: text
                font.pixelSize: Theme.portrait ? Theme.fontTitle : Theme.fontHero
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }

            Text {
                Layout.fillWidth: true
                text: qsTr("Sign in with your member number, choose a concert and join the queue. When it is your turn you pick your seats and pay from your balance.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                lineHeight: 1.15
            }

            Rectangle {
                Layout.fillWidth: true
                implicitHeight: memberColumn.implicitHeight + 2 * Theme.spacingLarge
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border

                ColumnLayout {
                    id: memberColumn

                    anchors.fill: parent
                    anchors.margins: Theme.spacingLarge
                    spacing: Theme.spacing

                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Member number")
                        wrapMode: Text.WordWrap
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.text
                    }

                    QQC2.TextField {
                        id: memberField

                        objectName: "memberIdField"
                        Layout.fillWidth: true
                        implicitHeight: Theme.touchTarget
                        placeholderText: qsTr("e.g. 3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c")
                        placeholderTextColor: Theme.textDisabled
                        font.pixelSize: Theme.fontBody
                        font.family: "DejaVu Sans Mono"
                        color: Theme.text
                        inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhPreferLowercase
                        leftPadding: Theme.spacing
                        rightPadding: Theme.spacing
                        background: Rectangle {
                            radius: Theme.radiusSmall
                            color: Theme.background
                            border.width: memberField.activeFocus ? 2 : 1
                            border.color: memberField.activeFocus ? Theme.focus : Theme.border
                        }
                        Accessible.role: Accessible.EditableText
                        Accessible.name: qsTr("Member number")
                        Accessible.description: qsTr("Type or scan your member number, then press Enter.")
                        onTextEdited: root.newMember = false
                        // A barcode scanner types the number and Enter: join at once when a
                        // concert is chosen, else go on to the concert list.
                        onAccepted: {
                            if (joinButton.enabled)
                                joinButton.clicked();
                            else if (root.controller.isValidMemberId(memberField.text) && concertList.count > 0)
                                concertList.itemAtIndex(Math.max(0, concertList.currentIndex)).forceActiveFocus(Qt.TabFocusReason);
                        }
                    }

                    Text {
                        objectName: "newMemberHint"
                        Layout.fillWidth: true
                        visible: root.newMember
                        text: qsTr("This is your new member number. Keep a note of it: you need it to pay and to top up later.")
                        font.pixelSize: Theme.fontSmall
                        color: Theme.success
                        wrapMode: Text.WordWrap
                    }

                    Text {
                        Layout.fillWidth: true
                        visible: memberField.text.length > 0 && !root.controller.isValidMemberId(memberField.text)
                        text: qsTr("A member number looks like 8-4-4-4-12 letters and digits.")
                        font.pixelSize: Theme.fontSmall
                        color: Theme.warning
                        wrapMode: Text.WordWrap
                    }

                    KioskButton {
                        objectName: "newCustomerButton"
                        Layout.fillWidth: true
                        text: qsTr("I’m new here — create my member number")
                        Accessible.description: qsTr("Makes a new member number and fills it in for you.")
                        onClicked: {
                            memberField.text = root.controller.newMemberId();
                            root.newMember = true;
                        }
                    }
                }
            }

            Item {
                Layout.fillHeight: true
                visible: !Theme.portrait
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.Heading
                Accessible.name: text
                text: qsTr("Choose a concert")
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: Theme.text
            }

            ListView {
                id: concertList

                objectName: "concertList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.spacing
                boundsBehavior: Flickable.StopAtBounds
                model: ConcertListModel {
                    id: concerts

                    objectName: "concertListModel"
                    client: root.client
                }
                delegate: ConcertCard {
                    id: card

                    required property int index

                    width: ListView.view.width
                    chosen: card.concertId === root.chosenConcertId
                    onPicked: {
                        concertList.currentIndex = card.index;
                        root.chosenConcertId = card.concertId;
                        root.chosenTitle = card.title;
                        root.chosenVenue = card.venue;
                    }
                }

                Text {
                    anchors.centerIn: parent
                    width: parent.width * 0.8
                    visible: concerts.loaded && concerts.count === 0
                    text: qsTr("No concerts are on sale right now.")
                    font.pixelSize: Theme.fontLarge
                    color: Theme.textMuted
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                }

                SpinnerIndicator {
                    anchors.centerIn: parent
                    running: concerts.loading && !concerts.loaded
                    color: Theme.accent
                }
            }

            KioskButton {
                id: joinButton

                objectName: "joinQueueButton"
                Layout.fillWidth: true
                tone: KioskButton.Tone.Primary
                enabled: root.chosenConcertId > 0 && root.controller.isValidMemberId(memberField.text)
                text: root.chosenConcertId > 0 ? qsTr("Join the queue for %1").arg(root.chosenTitle) : qsTr("Join the queue")
                Accessible.description: enabled ? "" : qsTr("Enter your member number and choose a concert first.")
                onClicked: root.controller.begin(memberField.text, root.chosenConcertId, root.chosenTitle, root.chosenVenue)
            }
        }
    }
}
