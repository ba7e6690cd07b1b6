import QtQuick
import QtTest
import Concert.Kiosk

// ErrorCode reaches QML as the contract's own enum (common/apierror.h, registered with
// QML_FOREIGN_NAMESPACE in kiosk/kioskerror.h), not as a copy.
TestCase {
    name: "ErrorCode"

    function test_contractCodesAreQmlEnumValues() {
        compare(ErrorCode.InvalidArgument, 0);
        verify(ErrorCode.SeatUnavailable !== undefined);
        verify(ErrorCode.SeatLimit !== undefined);
        verify(ErrorCode.NotImplemented !== undefined);
        verify(ErrorCode.SeatLimit !== ErrorCode.SeatUnavailable);
    }

    function test_noticeKinds() {
        verify(KioskError.WarningNotice !== KioskError.ErrorNotice);
        compare(KioskError.InfoNotice, 0);
    }
}
