"""Leverage: negotiation preparation for the weaker side, in one local case file."""

import time as _time

#: When the program started (``--timings`` counts from here, before the heavy imports).
START_TIME = _time.perf_counter()

__version__ = "0.1.0"
