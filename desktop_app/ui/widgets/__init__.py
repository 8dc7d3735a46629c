"""Reusable widgets: the table editor and its keys, delegates, forms, chart views, figure
grids and pages, the score matrix and the fairness gauge."""
