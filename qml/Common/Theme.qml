pragma Singleton

import QtQuick
import Concert.Kiosk

// Colours, type sizes and spacing of the kiosk. Sizes are designed for 1280×800 landscape and
// 800×1280 portrait and grow with `scale`, which the window sets from its size (1.35 at
// 1920×1080 and 1080×1920). Type grows by a quarter more in the larger-text mode.
QtObject {
    id: root

    property real scale: 1.0
    // Set by the window: taller than wide (a portrait kiosk screen).
    property bool portrait: false
    readonly property real textScale: Language.largeText ? 1.25 : 1.0

    readonly property color background: "#0d1023"
    readonly property color surface: "#171b36"
    readonly property color surfaceRaised: "#20264a"
    readonly property color border: "#323a6b"
    readonly property color text: "#f5f6fb"
    readonly property color textMuted: "#aab0d0"
    readonly property color textDisabled: "#9096bc"
    readonly property color accent: "#cc2a60"
    readonly property color accentPressed: "#a82050"
    readonly property color accentText: "#ffffff"
    readonly property color focus: "#ffd166"

    readonly property color info: "#5aa7ff"
    readonly property color success: "#35d39a"
    readonly property color warning: "#ffbe3d"
    readonly property color danger: "#ff6b6b"

    readonly property color seatAvailable: "#173a4a"
    readonly property color seatAvailableBorder: "#35c7c0"
    readonly property color seatSelected: "#cc2a60"
    readonly property color seatHeld: "#4a3a17"
    readonly property color seatHeldBorder: "#d9ab45"
    readonly property color seatSold: "#262a40"
    readonly property color seatSoldBorder: "#3a3f5c"

    // Every foreground/background pair the screens use, with the WCAG 2.1 AA minimum: 4.5 for
    // text, 3 for the focus ring and tile edges (non-text). tst_kiosktheme computes each ratio
    // and fails when a colour of this file is in no pair and not listed as decorative.
    readonly property var contrastPairs: [
        { fg: "text", bg: "background", min: 4.5 },
        { fg: "text", bg: "surface", min: 4.5 },
        { fg: "text", bg: "surfaceRaised", min: 4.5 },
        { fg: "text", bg: "border", min: 4.5 },
        { fg: "text", bg: "seatAvailable", min: 4.5 },
        { fg: "text", bg: "seatHeld", min: 4.5 },
        { fg: "text", bg: "seatSelected", min: 4.5 },
        { fg: "textMuted", bg: "background", min: 4.5 },
        { fg: "textMuted", bg: "surface", min: 4.5 },
        { fg: "textMuted", bg: "surfaceRaised", min: 4.5 },
        { fg: "textMuted", bg: "seatAvailable", min: 4.5 },
        { fg: "textDisabled", bg: "background", min: 4.5 },
        { fg: "textDisabled", bg: "surface", min: 4.5 },
        { fg: "textDisabled", bg: "surfaceRaised", min: 4.5 },
        { fg: "textDisabled", bg: "seatSold", min: 4.5 },
        { fg: "accentText", bg: "accent", min: 4.5 },
        { fg: "accentText", bg: "accentPressed", min: 4.5 },
        { fg: "accentText", bg: "seatSelected", min: 4.5 },
        { fg: "info", bg: "background", min: 4.5 },
        { fg: "info", bg: "surface", min: 4.5 },
        { fg: "success", bg: "background", min: 4.5 },
        { fg: "success", bg: "surface", min: 4.5 },
        { fg: "success", bg: "surfaceRaised", min: 4.5 },
        { fg: "warning", bg: "background", min: 4.5 },
        { fg: "warning", bg: "surface", min: 4.5 },
        { fg: "warning", bg: "surfaceRaised", min: 4.5 },
        { fg: "danger", bg: "background", min: 4.5 },
        { fg: "danger", bg: "surface", min: 4.5 },
        { fg: "background", bg: "info", min: 4.5 },
        { fg: "background", bg: "success", min: 4.5 },
        { fg: "background", bg: "warning", min: 4.5 },
        { fg: "background", bg: "danger", min: 4.5 },
        { fg: "seatHeldBorder", bg: "seatHeld", min: 4.5 },
        { fg: "focus", bg: "background", min: 3 },
        { fg: "focus", bg: "surface", min: 3 },
        { fg: "focus", bg: "seatAvailable", min: 3 },
        { fg: "focus", bg: "seatSelected", min: 3 },
        { fg: "seatAvailableBorder", bg: "background", min: 3 },
        { fg: "seatAvailableBorder", bg: "seatAvailable", min: 3 }
    ]
    // Colours that never carry information on their own (lines, pressed shades, sold edges).
    readonly property var decorativeColors: ["seatSoldBorder"]

    readonly property int spacing: Math.round(16 * scale)
    readonly property int spacingSmall: Math.round(8 * scale)
    readonly property int spacingLarge: Math.round(24 * scale)
    readonly property int margin: Math.round((portrait ? 20 : 28) * scale)
    readonly property int radius: Math.round(14 * scale)
    readonly property int radiusSmall: Math.round(8 * scale)
    // Never below 48 px (WCAG 2.5.5 target size; the issue asks for 48).
    readonly property int touchTarget: Math.max(48, Math.round(64 * scale))
    readonly property int headerHeight: Math.max(56, Math.round(76 * scale))

    readonly property int fontSmall: Math.round(15 * scale * textScale)
    readonly property int fontBody: Math.round(19 * scale * textScale)
    readonly property int fontLarge: Math.round(24 * scale * textScale)
    readonly property int fontTitle: Math.round(32 * scale * textScale)
    readonly property int fontHero: Math.round(44 * scale * textScale)
    readonly property int fontDisplay: Math.round(96 * scale)
}
