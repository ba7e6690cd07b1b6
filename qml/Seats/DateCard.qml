import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Concert.Kiosk.Ui

// One bookable date: weekday and date, seats left and the price; the current one is marked.
QQC2.AbstractButton {
    id: root

    required property string date
    required property string label
    required property int availableSeats
    required property real price
    required property bool current

    signal picked

    objectName: "date_" + root.date
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    focusPolicy: Qt.StrongFocus
    onClicked: root.picked()

    Accessible.role: Accessible.Button
    Accessible.name: dateText.text + ", " + seatsText.text + ", " + priceText.text
    Accessible.checkable: true
    Accessible.checked: root.current
    Accessible.onPressAction: root.clicked()

    Keys.onReturnPressed: root.clicked()
    Keys.onEnterPressed: root.clicked()

    background: Rectangle {
        radius: Theme.radiusSmall
        color: root.current ? Qt.rgba(0.878, 0.2, 0.42, 0.18) : root.down ? Theme.surfaceRaised : Theme.surface
        border.width: root.current || root.visualFocus ? 3 : 1
        border.color: root.visualFocus ? Theme.focus : root.current ? Theme.accent : Theme.border
    }

    contentItem: ColumnLayout {
        id: column

        spacing: Math.round(4 * Theme.scale)

        Text {
            id: dateText

            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacing
            Layout.topMargin: Theme.spacing
            // The model's label is written once; this one follows the language.
            text: Format.dateLabel(root.date, Language.code)
            font.pixelSize: Theme.fontBody
            font.bold: true
            color: Theme.text
            elide: Text.ElideRight
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacing
            Layout.rightMargin: Theme.spacing
            Layout.bottomMargin: Theme.spacing

            Text {
                id: seatsText

                Layout.fillWidth: true
                text: qsTr("%n seat(s) left", "", root.availableSeats)
                font.pixelSize: Theme.fontSmall
                color: root.availableSeats <= 5 ? Theme.warning : Theme.textMuted
            }

            Text {
                id: priceText

                text: Format.money(root.price)
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
            }
        }
    }
}
