"""The two PDFs (SPEC §4), built with ReportLab: the confidential team brief and the proposal
for the counterpart. No Qt here; the charts come from ``desktop_app.charts`` as vector graphics.

``export.export_pdf`` is the entry point for the app and the command line; ``text.format_report``
is the ``analyze`` command's report for a person. Nothing is imported here, so the text report
does not load ReportLab.
"""
