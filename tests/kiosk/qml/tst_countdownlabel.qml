import QtQuick
import QtTest
import Concert.Kiosk.Ui

// The hold countdown: minutes and seconds, a bar that empties, and warning colours at the end.
Item {
    id: root

    width: 400
    height: 120

    CountdownLabel {
        id: countdown

        width: 400
        secondsLeft: 300
        totalSeconds: 300
    }

    TestCase {
        name: "CountdownLabel"
        when: windowShown

        function test_clock_data() {
            return [
                { tag: "five minutes", seconds: 300, text: "5:00" },
                { tag: "two minutes five", seconds: 125, text: "2:05" },
                { tag: "last seconds", seconds: 9, text: "0:09" },
                { tag: "over", seconds: 0, text: "0:00" }
            ];
        }

        function test_clock(data) {
            countdown.secondsLeft = data.seconds;
            compare(findChild(countdown, "countdownClock").text, data.text);
        }

        function test_barEmpties() {
            const bar = findChild(countdown, "countdownBar");
            countdown.secondsLeft = 300;
            compare(bar.width, bar.parent.width);
            countdown.secondsLeft = 150;
            compare(bar.width, bar.parent.width / 2);
            countdown.secondsLeft = 0;
            compare(bar.width, 0);
        }

        function test_urgency_data() {
            return [
                { tag: "plenty of time", seconds: 200, warning: false, urgent: false },
                { tag: "last minute", seconds: 60, warning: true, urgent: false },
                { tag: "last twenty seconds", seconds: 20, warning: true, urgent: true }
            ];
        }

        function test_urgency(data) {
            countdown.secondsLeft = data.seconds;
            compare(countdown.warning, data.warning);
            compare(countdown.urgent, data.urgent);
            compare(Qt.colorEqual(countdown.toneColor, Theme.success), !data.warning);
            compare(Qt.colorEqual(countdown.toneColor, Theme.danger), data.urgent);
        }
    }
}
