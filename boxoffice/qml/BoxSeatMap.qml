import QtQuick
import Concert.Kiosk
import Concert.Kiosk.Ui

// The kiosk's seat map (Concert.Kiosk.Ui SeatMapView) inside the box office's QQuickWidget.
// `boxSeatMap` is the SeatMapModel the Sell area fills from the staff seat map.
Rectangle {
    id: root

    color: Theme.background

    SeatMapView {
        objectName: "seatMapView"
        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        seats: boxSeatMap
    }
}
