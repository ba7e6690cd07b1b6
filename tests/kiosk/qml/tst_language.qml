import QtQuick
import QtTest
import Concert.Kiosk
import Concert.Kiosk.Ui

// The language switch: every qsTr() text changes at once, dates follow, nothing else changes.
Item {
    id: root

    width: 1280
    height: 200

    HeaderBar {
        id: header

        width: 1280
        screen: KioskController.SeatsScreen
        userId: "3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c"
        reachable: true
    }

    TestCase {
        name: "Language"
        when: windowShown

        function cleanup() {
            Language.code = "en";
            Language.largeText = false;
        }

        function test_switchesAtOnce() {
            Language.code = "en";
            const startOver = findChild(header, "startOverButton");
            compare(startOver.text, "Start over");
            compare(findChild(header, "languageButton").text, "한국어");
            Language.toggle();
            compare(Language.code, "ko");
            compare(startOver.text, "처음으로");
            compare(findChild(header, "languageButton").text, "English");
            compare(Format.dateLabel("2026-12-16", Language.code), "2026년 12월 16일 (수)");
            Language.toggle();
            compare(startOver.text, "Start over");
            compare(Format.dateLabel("2026-12-16", Language.code), "Wed 16 Dec 2026");
        }

        function test_largerText() {
            const before = Theme.fontBody;
            Language.largeText = true;
            verify(Theme.fontBody > before);
            Language.largeText = false;
            compare(Theme.fontBody, before);
        }
    }
}
