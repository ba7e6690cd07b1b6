import QtQuick
import QtTest
import Concert.Kiosk
import Concert.Kiosk.Ui

// The top-up panel: fixed amounts, "exactly what is missing", and the custom amount's limits.
Item {
    id: root

    width: 700
    height: 500

    Wallet {
        id: wallet
    }

    ChargePanel {
        id: panel

        width: 700
        wallet: wallet
        missing: 0
    }

    TestCase {
        name: "ChargePanel"
        when: windowShown

        function init() {
            panel.missing = 0;
            findChild(panel, "customAmountField").text = "";
        }

        function test_fixedAmounts() {
            for (const amount of [10000, 50000, 100000]) {
                const button = findChild(panel, "charge_" + amount);
                verify(button, "button for " + amount);
                compare(button.text, "+ " + Format.money(amount));
            }
        }

        function test_missingAmountButton() {
            const button = findChild(panel, "chargeMissingButton");
            verify(!button.visible);
            panel.missing = 30000;
            verify(button.visible);
            verify(button.text.includes("₩30,000"));
        }

        function test_customAmount_data() {
            return [
                { tag: "a usual amount", text: "20000", accepted: true },
                { tag: "the largest charge", text: "10000000", accepted: true },
                { tag: "zero", text: "0", accepted: false },
                { tag: "over the limit", text: "10000001", accepted: false }
            ];
        }

        function test_customAmount(data) {
            const field = findChild(panel, "customAmountField");
            field.text = data.text;
            compare(findChild(panel, "chargeCustomButton").enabled, data.accepted);
        }

        function test_onlyDigitsCanBeTyped() {
            const field = findChild(panel, "customAmountField");
            mouseClick(field);
            verify(field.activeFocus);
            keyClick(Qt.Key_1);
            keyClick(Qt.Key_A);
            keyClick(Qt.Key_Minus);
            keyClick(Qt.Key_5);
            compare(field.text, "15");
        }
    }
}
