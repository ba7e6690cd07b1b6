import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// Step 4: the held seats with their countdown, the balance with ways to top it up, and Pay.
Item {
    id: root

    required property KioskController controller
    required property Checkout checkout
    required property Wallet wallet

    readonly property real missing: Math.max(0, root.checkout.amount - root.wallet.balance)

    // Landscape: the order on the left, balance and Pay on the right. Portrait: stacked.
    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: Theme.portrait ? 1 : 2
        columnSpacing: Theme.margin
        rowSpacing: Theme.spacing

        OrderSummaryPanel {
            Layout.preferredWidth: Theme.portrait ? -1 : parent.width * 0.45
            Layout.fillWidth: Theme.portrait
            Layout.fillHeight: !Theme.portrait
            Layout.preferredHeight: Theme.portrait ? implicitHeight : -1
            controller: root.controller
            checkout: root.checkout
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing

            ChargePanel {
                objectName: "chargePanel"
                Layout.fillWidth: true
                wallet: root.wallet
                missing: root.wallet.known ? root.missing : 0
            }

            Item {
                Layout.fillHeight: true
            }

            Text {
                objectName: "payHint"
                Layout.fillWidth: true
                visible: root.wallet.known && root.missing > 0
                text: qsTr("Add %1 more to pay for these seats.").arg(Format.money(root.missing))
                font.pixelSize: Theme.fontBody
                color: Theme.warning
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing

            // Gives the held seats back at once (nobody waits for them) and shows the map again.
            KioskButton {
                objectName: "changeSeatsButton"
                Layout.preferredHeight: Math.round(76 * Theme.scale)
                tone: KioskButton.Tone.Quiet
                enabled: root.checkout.state === Checkout.Held
                text: qsTr("Change seats")
                Accessible.description: qsTr("Gives these seats back and returns to the seat map.")
                onClicked: root.controller.changeSeats()
            }

            KioskButton {
                objectName: "payButton"
                Layout.fillWidth: true
                implicitHeight: Math.round(76 * Theme.scale)
                tone: KioskButton.Tone.Primary
                font.pixelSize: Theme.fontLarge
                enabled: root.checkout.state === Checkout.Held && !root.wallet.charging
                text: root.checkout.state === Checkout.Paying ? qsTr("Paying…") : qsTr("Pay %1").arg(Format.money(root.checkout.amount))
                Accessible.description: qsTr("Pays from your balance; the seats become yours.")
                onClicked: root.controller.pay()
            }
            }
        }
    }
}
