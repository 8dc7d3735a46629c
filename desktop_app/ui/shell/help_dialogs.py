"""Help: a short guide to the method and what each figure means here; About (version, the
bundled libraries and their licences, where settings and data live); the application icon."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app import __version__
from desktop_app.analysis.wording import CLEAR_LEVERAGE_POINTS, FAIR_PRICE_MEANING
from desktop_app.files import fonts
from desktop_app.ui.shell import dialogs
from desktop_app.ui.shell.settings import data_folder

_GUIDE = """
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
<li><b>Deal</b> — what every term is worth to each side: what to give and what to ask in return,
three offers equal for us, the package better for both, and a what-if of price and terms.</li>
<li><b>Proposal</b> — the terms and why they are fair, the interests they answer, the fair price,
the statement and the talking points that rebut each alternative.</li>
<li><b>Talks</b> — at the table: the offer log (<b>Ctrl+Shift+O</b> adds the next offer, the
cursor in its price), each offer against the concession plan and both walk-aways, the chart of
offers by round, and a snapshot of the case after each round (File › Save Round Snapshot…) to
read later and to compare with now (What Changed Since…).</li>
</ol>
<h2>What the figures mean here</h2>
<dl>
<dt><b>BATNA</b></dt><dd>Best alternative to a negotiated agreement. <i>Their money BATNA</i>
is their cheapest price-based alternative once switching costs and the cost of failure are
counted; <i>their value BATNA</i> is the alternative with the highest expected value on their
own criteria. An alternative with feasibility 0 cannot be carried out: it is never a BATNA,
money or value, and the analysis says it was left out.</dd>
<dt><b>Feasibility</b></dt><dd>The chance, from 0 to 100 %, that an alternative can really be
carried out: that a competitor can deliver, that an in-house line gets built in time. The value
of an alternative counts at its expected value, feasibility × value, and its failure cost
counts for the share that fails, (1 − feasibility) × failure cost. At 0 % it cannot be carried
out: it is never a BATNA, money or value.</dd>
<dt><b>Effective price</b></dt><dd>What one of their alternatives really costs them per unit,
written as a first-year price on our proposal's price path and terms. T is what going that way
costs them over the contract — its unit price × the units, plus the switching cost, plus the
failure cost × (1 − feasibility); K is the units of our proposal weighted by its yearly price
change. Their alternatives are taken to come with the terms they demand of us, so the terms
count too: (T × (1 − r<sub>t</sub> × d<sub>D</sub>/365) + X<sub>D</sub> − X<sub>P</sub>) /
(K × (1 − r<sub>t</sub> × d<sub>P</sub>/365)), with r<sub>t</sub> their cost of capital,
d<sub>D</sub> and d<sub>P</sub> the payment days they demand and we propose, and X the expected
loss above a liability cap that stays with them. With our terms equal to theirs it is simply
T/K. At that price our proposal costs them as much as the alternative; the cheapest effective
price is their walk-away.</dd>
<dt><b>Walk-away price</b></dt><dd><i>Ours</i>: the lowest first-year price at which our margin,
after the expected shortfall of our risks and the financing of the payment terms, still meets
the minimum — and beats our money BATNA, the best feasibility × net value of our alternatives,
when they have one. <i>Theirs</i>: the first-year price, on our proposal's terms, at which
dealing with us costs them as much as their money BATNA on the terms they demand. Readiness
flags our walk-away when it is more than twice our proposal's
price: the minimum margin, the cost of capital or the payment days then usually leave too little
of revenue to cover the costs.</dd>
<dt><b>ZOPA</b></dt><dd>Zone of possible agreement: the prices between our walk-away and theirs.
A proposal is <i>fair</i> when it keeps our share of the zone in the fair band.</dd>
<dt><b>Fair price</b></dt><dd>{fair}. It claims no more than that: it is not what they will
accept, nor where to open — and never show it to them, it reveals our walk-away.</dd>
<dt><b>Expected loss</b></dt><dd>The average cost of our risks over the contract.</dd>
<dt><b>VaR</b></dt><dd>Value at risk at the case's confidence α (e.g. 90 %): the loss that is
exceeded in only 10 % of simulated contracts.</dd>
<dt><b>Expected shortfall (ES)</b></dt><dd>The average loss of the worst (1 − α) share of the
simulated contracts — at 90 %, the average over the worst 10 %: what the bad cases cost on
average, and what an uncapped liability really means. It sees what VaR misses: a lone 5 % risk
of EUR 1M has VaR<sub>90</sub> = 0 (nineteen contracts in twenty lose nothing) but
ES<sub>90</sub> = EUR 0.5M (half of the worst 10 % lose the million). Our walk-away price and
the conservative margin are built on it.</dd>
<dt><b>± next to the expected shortfall</b></dt><dd>Its Monte Carlo standard error: the figure
comes from a finite number of simulated contracts, and another random seed would move it by
about that much. More runs make it smaller (four times the runs halve it). The tail needs at
least 200 simulated contracts beyond the VaR, runs × (1 − α) ≥ 200: 2,000 runs at 90 %, 4,000
at 95 %, 20,000 at 99 %. With fewer, the dashboard warns and names the runs needed.</dd>
<dt><b>Leverage index</b></dt><dd>Their gain from our proposal over their value BATNA, minus our
gain over ours, in value points. Within ±{clear:g} points it reads <i>no clear difference in
need</i>: the scores are judgements and do not carry a finer verdict. Beyond it, positive: they
need this deal more than we do; negative: we need it more. While a score that enters it is
missing (an alternative on its side's criteria, our proposal on both sides') it gives no verdict
— <i>incomplete: N scores missing</i> — since a missing score counts as 0 and could swing it by
tens of points.</dd>
<dt><b>Tornado</b></dt><dd>Each input moved down and up by the sensitivity step, one at a time:
how much the width of the zone changes (its swing). An input at 0 is moved up to the step times
the average of its kind, so a zero switching cost is still tested. A move that <i>breaks</i> the
analysis — it leaves our walk-away or theirs undefined, or removes the zone — ranks first,
whatever its swing, and says what it breaks. The <i>intelligence to gather</i> lists the
assumptions about them whose move changes the zone, in the same order, each with the question
that would settle it.</dd>
<dt><b>Their walk-away when you only know roughly</b></dt><dd>Give their unit price, switching
cost or failure cost a low and a high beside the most likely value (the last columns of their
alternatives). Each simulated run then draws them, triangular between low and high, and takes
the walk-away of their cheapest alternative in that run: their walk-away becomes a
distribution. <i>P10/P50/P90</i>: their walk-away is below it in 10, 50, 90 % of the runs.
<i>P(deal)</i> at a price: the share of runs in which they would still prefer us, walk-away ≥
price. <i>P(no zone)</i>: the share in which their walk-away is below ours, so no price works
for both. The <i>best single offer</i> is the price that maximises our surplus × P(deal): a
higher price earns more when accepted but is accepted less often. The acceptance curve shows
P(deal) at every price. Without a range these are the point values.</dd>
<dt><b>Correlated risks</b></dt><dd>Two risks that tend to happen together (rho above 0) or
apart (below 0), from −0.95 to 0.95, paired on the Risk tab. Each risk keeps its own
simulated losses, so its expected loss does not change; only which contracts they fall in
changes, and with it the tail: risks that come together make the bad contracts worse, and
VaR and the expected shortfall rise. Some sets cannot hold at once (a with b 0.9, b with c 0.9,
but a with c −0.9): such an edit is refused, naming the pairs to weaken.</dd>
<dt><b>Concession plan</b></dt><dd>Our planned price in round t of N: from our proposal's
price P<sub>open</sub> to the limit P<sub>limit</sub> (the fair price unless set),
P(t) = P<sub>open</sub> − (P<sub>open</sub> − P<sub>limit</sub>) × (t/N)<sup>1/e</sup>. A shape
e below 1 holds the price and concedes late, 1 concedes evenly, above 1 early. An offer of ours
below the plan for its round, or below our walk-away, is flagged with what the difference
costs us; their pace, a line through their last three offers, says in which round it would
meet our plan.</dd>
</dl>
<h2>Working with the tables</h2>
<p>Every change is saved to the case file at once; Edit › Undo (Ctrl+Z) takes it back, one
step per change, a paste of many rows included.</p>
<dl>
<dt><b>Keys</b></dt><dd><b>Ctrl+Insert</b> adds a row after the selected one, its name selected
for typing over; <b>Ctrl+Delete</b> deletes the selected rows; <b>Ctrl+Up</b> and
<b>Ctrl+Down</b> move a row. <b>Tab</b> and <b>Shift+Tab</b> go to the next or previous cell you
can type in, skipping the figures the analysis fills in (value, effective price…). In a notes,
pros or cons cell, <b>Enter</b> stores the text and closes the cell, <b>Shift+Enter</b> starts a
new line. Typing into a cell replaces its value; F2 or a double click edits it.</dd>
<dt><b>Copy and paste</b></dt><dd><b>Ctrl+C</b> copies the selected rows or cells as
tab-separated text that a spreadsheet takes as it is; <b>Ctrl+V</b> pastes rows copied from
Excel or another spreadsheet (the columns in the table's order; a first row of column titles is
skipped) after the selected row; in the score matrix, a block of scores from the selected cell
on (one score fills every selected cell). A paste is stored whole or not at all: a value that
cannot be read refuses it, naming the line and the column.</dd>
<dt><b>What a cell takes</b></dt><dd>Numbers as a spreadsheet writes them: 1,234.5 or
1.234,5; <b>1.2M</b>, <b>1,2 Mio</b>, <b>250k</b>, <b>1.5bn</b>; the case's currency (EUR 455);
a sign (−2, +2). Percentages with or without the sign: <b>12 %</b>; a probability or a
feasibility of 55 is 55 %, 0.55 is 55 % too. Choices by the words shown (“once per contract”,
“−2 hostile”) or by their short codes (per_contract, −2). A value out of range or a text that is
not a number is refused, saying what was understood (“170 is 170 %, above 100 %”) — never
rescaled.</dd>
</dl>
"""
#: The guide, in the analysis's own words for the fair price and the leverage rule ("90 %"
#: kept on one line).
GUIDE_HTML = _GUIDE.format(
    fair=FAIR_PRICE_MEANING[:1].upper() + FAIR_PRICE_MEANING[1:], clear=CLEAR_LEVERAGE_POINTS
).replace(" %", "&nbsp;%")


def show_guide(parent: QWidget | None) -> None:
    if not dialogs.is_interactive():
        return
    dialog = QDialog(parent)
    dialog.setWindowTitle("The Leverage method")
    dialog.resize(680, 560)  # its Close button on a 1024 × 640 screen too
    browser = QTextBrowser(dialog)
    browser.setOpenLinks(False)
    browser.setHtml(GUIDE_HTML)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.show()  # not modal: the guide can stay open beside the case


# -- About ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Component:
    """A bundled library (or font, or runtime) and how to tell its version and licence."""

    name: str
    #: The installed distribution to read version and licence from (importlib.metadata);
    #: None for what is not a Python distribution.
    distribution: str | None
    #: Shown when the metadata is missing or says nothing usable.
    licence: str


#: What the program ships, in the order the About box lists it. Qt itself comes inside the
#: PySide6-Essentials wheel, under the same licence.
COMPONENTS = (
    Component("Qt", "PySide6_Essentials", "LGPL-3.0-only"),
    Component("PySide6", "PySide6_Essentials", "LGPL-3.0-only"),
    Component("shiboken6", "shiboken6", "LGPL-3.0-only"),
    Component("matplotlib", "matplotlib", "Python Software Foundation License (matplotlib)"),
    Component("NumPy", "numpy", "BSD-3-Clause"),
    Component("ReportLab", "reportlab", "BSD License"),
    Component("svglib", "svglib", "LGPL-3.0-or-later"),
    Component("pypdf", "pypdf", "BSD-3-Clause"),
    Component("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause"),
    Component("sqlite-utils", "sqlite-utils", "Apache-2.0"),
    Component("Pillow", "pillow", "MIT-CMU"),
    Component("arabic-reshaper", "arabic-reshaper", "MIT"),
    Component("python-bidi", "python-bidi", "LGPL-3.0-or-later"),
    Component("python-docx", "python-docx", "MIT"),
    Component("openpyxl", "openpyxl", "MIT"),
    Component("Babel", "babel", "BSD-3-Clause"),
    Component("DejaVu fonts", None, "Bitstream Vera Fonts licence; DejaVu changes public domain"),
    *(Component(family, None, fonts.ARABIC.licence) for family in fonts.FALLBACK_FAMILIES),
    Component("Python", None, "PSF-2.0"),
    Component("SQLite", None, "public domain"),
)
#: Their own dependencies, also in the program folder: listed in one line, with licences.
DEPENDENCIES = (
    "charset-normalizer",
    "click",
    "click-default-group",
    "contourpy",
    "cssselect2",
    "cycler",
    "fonttools",
    "kiwisolver",
    "lxml",
    "packaging",
    "pluggy",
    "pyparsing",
    "python-dateutil",
    "sqlite-fts4",
    "tabulate",
    "tinycss2",
    "webencodings",
    "cffi",
    "pycparser",
    "et-xmlfile",
    "typing-extensions",
)


@dataclass(frozen=True)
class Licensed:
    name: str
    version: str
    licence: str


def distribution_licence(distribution: str, fallback: str) -> str:
    """A distribution's licence from its metadata: the SPDX ``License-Expression``, else a
    short ``License`` field, else the ``License ::`` classifiers, else ``fallback``."""
    from importlib import metadata  # deferred, like every import only the About box needs

    try:
        meta = metadata.metadata(distribution)
    except metadata.PackageNotFoundError:
        return fallback
    expression = ((meta.get_all("License-Expression") or [""])[0] or "").strip()
    if expression:
        return expression
    text = ((meta.get_all("License") or [""])[0] or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    classifiers = [
        c.rsplit(" :: ", 1)[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License")
    ]
    return " / ".join(classifiers) if classifiers else fallback


def distribution_version(distribution: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def _component_version(component: Component) -> str:
    import platform
    import sqlite3

    if component.name == "Qt":
        return qVersion()
    if component.name == "Python":
        return platform.python_version()
    if component.name == "SQLite":
        return sqlite3.sqlite_version
    if component.name == "DejaVu fonts":
        return ""
    bundled = {font.family: font.version for font in fonts.BUNDLED}
    if component.name in bundled:
        return bundled[component.name]
    return distribution_version(component.distribution) if component.distribution else ""


def bundled_components() -> list[Licensed]:
    """Each bundled component with its version and licence, read from the installed
    distributions' metadata (the frozen program carries that metadata too)."""
    return [
        Licensed(
            c.name,
            _component_version(c),
            distribution_licence(c.distribution, c.licence) if c.distribution else c.licence,
        )
        for c in COMPONENTS
    ]


