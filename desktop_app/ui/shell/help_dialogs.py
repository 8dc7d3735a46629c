"""Help: a short guide to the method and what each figure means here; About (version, the
bundled libraries and their licences, where settings and data live); the application icon."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desktop_app import __version__
from desktop_app.analysis.wording import CLEAR_LEVERAGE_POINTS, FAIR_PRICE_MEANING
from desktop_app.files import fonts
from desktop_app.i18n import N_, _
from desktop_app.ui.shell import dialogs
from desktop_app.ui.shell.settings import data_folder

#: The method guide, piece by piece (a heading, a paragraph, an item, a term with its
#: meaning): each piece is one entry of the catalogue.
_GUIDE: tuple[str, ...] = (
    "\n",
    N_("<h2>The method</h2>"),
    "\n",
    N_(
        "<p>You prepare a client who feels the weaker side. "
        "Leverage shows, in numbers, how strong each\n"
        "side really is — and usually that the power imbalance was perceived, not real.</p>"
    ),
    "\n<ol>\n",
    N_(
        "<li><b>Case</b> — who, what, the analysis settings, and "
        "the dashboard: the verdict, the zone of\n"
        "agreement, exposure and margin under their demand and under our proposal, readiness.</li>"
    ),
    "\n",
    N_(
        "<li><b>Parties</b> — everyone at or behind the table, "
        "what each of them really needs, and the\n"
        "stakeholder map (influence × stance).</li>"
    ),
    "\n",
    N_(
        "<li><b>Alternatives</b> — what they can do without us (a "
        "competitor, in-house, dual sourcing,\n"
        "delay…) and what we can do without them, with pros and "
        "cons, the criteria each side judges by,\n"
        "and the scores.</li>"
    ),
    "\n",
    N_(
        "<li><b>Risk</b> — the risk register, the heat map and the loss distribution under each\n"
        "scenario.</li>"
    ),
    "\n",
    N_(
        "<li><b>Margin</b> — our costs, each scenario's figures "
        "side by side, the zone of agreement and the\n"
        "tornado of what moves it.</li>"
    ),
    "\n",
    N_(
        "<li><b>Deal</b> — what every term is worth to each side: "
        "what to give and what to ask in return,\n"
        "three offers equal for us, the package better for both, "
        "and a what-if of price and terms.</li>"
    ),
    "\n",
    N_(
        "<li><b>Proposal</b> — the terms and why they are fair, the "
        "interests they answer, the fair price,\n"
        "the statement and the talking points that rebut each alternative.</li>"
    ),
    "\n",
    N_(
        "<li><b>Talks</b> — at the table: the offer log "
        "(<b>Ctrl+Shift+O</b> adds the next offer, the\n"
        "cursor in its price), each offer against the concession "
        "plan and both walk-aways, the chart of\n"
        "offers by round, and a snapshot of the case after each "
        "round (File › Save Round Snapshot…) to\n"
        "read later and to compare with now (What Changed Since…).</li>"
    ),
    "\n</ol>\n",
    N_("<h2>What the figures mean here</h2>"),
    "\n<dl>\n",
    N_(
        "<dt><b>BATNA</b></dt><dd>Best alternative to a "
        "negotiated agreement. <i>Their money BATNA</i>\n"
        "is their cheapest price-based alternative once "
        "switching costs and the cost of failure are\n"
        "counted; <i>their value BATNA</i> is the alternative "
        "with the highest expected value on their\n"
        "own criteria. An alternative with feasibility 0 cannot "
        "be carried out: it is never a BATNA,\n"
        "money or value, and the analysis says it was left out.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Feasibility</b></dt><dd>The chance, from 0 to 100 "
        "%, that an alternative can really be\n"
        "carried out: that a competitor can deliver, that an "
        "in-house line gets built in time. The value\n"
        "of an alternative counts at its expected value, "
        "feasibility × value, and its failure cost\n"
        "counts for the share that fails, (1 − feasibility) × "
        "failure cost. At 0 % it cannot be carried\n"
        "out: it is never a BATNA, money or value.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Effective price</b></dt><dd>What one of their "
        "alternatives really costs them per unit,\n"
        "written as a first-year price on our proposal's price "
        "path and terms. T is what going that way\n"
        "costs them over the contract — its unit price × the "
        "units, plus the switching cost, plus the\n"
        "failure cost × (1 − feasibility); K is the units of our "
        "proposal weighted by its yearly price\n"
        "change. Their alternatives are taken to come with the "
        "terms they demand of us, so the terms\n"
        "count too: (T × (1 − r<sub>t</sub> × "
        "d<sub>D</sub>/365) + X<sub>D</sub> − X<sub>P</sub>) /\n"
        "(K × (1 − r<sub>t</sub> × d<sub>P</sub>/365)), with r<sub>t</sub> their cost of capital,\n"
        "d<sub>D</sub> and d<sub>P</sub> the payment days they "
        "demand and we propose, and X the expected\n"
        "loss above a liability cap that stays with them. With "
        "our terms equal to theirs it is simply\n"
        "T/K. At that price our proposal costs them as much as "
        "the alternative; the cheapest effective\n"
        "price is their walk-away.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Walk-away price</b></dt><dd><i>Ours</i>: the "
        "lowest first-year price at which our margin,\n"
        "after the expected shortfall of our risks and the "
        "financing of the payment terms, still meets\n"
        "the minimum — and beats our money BATNA, the best "
        "feasibility × net value of our alternatives,\n"
        "when they have one. <i>Theirs</i>: the first-year "
        "price, on our proposal's terms, at which\n"
        "dealing with us costs them as much as their money BATNA "
        "on the terms they demand. Readiness\n"
        "flags our walk-away when it is more than twice our proposal's\n"
        "price: the minimum margin, the cost of capital or the "
        "payment days then usually leave too little\n"
        "of revenue to cover the costs.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>ZOPA</b></dt><dd>Zone of possible agreement: the "
        "prices between our walk-away and theirs.\n"
        "A proposal is <i>fair</i> when it keeps our share of the zone in the fair band.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Fair price</b></dt><dd>{fair}. It claims no more "
        "than that: it is not what they will\n"
        "accept, nor where to open — and never show it to them, it reveals our walk-away.</dd>"
    ),
    "\n",
    N_("<dt><b>Expected loss</b></dt><dd>The average cost of our risks over the contract.</dd>"),
    "\n",
    N_(
        "<dt><b>VaR</b></dt><dd>Value at risk at the case's "
        "confidence α (e.g. 90 %): the loss that is\n"
        "exceeded in only 10 % of simulated contracts.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Expected shortfall (ES)</b></dt><dd>The average "
        "loss of the worst (1 − α) share of the\n"
        "simulated contracts — at 90 %, the average over the "
        "worst 10 %: what the bad cases cost on\n"
        "average, and what an uncapped liability really means. It "
        "sees what VaR misses: a lone 5 % risk\n"
        "of EUR 1M has VaR<sub>90</sub> = 0 (nineteen contracts in twenty lose nothing) but\n"
        "ES<sub>90</sub> = EUR 0.5M (half of the worst 10 % lose "
        "the million). Our walk-away price and\n"
        "the conservative margin are built on it.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>± next to the expected shortfall</b></dt><dd>Its "
        "Monte Carlo standard error: the figure\n"
        "comes from a finite number of simulated contracts, and "
        "another random seed would move it by\n"
        "about that much. More runs make it smaller (four times "
        "the runs halve it). The tail needs at\n"
        "least 200 simulated contracts beyond the VaR, runs × (1 "
        "− α) ≥ 200: 2,000 runs at 90 %, 4,000\n"
        "at 95 %, 20,000 at 99 %. With fewer, the dashboard warns and names the runs needed.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Leverage index</b></dt><dd>Their gain from our "
        "proposal over their value BATNA, minus our\n"
        "gain over ours, in value points. Within ±{clear:g} "
        "points it reads <i>no clear difference in\n"
        "need</i>: the scores are judgements and do not carry a "
        "finer verdict. Beyond it, positive: they\n"
        "need this deal more than we do; negative: we need it "
        "more. While a score that enters it is\n"
        "missing (an alternative on its side's criteria, our "
        "proposal on both sides') it gives no verdict\n"
        "— <i>incomplete: N scores missing</i> — since a missing "
        "score counts as 0 and could swing it by\n"
        "tens of points.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Tornado</b></dt><dd>Each input moved down and up "
        "by the sensitivity step, one at a time:\n"
        "how much the width of the zone changes (its swing). An "
        "input at 0 is moved up to the step times\n"
        "the average of its kind, so a zero switching cost is "
        "still tested. A move that <i>breaks</i> the\n"
        "analysis — it leaves our walk-away or theirs "
        "undefined, or removes the zone — ranks first,\n"
        "whatever its swing, and says what it breaks. The <i>intelligence to gather</i> lists the\n"
        "assumptions about them whose move changes the zone, in "
        "the same order, each with the question\n"
        "that would settle it.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Their walk-away when you only know "
        "roughly</b></dt><dd>Give their unit price, switching\n"
        "cost or failure cost a low and a high beside the most "
        "likely value (the last columns of their\n"
        "alternatives). Each simulated run then draws them, "
        "triangular between low and high, and takes\n"
        "the walk-away of their cheapest alternative in that run: their walk-away becomes a\n"
        "distribution. <i>P10/P50/P90</i>: their walk-away is "
        "below it in 10, 50, 90 % of the runs.\n"
        "<i>P(deal)</i> at a price: the share of runs in which "
        "they would still prefer us, walk-away ≥\n"
        "price. <i>P(no zone)</i>: the share in which their "
        "walk-away is below ours, so no price works\n"
        "for both. The <i>best single offer</i> is the price "
        "that maximises our surplus × P(deal): a\n"
        "higher price earns more when accepted but is accepted "
        "less often. The acceptance curve shows\n"
        "P(deal) at every price. Without a range these are the point values.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Correlated risks</b></dt><dd>Two risks that tend "
        "to happen together (rho above 0) or\n"
        "apart (below 0), from −0.95 to 0.95, paired on the Risk tab. Each risk keeps its own\n"
        "simulated losses, so its expected loss does not "
        "change; only which contracts they fall in\n"
        "changes, and with it the tail: risks that come "
        "together make the bad contracts worse, and\n"
        "VaR and the expected shortfall rise. Some sets cannot "
        "hold at once (a with b 0.9, b with c 0.9,\n"
        "but a with c −0.9): such an edit is refused, naming the pairs to weaken.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Concession plan</b></dt><dd>Our planned price "
        "in round t of N: from our proposal's\n"
        "price P<sub>open</sub> to the limit P<sub>limit</sub> (the fair price unless set),\n"
        "P(t) = P<sub>open</sub> − (P<sub>open</sub> − "
        "P<sub>limit</sub>) × (t/N)<sup>1/e</sup>. A shape\n"
        "e below 1 holds the price and concedes late, 1 concedes "
        "evenly, above 1 early. An offer of ours\n"
        "below the plan for its round, or below our walk-away, "
        "is flagged with what the difference\n"
        "costs us; their pace, a line through their last three "
        "offers, says in which round it would\n"
        "meet our plan.</dd>"
    ),
    "\n</dl>\n",
    N_("<h2>Working with the tables</h2>"),
    "\n",
    N_(
        "<p>Every change is saved to the case file at once; "
        "Edit › Undo (Ctrl+Z) takes it back, one\n"
        "step per change, a paste of many rows included.</p>"
    ),
    "\n<dl>\n",
    N_(
        "<dt><b>Keys</b></dt><dd><b>Ctrl+Insert</b> adds a row "
        "after the selected one, its name selected\n"
        "for typing over; <b>Ctrl+Delete</b> deletes the selected rows; <b>Ctrl+Up</b> and\n"
        "<b>Ctrl+Down</b> move a row. <b>Tab</b> and "
        "<b>Shift+Tab</b> go to the next or previous cell you\n"
        "can type in, skipping the figures the analysis fills in "
        "(value, effective price…). In a notes,\n"
        "pros or cons cell, <b>Enter</b> stores the text and "
        "closes the cell, <b>Shift+Enter</b> starts a\n"
        "new line. Typing into a cell replaces its value; F2 or a double click edits it.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>Copy and paste</b></dt><dd><b>Ctrl+C</b> copies the selected rows or cells as\n"
        "tab-separated text that a spreadsheet takes as it is; "
        "<b>Ctrl+V</b> pastes rows copied from\n"
        "Excel or another spreadsheet (the columns in the table's "
        "order; a first row of column titles is\n"
        "skipped) after the selected row; in the score matrix, a "
        "block of scores from the selected cell\n"
        "on (one score fills every selected cell). A paste is "
        "stored whole or not at all: a value that\n"
        "cannot be read refuses it, naming the line and the column.</dd>"
    ),
    "\n",
    N_(
        "<dt><b>What a cell takes</b></dt><dd>Numbers as a spreadsheet writes them: 1,234.5 or\n"
        "1.234,5; <b>1.2M</b>, <b>1,2 Mio</b>, <b>250k</b>, "
        "<b>1.5bn</b>; the case's currency (EUR 455);\n"
        "a sign (−2, +2). Percentages with or without the sign: <b>12 %</b>; a probability or a\n"
        "feasibility of 55 is 55 %, 0.55 is 55 % too. Choices by "
        "the words shown (“once per contract”,\n"
        "“−2 hostile”) or by their short codes (per_contract, −2). "
        "A value out of range or a text that is\n"
        "not a number is refused, saying what was understood "
        "(“170 is 170 %, above 100 %”) — never\n"
        "rescaled.</dd>"
    ),
    "\n</dl>\n",
)


def _render(translate: Callable[[str], str]) -> str:
    """The guide through ``translate``, in the analysis's own words for the fair price and the
    leverage rule ("90 %" kept on one line)."""
    text = "".join(translate(piece) if piece.strip() else piece for piece in _GUIDE)
    meaning = translate(FAIR_PRICE_MEANING)
    return text.format(fair=meaning[:1].upper() + meaning[1:], clear=CLEAR_LEVERAGE_POINTS).replace(
        " %", "&nbsp;%"
    )


def guide_html() -> str:
    """The guide in the language in use."""
    return _render(_)


GUIDE_HTML = _render(str)  # in English, whatever the language in use


def show_guide(parent: QWidget | None) -> None:
    if not dialogs.is_interactive():
        return
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("The Leverage method"))
    dialog.resize(680, 560)  # its Close button on a 1024 × 640 screen too
    browser = QTextBrowser(dialog)
    browser.setOpenLinks(False)
    browser.setHtml(guide_html())
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
    also = (
        _("<p><small>Also bundled: {others}.</small></p>").format(others=others) if others else ""
    )
    return (
        f"{picture}<h3>Leverage {escape(__version__)}</h3>"
        + _(
            "<p>Negotiation preparation for the weaker side: alternatives, risk, margin, the "
            "zone of agreement and a decent and fair proposal, in one local case file.</p>"
        )
        + _("<p>Works offline; never opens a network connection.</p>")
        + _(
            "<p><b>Where Leverage keeps things</b><br>Settings: {settings}<br>"
            "Sample case copy and app data: {data}</p>"
        ).format(settings=escape(str(settings_file)), data=escape(str(data_dir)))
        + _("<p><b>Bundled software</b>, each under its own licence:</p>")
        + f"<table>{rows}</table>"
        + also
        + _(
            "<p><small>Qt, PySide6 and shiboken6 are used under the GNU LGPL v3: they are "
            "separate shared libraries in the program folder and can be replaced with versions "
            "of your own; their source is available from the Qt Project. The full licence texts "
            "are in the *.dist-info folders in {folder}, the fonts' in "
            "matplotlib/mpl-data/fonts/ttf and desktop_app/files/fonts (OFL.txt).</small></p>"
        ).format(folder=escape(str(licences_in)))
    )


def show_about(parent: QWidget | None) -> None:
    dialogs.show_info(parent, _("About Leverage"), about_text(icon=icon_path()))
