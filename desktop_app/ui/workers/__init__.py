"""Work off the GUI thread: one shape (progress, result, error, cancel) for the analysis, the
exports and the chart process pool."""
