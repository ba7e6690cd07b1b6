import QtQuick
import Concert.Kiosk.Ui

// "Working on it": a ring of dots that turns while running. Drawn with plain items so it shows
// with every scene graph backend, the software one included.
Item {
    id: root

    property bool running: true
    property color color: Theme.text

    implicitWidth: Math.round(48 * Theme.scale)
    implicitHeight: implicitWidth
    visible: root.running

    Item {
        id: ring

        anchors.fill: parent

        Repeater {
            model: 8

            delegate: Rectangle {
                id: dot

                required property int index

                readonly property real angle: dot.index * Math.PI / 4

                width: root.width * 0.18
                height: width
                radius: width / 2
                color: root.color
                opacity: 0.25 + 0.75 * dot.index / 7
                x: root.width / 2 + Math.cos(dot.angle) * (root.width / 2 - width / 2) - width / 2
                y: root.height / 2 + Math.sin(dot.angle) * (root.height / 2 - height / 2) - height / 2
            }
        }

        RotationAnimator on rotation {
            running: root.running && root.visible
            from: 0
            to: 360
            duration: 1000
            loops: Animation.Infinite
        }
    }
}
