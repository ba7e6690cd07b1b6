import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// The balance and the ways to top it up: fixed amounts, exactly what is missing, or any amount.
Rectangle {
    id: root

    required property Wallet wallet
    property real missing: 0
    readonly property var presets: [10000, 50000, 100000]

    implicitHeight: column.implicitHeight + 2 * Theme.spacingLarge
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    ColumnLayout {
        id: column

        anchors.fill: parent
        anchors.margins: Theme.spacingLarge
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true

            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Your balance")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }

            Text {
                objectName: "balanceLabel"
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("Your balance: %1").arg(text)
                text: root.wallet.known ? Format.money(root.wallet.balance) : "…"
                font.pixelSize: Theme.fontTitle
                font.bold: true
                color: root.missing > 0 ? Theme.warning : Theme.success
            }
        }

        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("Add money")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }

        GridLayout {
            Layout.fillWidth: true
            columns: 3
            columnSpacing: Theme.spacingSmall
            rowSpacing: Theme.spacingSmall

            Repeater {
                model: root.presets

                delegate: KioskButton {
                    id: preset

                    required property int modelData

                    objectName: "charge_" + preset.modelData
                    Layout.fillWidth: true
                    enabled: !root.wallet.charging
                    text: qsTr("+ %1").arg(Format.money(preset.modelData))
                    accessibleName: qsTr("Add %1 to your balance").arg(Format.money(preset.modelData))
                    onClicked: root.wallet.charge(preset.modelData)
                }
            }
        }

        KioskButton {
            objectName: "chargeMissingButton"
            Layout.fillWidth: true
            visible: root.missing > 0
            enabled: !root.wallet.charging
            text: qsTr("Add exactly what is missing: %1").arg(Format.money(root.missing))
            onClicked: root.wallet.charge(root.missing)
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingSmall

            QQC2.TextField {
                id: amountField

                readonly property real amount: Number(amountField.text)

                objectName: "customAmountField"
                Layout.fillWidth: true
                implicitHeight: Theme.touchTarget
                placeholderText: qsTr("Other amount in ₩")
                Accessible.role: Accessible.EditableText
                Accessible.name: qsTr("Other amount in ₩")
                Accessible.description: qsTr("Type an amount in won, then press Enter or Add.")
                placeholderTextColor: Theme.textDisabled
                font.pixelSize: Theme.fontBody
                color: Theme.text
                leftPadding: Theme.spacing
                inputMethodHints: Qt.ImhDigitsOnly
                validator: RegularExpressionValidator {
                    regularExpression: /^[0-9]{0,8}$/
                }
                background: Rectangle {
                    radius: Theme.radiusSmall
                    color: Theme.background
                    border.width: amountField.activeFocus ? 2 : 1
                    border.color: amountField.activeFocus ? Theme.focus : Theme.border
                }
                onAccepted: customButton.clicked()
            }

            KioskButton {
                id: customButton

                objectName: "chargeCustomButton"
                enabled: !root.wallet.charging && root.wallet.isValidCharge(amountField.amount)
                text: qsTr("Add")
                accessibleName: qsTr("Add the amount typed")
                onClicked: {
                    if (root.wallet.charge(amountField.amount))
                        amountField.clear();
                }
            }
        }

        Text {
            Layout.fillWidth: true
            visible: amountField.text.length > 0 && !root.wallet.isValidCharge(amountField.amount)
            text: qsTr("Enter an amount from %1 to %2.").arg(Format.money(1)).arg(Format.money(root.wallet.maxCharge))
            font.pixelSize: Theme.fontSmall
            color: Theme.warning
            wrapMode: Text.WordWrap
        }
    }
}
