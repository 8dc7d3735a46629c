"""Files written safely: built beside the target, made durable, published in one step,
readable by their owner only, and what a killed run left behind cleaned up (``publish``);
the errors that name the file (``errors``).

The bundled font files and where they are (``fonts``), and right-to-left text for renderers
that draw left to right (``scripts``): the charts and the reports share both.

The bottom of the package with ``domain``: it imports nothing of ours but ``domain``, so the
store (case files, JSON dumps) and the reports (PDFs) write through the same routine.
"""
