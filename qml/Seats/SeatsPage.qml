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

    // Landscape: dates | map | selection. Portrait: dates in a row on top, the map, the selection
    // under it; the map always shows all 50 seats.
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 3
        columnSpacing: Theme.margin
        rowSpacing: Theme.spacing

        ColumnLayout {
            Layout.preferredWidth: Theme.portrait ? -1 : Math.round(232 * Theme.scale)
            Layout.maximumWidth: Theme.portrait ? Number.POSITIVE_INFINITY : Math.round(232 * Theme.scale)
            Layout.fillWidth: Theme.portrait
            Layout.fillHeight: !Theme.portrait
            spacing: Theme.spacingSmall

            Text {
                Layout.fillWidth: true
                text: qsTr("Pick a date")
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }

            ListView {
                id: dateList

                objectName: "dateList"
                Layout.fillWidth: true
                Layout.fillHeight: !Theme.portrait
                Layout.preferredHeight: Theme.portrait ? (dateList.currentItem ? dateList.currentItem.implicitHeight : Theme.touchTarget * 1.5) : -1
                orientation: Theme.portrait ? ListView.Horizontal : ListView.Vertical
                clip: true
                spacing: Theme.spacingSmall
                boundsBehavior: Flickable.StopAtBounds
                model: dates
                delegate: DateCard {
                    id: card

                    width: Theme.portrait ? Math.round(232 * Theme.scale) : ListView.view.width
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
                    text: Format.dateLabel(dates.currentDate, Language.code)
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

            Layout.preferredWidth: Theme.portrait ? -1 : Math.round(272 * Theme.scale)
            Layout.fillWidth: Theme.portrait
            Layout.fillHeight: !Theme.portrait
            Layout.preferredHeight: Theme.portrait ? implicitHeight : -1
            seats: seats
            busy: root.checkout.busy
            onHoldRequested: root.controller.holdSeats(seats.selectedSeats)
        }
    }
}
