import QtQuick
import QtQuick.Controls as QQC2
import Concert.Kiosk.Ui

// A large touch button. `tone` picks the look: the one main action of a screen is Primary.
// Space (from Button) and Enter activate it, so a keyboard or scanner works like a finger.
QQC2.Button {
    id: root

    enum Tone {
        Primary,
        Secondary,
        Quiet
    }

    property int tone: KioskButton.Tone.Secondary
    // What a screen reader says; the visible text unless set.
    property string accessibleName: root.text

    implicitHeight: Theme.touchTarget
    implicitWidth: Math.max(Theme.touchTarget * 2, implicitContentWidth + leftPadding + rightPadding)
    leftPadding: Theme.spacing
    rightPadding: Theme.spacing
    font.pixelSize: Theme.fontBody
    font.bold: root.tone === KioskButton.Tone.Primary
    focusPolicy: Qt.StrongFocus

    Accessible.role: Accessible.Button
    Accessible.name: root.accessibleName
    Accessible.onPressAction: root.clicked()

    Keys.onReturnPressed: root.clicked()
    Keys.onEnterPressed: root.clicked()

    contentItem: Text {
        text: root.text
        font: root.font
        color: !root.enabled ? Theme.textDisabled
             : root.tone === KioskButton.Tone.Primary ? Theme.accentText : Theme.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
        Accessible.ignored: true
    }

    background: Rectangle {
        radius: Theme.radius
        color: {
            if (root.tone === KioskButton.Tone.Primary)
                return !root.enabled ? Theme.surfaceRaised : root.down ? Theme.accentPressed : Theme.accent;
            if (root.tone === KioskButton.Tone.Quiet)
                return root.down ? Theme.surfaceRaised : "transparent";
            return root.down ? Theme.border : Theme.surfaceRaised;
        }
        border.width: root.visualFocus ? 3 : (root.tone === KioskButton.Tone.Primary ? 0 : 1)
        border.color: root.visualFocus ? Theme.focus : Theme.border
    }
}
