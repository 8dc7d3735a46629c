"""``python -m desktop_app`` is the ``leverage`` command."""

import sys

from desktop_app.cli import main

sys.exit(main())
