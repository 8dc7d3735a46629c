"""Help: a short guide to the method and what each figure means here; About."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app import __version__
from desktop_app.ui import dialogs

GUIDE_HTML = """
<h2>The method</h2>
<p>You prepare a client who feels the weaker side. Leverage shows, in numbers, how strong each
side really is — and usually that the power imbalance was perceived, not real.</p>
<ol>
<li><b>Case</b> — who, what, the analysis settings, and the dashboard: the verdict, the zone of
agreement, exposure and margin under their demand and under our proposal, readiness.</li>
<li><b>Parties</b> — everyone at or behind the table, what each of them really needs, and the
stakeholder map (influence × stance).</li>
<li><b>Alternatives</b> — what they can do without us (a competitor, in-house, dual sourcing,
delay…) and what we can do without them, with pros and cons, the criteria each side judges by,
and the scores.</li>
<li><b>Risk</b> — the risk register, the heat map and the loss distribution under each
scenario.</li>
<li><b>Margin</b> — our costs, each scenario's figures side by side, the zone of agreement and the
tornado of what moves it.</li>
<li><b>Proposal</b> — the terms and why they are fair, the interests they answer, the fair price,
the statement and the talking points that rebut each alternative.</li>
</ol>
<h2>What the figures mean here</h2>
<dl>
<dt><b>BATNA</b></dt><dd>Best alternative to a negotiated agreement. <i>Their money BATNA</i>
is their cheapest price-based alternative once switching costs and the cost of failure are
counted; <i>their value BATNA</i> is the alternative with the highest expected value on their
own criteria.</dd>
<dt><b>Walk-away price</b></dt><dd><i>Ours</i>: the lowest first-year price at which our margin,
after the expected shortfall of our risks and the financing of the payment terms, still meets
the minimum. <i>Theirs</i>: the first-year price at which dealing with us costs them as much as
their money BATNA.</dd>
<dt><b>ZOPA</b></dt><dd>Zone of possible agreement: the prices between our walk-away and theirs.
The fair price is its middle; a proposal is <i>fair</i> when it keeps our share of the zone in
the fair band.</dd>
<dt><b>Expected loss</b></dt><dd>The average cost of our risks over the contract.</dd>
<dt><b>VaR</b></dt><dd>Value at risk at the case's confidence (e.g. 90 %): the loss that is
exceeded in only 10 % of simulated contracts.</dd>
<dt><b>Expected shortfall</b></dt><dd>The average loss of those worst cases — what an uncapped
liability really means.</dd>
<dt><b>Leverage index</b></dt><dd>Their gain from our proposal over their value BATNA, minus our
gain over ours, in value points. Positive: they need this deal more than we do.</dd>
</dl>
"""


def show_guide(parent: QWidget | None) -> None:
    if not dialogs.is_interactive():
        return
    dialog = QDialog(parent)
    dialog.setWindowTitle("The Leverage method")
    dialog.resize(680, 720)
    browser = QTextBrowser(dialog)
    browser.setOpenLinks(False)
    browser.setHtml(GUIDE_HTML)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.show()  # not modal: the guide can stay open beside the case


def about_text() -> str:
    return (
        f"<h3>Leverage {__version__}</h3>"
        "<p>Negotiation preparation for the weaker side: alternatives, risk, margin, the zone "
        "of agreement and a decent and fair proposal, in one local case file.</p>"
        "<p>Works offline; never opens a network connection.</p>"
    )


def show_about(parent: QWidget | None) -> None:
    dialogs.show_info(parent, "About Leverage", about_text())
