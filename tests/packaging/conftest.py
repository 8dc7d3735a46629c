"""The About tests build Qt widgets: never ask for a real display."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
