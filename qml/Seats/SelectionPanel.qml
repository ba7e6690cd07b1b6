import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// The customer's chosen seats, the total and the button that holds them.
Rectangle {
    id: root

    required property SeatMapModel seats
    property bool busy: false
    property bool limitShown: false

    signal holdRequested

    function showLimit() {
        root.limitShown = true;
        limitTimer.restart();
    }

    implicitHeight: column.implicitHeight + 2 * Theme.spacingLarge
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    Connections {
        target: root.seats

        function onSelectionLimitReached() {
            root.showLimit();
        }
    }

    Timer {
        id: limitTimer

        interval: 4000
        onTriggered: root.limitShown = false
    }

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
            text: qsTr("Your seats")
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
        }

        Text {
            objectName: "selectionLimitHint"
            Layout.fillWidth: true
            text: root.limitShown ? qsTr("You can take up to %n seat(s) at a time.", "", root.seats.maxSelection)
                                  : qsTr("Tap up to %n free seat(s).", "", root.seats.maxSelection)
            font.pixelSize: Theme.fontSmall
            font.bold: root.limitShown
            color: root.limitShown ? Theme.warning : Theme.textMuted
            wrapMode: Text.WordWrap
        }

        Flow {
            objectName: "selectedSeatChips"
            Layout.fillWidth: true
            spacing: Theme.spacingSmall

            Repeater {
                model: root.seats.selectedSeats

                delegate: Rectangle {
                    id: chip

                    required property int modelData

                    width: chipText.implicitWidth + 2 * Theme.spacing
                    height: Math.round(44 * Theme.scale)
                    radius: height / 2
                    color: Theme.seatSelected

                    Text {
                        id: chipText

                        anchors.centerIn: parent
                        text: qsTr("Seat %1").arg(chip.modelData)
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.accentText
                    }
                }
            }
        }

        Item {
            Layout.fillHeight: true
            visible: !Theme.portrait
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: Theme.border
        }

        RowLayout {
            Layout.fillWidth: true

            Text {
                Layout.fillWidth: true
                text: qsTr("%n seat(s)", "", root.seats.selectedCount)
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }

            Text {
                objectName: "selectionTotal"
                text: Format.money(root.seats.selectedTotal)
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
        }

        KioskButton {
            objectName: "holdSeatsButton"
            Layout.fillWidth: true
            tone: KioskButton.Tone.Primary
            enabled: root.seats.selectedCount > 0 && !root.busy
            text: root.busy ? qsTr("Holding…") : qsTr("Hold these seats")
            Accessible.description: qsTr("Keeps the seats for you for a few minutes while you pay.")
            onClicked: root.holdRequested()
        }

        KioskButton {
            objectName: "clearSelectionButton"
            Layout.fillWidth: true
            tone: KioskButton.Tone.Quiet
            enabled: root.seats.selectedCount > 0 && !root.busy
            text: qsTr("Clear selection")
            Accessible.description: qsTr("Unselects every seat you picked.")
            onClicked: root.seats.clearSelection()
        }
    }
}
