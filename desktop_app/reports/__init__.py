"""The two PDFs (SPEC §4), built with ReportLab: the confidential team brief and the proposal
for the counterpart. No Qt here; the charts come from ``desktop_app.charts`` as vector graphics.

``export.export_pdf`` is the entry point for the app and the command line.
"""

from desktop_app.reports.export import export_pdf

__all__ = ["export_pdf"]
