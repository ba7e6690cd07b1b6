import QtQuick
import QtQuick.Controls as QQC2
import Concert.Kiosk
import Concert.Kiosk.Ui

// One seat tile: its number and, below, its price or its state. Colour and text both say the
// state, so nobody has to tell colours apart.
QQC2.AbstractButton {
    id: root

    required property int seatNumber
    required property int status
    required property real price
    required property bool selected
    required property bool selectable

    readonly property string stateName: root.selected ? "selected"
        : root.status === SeatMapModel.Held ? "held"
        : root.status === SeatMapModel.Sold ? "sold" : "available"

    objectName: "seat_" + root.seatNumber
    enabled: root.status === SeatMapModel.Available
    focusPolicy: Qt.StrongFocus

    Accessible.role: Accessible.CheckBox
    Accessible.name: qsTr("Seat %1").arg(root.seatNumber)
    Accessible.description: {
        switch (root.stateName) {
        case "selected":
            return qsTr("Your choice, %1").arg(Format.money(root.price));
        case "held":
            return qsTr("Held by someone else");
        case "sold":
            return qsTr("Sold");
        default:
            return qsTr("Free, %1").arg(Format.money(root.price));
        }
    }
    Accessible.checkable: true
    Accessible.checked: root.selected
    Accessible.onToggleAction: root.clicked()
    Accessible.onPressAction: root.clicked()

    Keys.onReturnPressed: root.clicked()
    Keys.onEnterPressed: root.clicked()

    background: Rectangle {
        objectName: "seatTile"
        radius: Theme.radiusSmall
        color: {
            switch (root.stateName) {
            case "selected":
                return root.down ? Theme.accentPressed : Theme.seatSelected;
            case "held":
                return Theme.seatHeld;
            case "sold":
                return Theme.seatSold;
            default:
                return root.down ? Theme.surfaceRaised : Theme.seatAvailable;
            }
        }
        border.width: root.visualFocus ? 3 : 2
        border.color: {
            if (root.visualFocus)
                return Theme.focus;
            switch (root.stateName) {
            case "selected":
                return Theme.seatSelected;
            case "held":
                return Theme.seatHeldBorder;
            case "sold":
                return Theme.seatSoldBorder;
            default:
                return Theme.seatAvailableBorder;
            }
        }
        opacity: root.stateName === "available" && !root.selectable ? 0.55 : 1
    }

    contentItem: Item {
        Text {
            objectName: "seatNumberLabel"
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.bottom: parent.verticalCenter
            anchors.bottomMargin: -Math.round(2 * Theme.scale)
            text: root.selected ? "✓ " + root.seatNumber : root.seatNumber
            font.pixelSize: Math.max(10, Math.round(Math.min(root.width, root.height) * 0.32))
            font.bold: true
            font.strikeout: root.stateName === "sold"
            color: root.stateName === "sold" ? Theme.textDisabled : Theme.text
        }

        Text {
            id: caption

            objectName: "seatCaption"
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.top: parent.verticalCenter
            anchors.topMargin: Math.round(4 * Theme.scale)
            text: {
                switch (root.stateName) {
                case "held":
                    return qsTr("held");
                case "sold":
                    return qsTr("sold");
                default:
                    return Format.compactMoney(root.price, Language.code);
                }
            }
            font.pixelSize: Math.max(8, Math.round(Math.min(root.width, root.height) * 0.2))
            color: root.stateName === "selected" ? Theme.accentText
                 : root.stateName === "held" ? Theme.seatHeldBorder
                 : root.stateName === "sold" ? Theme.textDisabled : Theme.textMuted
        }
    }
}
