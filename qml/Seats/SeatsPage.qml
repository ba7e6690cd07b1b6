import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// Step 3: the dates with free seats, the seat map of the chosen date, and the selection.
Item {
    id: root

    required property KioskController controller
    required property ApiClient client
    required property Checkout checkout

    DateListModel {
        id: dates

        objectName: "dateListModel"
        client: root.client
        concertId: root.controller.concertId
        currentDate: root.controller.date
        active: true
        onCurrentDateChanged: root.controller.date = dates.currentDate
    }

    SeatMapModel {
        id: seats

        objectName: "seatMapModel"
        client: root.client
        concertId: root.controller.concertId
        date: dates.currentDate
        active: true
        onSelectionLost: seatNumbers => root.controller.reportSelectionLost(seatNumbers)
    }

    Connections {
        target: root.controller

        function onSeatsInvalidated() {
            seats.refresh();
            dates.refresh();
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin

        ColumnLayout {
            Layout.preferredWidth: Math.round(232 * Theme.scale)
            Layout.maximumWidth: Math.round(232 * Theme.scale)
            Layout.fillHeight: true
            spacing: Theme.spacing

            Text {
                text: qsTr("Pick a date")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }

            ListView {
                objectName: "dateList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.spacingSmall
                boundsBehavior: Flickable.StopAtBounds
                model: dates
                delegate: DateCard {
                    id: card

                    width: ListView.view.width
                    onPicked: root.controller.date = card.date
                }
            }

            Text {
                Layout.fillWidth: true
                visible: dates.loaded && dates.count === 0
                text: qsTr("This concert is sold out.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
                wrapMode: Text.WordWrap
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true

                Text {
                    Layout.fillWidth: true
                    text: root.controller.concertTitle
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }

                Text {
                    objectName: "seatMapDate"
                    text: Format.dateLabel(dates.currentDate)
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
            }

            SeatMapView {
                objectName: "seatMapView"
                Layout.fillWidth: true
                Layout.fillHeight: true
                seats: seats
            }
        }

        SelectionPanel {
            id: panel

            Layout.preferredWidth: Math.round(272 * Theme.scale)
            Layout.fillHeight: true
            seats: seats
            busy: root.checkout.busy
            onHoldRequested: root.controller.holdSeats(seats.selectedSeats)
        }
    }
}
