"""Give programs the frozen app starts (the browser, via xdg-open) the user's own library path.

On Linux the bootloader points ``LD_LIBRARY_PATH`` at the bundle and keeps the original in
``LD_LIBRARY_PATH_ORIG``. The app itself no longer needs it once started (the loader read it at exec
time), but a browser started with it would load the bundle's copies of OpenSSL, GLib and libstdc++
and may fail to start.
"""

import os
import sys

if sys.platform.startswith("linux"):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
