import QtQuick
import QtTest
import Concert.Kiosk
import Concert.Kiosk.Ui

// The notice banner: hidden without a title, one look per kind, dismissable except while the
// kiosk retries by itself.
Item {
    id: root

    width: 900
    height: 300

    ErrorBanner {
        id: banner

        width: 900
        kind: KioskError.InfoNotice
        title: ""
        message: ""
    }

    SignalSpy {
        id: dismissed

        target: banner
        signalName: "dismissed"
    }

    TestCase {
        name: "ErrorBanner"
        when: windowShown

        function init() {
            dismissed.clear();
            banner.kind = KioskError.InfoNotice;
            banner.title = "";
            banner.message = "";
        }

        function test_hiddenWithoutATitle() {
            verify(!banner.visible);
            compare(banner.implicitHeight, 0);
        }

        function test_showsTitleAndMessage() {
            banner.kind = KioskError.WarningNotice;
            banner.title = "Those seats were just taken";
            banner.message = "Please pick your seats again.";
            waitForRendering(banner);
            verify(banner.visible);
            verify(banner.implicitHeight > 0);
            compare(findChild(banner, "bannerTitle").text, "Those seats were just taken");
            compare(findChild(banner, "bannerMessage").text, "Please pick your seats again.");
        }

        function test_okDismisses() {
            banner.kind = KioskError.ErrorNotice;
            banner.title = "Something went wrong";
            waitForRendering(banner);
            const ok = findChild(banner, "bannerDismissButton");
            verify(ok.visible);
            mouseClick(ok);
            compare(dismissed.count, 1);
        }

        function test_retryingHasASpinnerAndNoButton() {
            banner.kind = KioskError.RetryingNotice;
            banner.title = "Cannot reach the ticket service";
            waitForRendering(banner);
            verify(!findChild(banner, "bannerDismissButton").visible);
            verify(findChild(banner, "retryingIndicator").visible);
            verify(findChild(banner, "retryingIndicator").running);
        }

        function test_eachKindHasItsColour() {
            banner.title = "x";
            const colours = {};
            for (const kind of [KioskError.InfoNotice, KioskError.WarningNotice,
                                KioskError.ErrorNotice, KioskError.RetryingNotice]) {
                banner.kind = kind;
                colours[banner.border.color.toString()] = kind;
            }
            compare(Object.keys(colours).length, 4);
        }
    }
}
