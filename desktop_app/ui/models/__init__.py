"""Qt item models over the case's tables, and the columns they show (derived from the schema).

Nothing in this package's ``__init__`` may import Qt: ``columns`` is imported before Qt at
start-up (``shell.preload``)."""
