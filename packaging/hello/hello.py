"""The size baseline: a bare PySide6 window, frozen with PyInstaller's defaults (one folder)."""

import sys

from PySide6.QtWidgets import QApplication, QLabel


def main() -> int:
    app = QApplication(sys.argv)
    label = QLabel("Hello")
    label.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
