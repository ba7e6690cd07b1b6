import QtQuick
import QtQuick.Layouts
import Concert.Kiosk
import Concert.Kiosk.Ui

// The bar on top of every screen: the product, where the customer is in the five steps, the
// language switch and the larger-text switch (on every screen), and a way out ("Start over")
// once a purchase has begun. In portrait the steps move to a second row.
Rectangle {
    id: root

    required property int screen
    required property string userId
    required property bool reachable

    readonly property var steps: [qsTr("Sign in"), qsTr("Queue"), qsTr("Seats"), qsTr("Pay"), qsTr("Done")]
    readonly property int currentStep: Math.min(root.screen, root.steps.length - 1)

    signal startOverRequested

    implicitHeight: rows.implicitHeight + 2 * Theme.spacingSmall
    color: Theme.surface

    Component {
        id: stepIndicator

        // Numbers for every step, the name of the current one: short enough for 800 px.
        Row {
            objectName: "stepIndicator"
            spacing: Theme.spacingSmall

            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Step %1 of %2: %3").arg(root.currentStep + 1).arg(root.steps.length).arg(root.steps[root.currentStep])

            Repeater {
                model: root.steps

                delegate: Row {
                    id: step

                    required property int index
                    required property string modelData
                    readonly property bool done: step.index < root.screen || root.screen === KioskController.ReceiptScreen
                    readonly property bool current: step.index === root.screen && !step.done

                    spacing: Theme.spacingSmall

                    Rectangle {
                        anchors.verticalCenter: parent.verticalCenter
                        width: Math.round(30 * Theme.scale * Theme.textScale)
                        height: width
                        radius: width / 2
                        color: step.current ? Theme.accent : step.done ? Theme.surfaceRaised : "transparent"
                        border.color: step.current ? Theme.accent : Theme.border
                        border.width: 2

                        Text {
                            anchors.centerIn: parent
                            text: step.done ? "✓" : step.index + 1
                            font.pixelSize: Theme.fontSmall
                            font.bold: true
                            color: step.current ? Theme.accentText : step.done ? Theme.success : Theme.textMuted
                        }
                    }

                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        visible: step.current
                        text: step.modelData
                        font.pixelSize: Theme.fontSmall
                        font.bold: true
                        color: Theme.text
                    }

                    Rectangle {
                        anchors.verticalCenter: parent.verticalCenter
                        visible: step.index < root.steps.length - 1
                        width: Math.round(18 * Theme.scale)
                        height: 2
                        color: Theme.border
                    }
                }
            }
        }
    }

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: 1
        color: Theme.border
    }

    ColumnLayout {
        id: rows

        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: Theme.spacingSmall
        anchors.bottomMargin: Theme.spacingSmall
        spacing: Theme.spacingSmall

        RowLayout {
            Layout.fillWidth: true
            Layout.minimumHeight: Theme.headerHeight - 2 * Theme.spacingSmall
            spacing: Theme.spacing

            Row {
                spacing: Theme.spacingSmall

                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    width: Math.round(34 * Theme.scale)
                    height: width
                    radius: width / 2
                    color: Theme.accent

                    Text {
                        anchors.centerIn: parent
                        text: "♪"
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.accentText
                        Accessible.ignored: true
                    }
                }

                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("Concert Tickets")
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
            }

            Item {
                Layout.fillWidth: true
            }

            Loader {
                active: !Theme.portrait
                visible: active
                sourceComponent: stepIndicator
            }

            Item {
                Layout.fillWidth: true
            }

            Row {
                spacing: Theme.spacingSmall
                visible: !root.reachable

                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    width: Math.round(12 * Theme.scale)
                    height: width
                    radius: width / 2
                    color: Theme.danger
                }

                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: qsTr("Offline")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.danger
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                }
            }

            Text {
                objectName: "memberLabel"
                visible: !Theme.portrait && root.userId.length > 0 && root.reachable // "Offline" takes its place
                Layout.maximumWidth: implicitWidth
                Layout.fillWidth: true
                text: qsTr("Member %1…").arg(root.userId.substring(0, 8))
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                elide: Text.ElideRight
            }

            KioskButton {
                objectName: "languageButton"
                tone: KioskButton.Tone.Quiet
                implicitWidth: Math.max(Theme.touchTarget, implicitContentWidth + leftPadding + rightPadding)
                text: Language.otherName
                accessibleName: qsTr("Change the language to %1").arg(Language.otherName)
                Accessible.description: qsTr("Switches every screen at once; your place and seats are kept.")
                onClicked: Language.toggle()
            }

            KioskButton {
                objectName: "largeTextButton"
                tone: KioskButton.Tone.Quiet
                implicitWidth: Math.max(Theme.touchTarget, implicitContentWidth + leftPadding + rightPadding)
                //: Button that turns the larger-text mode on and off; keep it very short.
                text: Language.largeText ? qsTr("A−") : qsTr("A+")
                accessibleName: Language.largeText ? qsTr("Normal text size") : qsTr("Larger text")
                Accessible.checkable: true
                Accessible.checked: Language.largeText
                onClicked: Language.largeText = !Language.largeText
            }

            KioskButton {
                objectName: "startOverButton"
                // The receipt has its own big "Done".
                visible: root.screen !== KioskController.StartScreen && root.screen !== KioskController.ReceiptScreen
                tone: KioskButton.Tone.Quiet
                text: qsTr("Start over")
                Accessible.description: qsTr("Leaves the queue, gives back any held seats and returns to the first screen.")
                onClicked: root.startOverRequested()
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: Theme.portrait
            spacing: Theme.spacing

            Loader {
                active: Theme.portrait
                visible: active
                sourceComponent: stepIndicator
            }

            Item {
                Layout.fillWidth: true
            }

            Text {
                objectName: "memberLabelPortrait"
                visible: root.userId.length > 0 && root.reachable
                text: qsTr("Member %1…").arg(root.userId.substring(0, 8))
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
            }
        }
    }
}
