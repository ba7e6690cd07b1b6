import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import QtQuick.Window
import Concert.Kiosk
import Concert.Kiosk.Ui

// The kiosk window: the session objects (declared here, wired to the controller), the header,
// the notice banner and the current screen.
QQC2.ApplicationWindow {
    id: root

    required property url serverUrl
    required property bool fullscreen
    required property int idleTimeoutSeconds
    // --api-key: a TERMINAL key for top-ups; --no-push: poll the queue only.
    property string apiKey: ""
    property bool pushEnabled: true

    readonly property KioskController controller: kioskController
    readonly property ApiClient client: apiClient
    readonly property QueueSession queue: queueSession
    readonly property Wallet wallet: customerWallet
    readonly property Checkout checkout: currentCheckout

    width: 1280
    height: 800
    minimumWidth: 640
    minimumHeight: 640
    visible: true
    visibility: root.fullscreen ? Window.FullScreen : Window.Windowed
    flags: root.fullscreen ? (Qt.Window | Qt.FramelessWindowHint) : Qt.Window
    title: qsTr("Concert Kiosk")
    // Qt Quick Controls pick up the language for their own texts (e.g. text field menus).
    locale: Qt.locale(Language.code === "ko" ? "ko_KR" : "en_US")
    color: Theme.background

    ApiClient {
        id: apiClient

        objectName: "apiClient"
        baseUrl: root.serverUrl
        apiKey: root.apiKey
    }

    QueueSession {
        id: queueSession

        objectName: "queueSession"
        client: apiClient
        pushEnabled: root.pushEnabled
    }

    Wallet {
        id: customerWallet

        objectName: "wallet"
        client: apiClient
    }

    Checkout {
        id: currentCheckout

        objectName: "checkout"
        client: apiClient
    }

    KioskController {
        id: kioskController

        objectName: "kioskController"
        client: apiClient
        queue: queueSession
        wallet: customerWallet
        checkout: currentCheckout
    }

    // The notice under the header is written in C++; write it again in the new language.
    Connections {
        target: Language

        function onCodeChanged() {
            kioskController.retranslate();
        }
    }

    IdleWatcher {
        objectName: "idleWatcher"
        timeoutSeconds: root.idleTimeoutSeconds
        enabled: kioskController.idleTimeoutApplies
        onTimedOut: kioskController.startOver()
    }

    // Layouts are designed for 1280×800 landscape and 800×1280 portrait and scale from there.
    Binding {
        target: Theme
        property: "portrait"
        value: root.height > root.width
    }

    Binding {
        target: Theme
        property: "scale"
        value: Theme.portrait ? Math.max(0.8, Math.min(root.width / 800, root.height / 1280))
                              : Math.max(0.8, Math.min(root.width / 1280, root.height / 800))
    }

    Component {
        id: startPage

        StartPage {
            objectName: "startPage"
            controller: root.controller
            client: root.client
        }
    }

    Component {
        id: queuePage

        QueuePage {
            objectName: "queuePage"
            controller: root.controller
            queue: root.queue
        }
    }

    Component {
        id: seatsPage

        SeatsPage {
            objectName: "seatsPage"
            controller: root.controller
            client: root.client
            checkout: root.checkout
        }
    }

    Component {
        id: checkoutPage

        CheckoutPage {
            objectName: "checkoutPage"
            controller: root.controller
            checkout: root.checkout
            wallet: root.wallet
        }
    }

    Component {
        id: receiptPage

        ReceiptPage {
            objectName: "receiptPage"
            controller: root.controller
            checkout: root.checkout
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        HeaderBar {
            objectName: "headerBar"
            Layout.fillWidth: true
            screen: kioskController.screen
            userId: kioskController.userId
            reachable: apiClient.reachable
            onStartOverRequested: kioskController.startOver()
        }

        ErrorBanner {
            objectName: "noticeBanner"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: visible ? Theme.spacing : 0
            kind: kioskController.noticeKind
            title: kioskController.noticeTitle
            message: kioskController.noticeText
            onDismissed: kioskController.dismissNotice()
        }

        Loader {
            id: screenLoader

            objectName: "screenLoader"
            Layout.fillWidth: true
            Layout.fillHeight: true
            sourceComponent: {
                switch (kioskController.screen) {
                case KioskController.QueueScreen:
                    return queuePage;
                case KioskController.SeatsScreen:
                    return seatsPage;
                case KioskController.CheckoutScreen:
                    return checkoutPage;
                case KioskController.ReceiptScreen:
                    return receiptPage;
                default:
                    return startPage;
                }
            }
        }
    }
}
