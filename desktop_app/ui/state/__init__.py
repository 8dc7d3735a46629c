"""The open case as the app holds it: the document, its undo stack and the edit commands."""
