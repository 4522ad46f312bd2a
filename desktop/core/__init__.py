"""The Qt-free core: everything here runs and is tested without PySide6."""
