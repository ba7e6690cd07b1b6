import QtQuick
import QtTest
import Concert.Kiosk
import Concert.Kiosk.Ui

// One seat tile in each state: what it says, whether it can be tapped.
Item {
    id: root

    width: 200
    height: 200

    Component {
        id: seatComponent

        SeatDelegate {
            width: 80
            height: 90
        }
    }

    Component {
        id: spyComponent

        SignalSpy {
            signalName: "clicked"
        }
    }

    TestCase {
        id: testCase

        name: "SeatDelegate"
        when: windowShown

        function makeSeat(status, selected, selectable) {
            return createTemporaryObject(seatComponent, root, {
                seatNumber: 17,
                status: status,
                price: 50000,
                selected: selected,
                selectable: selectable
            });
        }

        function test_states_data() {
            return [
                { tag: "available", status: SeatMapModel.Available, selected: false, state: "available", caption: "₩50K", enabled: true },
                { tag: "selected", status: SeatMapModel.Available, selected: true, state: "selected", caption: "₩50K", enabled: true },
                { tag: "held by someone", status: SeatMapModel.Held, selected: false, state: "held", caption: "held", enabled: false },
                { tag: "sold", status: SeatMapModel.Sold, selected: false, state: "sold", caption: "sold", enabled: false }
            ];
        }

        function test_states(data) {
            const seat = makeSeat(data.status, data.selected, data.status === SeatMapModel.Available);
            verify(seat);
            compare(seat.stateName, data.state);
            compare(seat.enabled, data.enabled);
            compare(seat.objectName, "seat_17");
            compare(findChild(seat, "seatCaption").text, data.caption);
            const number = findChild(seat, "seatNumberLabel");
            compare(number.text, data.selected ? "✓ 17" : "17");
            compare(number.font.strikeout, data.state === "sold");
        }

        function test_everyStateLooksDifferent() {
            const colours = {};
            for (const state of test_states_data()) {
                const seat = makeSeat(state.status, state.selected, true);
                colours[seat.background.color.toString()] = state.tag;
            }
            compare(Object.keys(colours).length, 4);
        }

        function test_tapEmitsClickedOnlyWhenFree() {
            const free = makeSeat(SeatMapModel.Available, false, true);
            const clicks = createTemporaryObject(spyComponent, root, { target: free });
            mouseClick(free);
            compare(clicks.count, 1);
            free.destroy();

            const sold = makeSeat(SeatMapModel.Sold, false, false);
            const soldClicks = createTemporaryObject(spyComponent, root, { target: sold });
            mouseClick(sold);
            compare(soldClicks.count, 0);
        }
    }
}
