pragma Singleton

import QtQuick

// Colours, type sizes and spacing of the kiosk. Sizes are designed for 1280×800 and grow with
// `scale`, which the window sets from its size (1.35 at 1920×1080).
QtObject {
    id: root

    property real scale: 1.0

    readonly property color background: "#0d1023"
    readonly property color surface: "#171b36"
    readonly property color surfaceRaised: "#20264a"
    readonly property color border: "#323a6b"
    readonly property color text: "#f5f6fb"
    readonly property color textMuted: "#aab0d0"
    readonly property color textDisabled: "#6a7098"
    readonly property color accent: "#e0336b"
    readonly property color accentPressed: "#b8245a"
    readonly property color accentText: "#ffffff"
    readonly property color focus: "#ffd166"

    readonly property color info: "#5aa7ff"
    readonly property color success: "#35d39a"
    readonly property color warning: "#ffbe3d"
    readonly property color danger: "#ff6b6b"

    readonly property color seatAvailable: "#173a4a"
    readonly property color seatAvailableBorder: "#35c7c0"
    readonly property color seatSelected: "#e0336b"
    readonly property color seatHeld: "#4a3a17"
    readonly property color seatHeldBorder: "#c79a35"
    readonly property color seatSold: "#262a40"
    readonly property color seatSoldBorder: "#3a3f5c"

    readonly property int spacing: Math.round(16 * scale)
    readonly property int spacingSmall: Math.round(8 * scale)
    readonly property int spacingLarge: Math.round(24 * scale)
    readonly property int margin: Math.round(28 * scale)
    readonly property int radius: Math.round(14 * scale)
    readonly property int radiusSmall: Math.round(8 * scale)
    readonly property int touchTarget: Math.round(64 * scale)
    readonly property int headerHeight: Math.round(76 * scale)

    readonly property int fontSmall: Math.round(15 * scale)
    readonly property int fontBody: Math.round(19 * scale)
    readonly property int fontLarge: Math.round(24 * scale)
    readonly property int fontTitle: Math.round(32 * scale)
    readonly property int fontHero: Math.round(44 * scale)
    readonly property int fontDisplay: Math.round(96 * scale)
}
