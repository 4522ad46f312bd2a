"""Qt modules with only the plugins and translations the spec selects, so the rest stay out.

PyInstaller's own Qt hooks collect every plugin of each kind a module uses (all image formats, all
platforms, the GTK theme) and every Qt translation; each plugin then pulls in its libraries (the GTK
theme alone brings GTK, Cairo and Pango). Filtering here, before dependency analysis, keeps those
libraries out too. The spec passes ``hooksconfig={"PySide6": {"plugins": [...], "translations": bool}}``;
a plugin stays when its path under ``plugins/`` (``"platforms/libqxcb.so"``) matches a pattern.
"""

from __future__ import annotations

import fnmatch
import os
from typing import Any

from PyInstaller.utils.hooks import get_hook_config
from PyInstaller.utils.hooks.qt import add_qt6_dependencies


def _plugin_path(src: str, dest: str) -> str | None:
    parts = dest.replace(os.sep, "/").split("/")
    if "plugins" not in parts:
        return None
    return "/".join([*parts[parts.index("plugins") + 1 :], os.path.basename(src)])


def collect_selected(hook_api: Any, hook_file: str) -> None:
    """What PyInstaller's hook for this module collects, minus the plugins and translations not asked for."""
    hiddenimports, binaries, datas = add_qt6_dependencies(hook_file)
    patterns = get_hook_config(hook_api, "PySide6", "plugins") or ["*"]
    keep_translations = bool(get_hook_config(hook_api, "PySide6", "translations"))

    def wanted(src: str, dest: str) -> bool:
        plugin = _plugin_path(src, dest)
        return plugin is None or any(fnmatch.fnmatch(plugin, pattern) for pattern in patterns)

    hook_api.add_imports(*hiddenimports)
    hook_api.add_binaries([(src, dest) for src, dest in binaries if wanted(src, dest)])
    if keep_translations:
        hook_api.add_datas(datas)
