"""The frozen program's entry point (PyInstaller runs this file as ``__main__``)."""

from __future__ import annotations

import sys

from desktop_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