def bundled_dependencies() -> list[Licensed]:
    return [
        Licensed(name, distribution_version(name), distribution_licence(name, "see its metadata"))
        for name in DEPENDENCIES
        if distribution_version(name)
    ]


def licence_folder() -> Path:
    """Where the bundled libraries' metadata and licence texts are: the program's own
    folder when frozen, the environment's site-packages otherwise."""
    from importlib import metadata

    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(str(metadata.distribution("shiboken6").locate_file("")))


def icon_path(size: int = 64) -> Path | None:
    """The application icon at ``size`` px (resources/icons), if the build has it."""
    from desktop_app.store.sample import resources_dir  # deferred: keeps the start light

    path = resources_dir() / "icons" / f"leverage-{size}.png"
    return path if path.is_file() else None


def _row(item: Licensed) -> str:
    name = escape(f"{item.name} {item.version}".strip())
    return f"<tr><td>{name}</td><td>&nbsp;&nbsp;{escape(item.licence)}</td></tr>"


def about_text(
    *,
    settings_file: str | None = None,
    data_dir: Path | str | None = None,
    components: Sequence[Licensed] | None = None,
    dependencies: Sequence[Licensed] | None = None,
    licences_in: Path | str | None = None,
    icon: Path | str | None = None,
) -> str:
    """The About box's rich text. Pure when every argument is given; each one left out is
    looked up (settings file, data folder, the bundled libraries' metadata, the icon)."""
    if settings_file is None:
        settings_file = QSettings().fileName()
    if data_dir is None:
        data_dir = data_folder()
    if components is None:
        components = bundled_components()
    if dependencies is None:
        dependencies = bundled_dependencies()
    if licences_in is None:
        licences_in = licence_folder()
    source = QUrl.fromLocalFile(str(icon)).toString() if icon else ""  # C:\… is no URL
    picture = f'<p><img src="{escape(source)}" width="64" height="64"></p>' if icon else ""
    rows = "".join(_row(item) for item in components)
    others = ", ".join(
        escape(f"{d.name} {d.version} ({d.licence})".replace("  ", " ")) for d in dependencies
    )
    return (
        f"{picture}<h3>Leverage {escape(__version__)}</h3>"
        "<p>Negotiation preparation for the weaker side: alternatives, risk, margin, the zone "
        "of agreement and a decent and fair proposal, in one local case file.</p>"
        "<p>Works offline; never opens a network connection.</p>"
        "<p><b>Where Leverage keeps things</b><br>"
        f"Settings: {escape(str(settings_file))}<br>"
        f"Sample case copy and app data: {escape(str(data_dir))}</p>"
        "<p><b>Bundled software</b>, each under its own licence:</p>"
        f"<table>{rows}</table>"
        + (f"<p><small>Also bundled: {others}.</small></p>" if others else "")
        + "<p><small>Qt, PySide6 and shiboken6 are used under the GNU LGPL v3: they are "
        "separate shared libraries in the program folder and can be replaced with versions "
        "of your own; their source is available from the Qt Project. The full licence texts "
        f"are in the *.dist-info folders in {escape(str(licences_in))}, the fonts' in "
        "matplotlib/mpl-data/fonts/ttf and desktop_app/files/fonts (OFL.txt).</small></p>"
    )


def show_about(parent: QWidget | None) -> None:
    dialogs.show_info(parent, "About Leverage", about_text(icon=icon_path()))
