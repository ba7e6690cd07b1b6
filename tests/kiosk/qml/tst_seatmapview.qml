import QtQuick
import QtTest
import Concert.Kiosk
import Concert.Kiosk.Ui

// The seat map and the selection panel together: tapping seats selects them, at most four,
// never a held or sold one; the panel shows the chosen seats and the total.
Item {
    id: root

    width: 1000
    height: 700

    SeatMapModel {
        id: seats
    }

    Row {
        anchors.fill: parent

        SeatMapView {
            id: view

            width: 700
            height: 700
            seats: seats
        }

        SelectionPanel {
            id: panel

            width: 300
            height: 700
            seats: seats
        }
    }

    Component {
        id: spyComponent

        SignalSpy {
        }
    }

    TestCase {
        name: "SeatMapView"
        when: windowShown

        function seatItem(number) {
            return findChild(view, "seat_" + number);
        }

        function init() {
            seats.clearSelection();
            panel.limitShown = false;
            seatFixture.fill(seats, [7], [8], 90000);
            waitForRendering(view);
        }

        function test_allFiftySeatsAreShown() {
            compare(seats.count, 50);
            for (let n = 1; n <= 50; ++n)
                verify(seatItem(n), "seat " + n);
            compare(seatItem(7).stateName, "held");
            compare(seatItem(8).stateName, "sold");
        }

        function test_tapSelectsAndTapAgainReleases() {
            mouseClick(seatItem(3));
            compare(seats.selectedSeats, [3]);
            compare(seatItem(3).stateName, "selected");
            mouseClick(seatItem(3));
            compare(seats.selectedSeats, []);
            compare(seatItem(3).stateName, "available");
        }

        function test_heldAndSoldSeatsCannotBeSelected() {
            mouseClick(seatItem(7));
            mouseClick(seatItem(8));
            compare(seats.selectedCount, 0);
        }

        function test_atMostFourSeats() {
            const hint = findChild(panel, "selectionLimitHint");
            verify(!hint.text.includes("at a time"));
            for (const n of [1, 2, 3, 4, 5])
                mouseClick(seatItem(n));
            compare(seats.selectedSeats, [1, 2, 3, 4]);
            compare(seatItem(5).stateName, "available");
            verify(!seatItem(5).selectable);
            verify(panel.limitShown);
            verify(hint.text.includes("up to 4 seats at a time"));
            compare(findChild(panel, "selectionTotal").text, "₩360,000");
        }

        function test_holdButtonFollowsTheSelection() {
            const hold = findChild(panel, "holdSeatsButton");
            verify(!hold.enabled);
            mouseClick(seatItem(12));
            verify(hold.enabled);
            const requests = createTemporaryObject(spyComponent, root, { target: panel, signalName: "holdRequested" });
            mouseClick(hold);
            compare(requests.count, 1);
            mouseClick(findChild(panel, "clearSelectionButton"));
            compare(seats.selectedCount, 0);
            verify(!hold.enabled);
        }

        function test_seatsTakenMeanwhileLeaveTheSelection() {
            mouseClick(seatItem(20));
            mouseClick(seatItem(21));
            const lost = createTemporaryObject(spyComponent, root, { target: seats, signalName: "selectionLost" });
            seatFixture.fill(seats, [7, 21], [8], 90000);
            compare(seats.selectedSeats, [20]);
            compare(lost.count, 1);
            compare(seatItem(21).stateName, "held");
        }
    }
}
