"""The Case tab: the case's own fields and settings, the two letterheads, and the dashboard."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.analysis.wording import FAIR_PRICE_MEANING
from desktop_app.domain import edits, entry
from desktop_app.domain.model import Case, CaseInfo
from desktop_app.domain.schema import field_of
from desktop_app.i18n import N_, _
from desktop_app.ui.models.columns import WORD_KINDS, Column, column_for, columns_for
from desktop_app.ui.state.document import CaseDocument
from desktop_app.ui.tabs import tab_entry
from desktop_app.ui.tabs.base import CaseTab
from desktop_app.ui.tabs.dashboard import Dashboard
from desktop_app.ui.widgets.chart_view import ChartView
from desktop_app.ui.widgets.figure_page import sub_tabs
from desktop_app.ui.widgets.forms import FieldForm
from desktop_app.ui.widgets.letterhead_editor import LetterheadEditor


def _band(index: int) -> Column:
    """One end of the fair band, typed as a percentage (the band is one field of two ends)."""

    def get(info: CaseInfo) -> float:
        return info.fair_band[index]

    def set_(info: CaseInfo, value: float) -> CaseInfo:
        band = list(info.fair_band)
        band[index] = value
        return replace(info, fair_band=(band[0], band[1]))

    band = field_of(CaseInfo, "fair_band")
    header = _("{field}, low end") if index == 0 else _("{field}, high end")
    return Column(
        f"fair_band_{index}",
        header.format(field=_(band.label)),
        "fraction",
        tooltip=_("{tooltip} The fair price, {meaning}, is at 50 %.").format(
            tooltip=_(band.tooltip), meaning=_(FAIR_PRICE_MEANING)
        ),
        get=get,
        set=set_,
    )


def fair_band_order() -> entry.Ordered:
    """Typing one end of the fair band past the other takes the other along (and says so, in
    the language in use)."""
    return entry.Ordered(("fair_band_0", "fair_band_1"), _("the low end ≤ the high end"))


FAIR_BAND_ORDER = fair_band_order()


def _words(column: Column) -> bool:
    return column.kind in WORD_KINDS


def who_columns() -> list[Column]:
    """Who and what; a text field added to the case shows up here (worded in the language in
    use, so built when a tab is)."""
    return list(
        columns_for(
            CaseInfo,
            "title",
            "client",
            "counterpart",
            "consultant",
            "consultancy",
            "subject",
            "prepared_on",
            "notes",
            skip=("currency",),
            rest=_words,
        )
    )


def settings_columns() -> list[Column]:
    """The analysis settings; any other field added to the case shows up here."""
    return list(
        columns_for(
            CaseInfo,
            "currency",
            "min_margin_pct",
            "cost_of_capital_pct",
            column_for(CaseInfo, "their_cost_of_capital_pct", placeholder=_("same as ours")),
            "risk_confidence",
            _band(0),
            _band(1),
            "simulation_runs",
            "simulation_seed",
            "sensitivity_pct",
            rest=lambda column: not _words(column),
        )
    )


#: The columns in English (as declared; the tab builds its own in the language in use).
WHO_COLUMNS = who_columns()
SETTINGS_COLUMNS = settings_columns()


def _info(case: Case) -> CaseInfo:
    return case.info


#: The two letterheads: (owner, whose, title of its box). The brief carries the consultancy's,
#: the proposal the client's (SPEC §11).
LETTERHEADS = (
    ("consultancy", N_("the consultancy"), N_("Ours: the team brief")),
    ("client", N_("the client"), N_("The client's: the proposal")),
)
LETTERHEADS_HINT = N_(
    "The consultancy's logo and colour mark the team brief's cover; the client's mark the "
    "proposal. Without them, each document has a neutral design. Edit › Our Consultancy… "
    "sets ours for every new case."
)


def _logo_step(owner: str, data: Any) -> str:
    """The undo step of a logo chosen or removed, in words (one whole sentence each)."""
    if owner == "consultancy":
        return _("Set the consultancy's logo") if data else _("Remove the consultancy's logo")
    return _("Set the client's logo") if data else _("Remove the client's logo")


def _accent_step(owner: str, colour: Any) -> str:
    """The undo step of an accent colour chosen or cleared, in words."""
    if owner == "consultancy":
        if colour:
            return _("Set the consultancy's accent colour")
        return _("Clear the consultancy's accent colour")
    return _("Set the client's accent colour") if colour else _("Clear the client's accent colour")


#: The pages of the left column built when first shown (0, who and what, is built at once).
PAGE_LETTERHEADS, PAGE_SETTINGS = 1, 2


def _slot() -> QWidget:
    """A page of the left column to be filled when first shown (``CaseInfoTab._fill``)."""
    slot = QWidget()
    QVBoxLayout(slot).setContentsMargins(0, 0, 0, 0)
    return slot


def _page(content: QWidget) -> QScrollArea:
    """A page of the left column: ``content`` at the top, scrolling on a small screen."""
    inner = QWidget()
    layout = QVBoxLayout(inner)
    layout.addWidget(content)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    return scroll


class CaseInfoTab(CaseTab):
    title = tab_entry("CaseInfoTab").title
    tooltip = tab_entry("CaseInfoTab").tooltip

    def __init__(self, document: CaseDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self._who = FieldForm(document, who_columns(), _info, edits.with_info, noun="case")
        self._settings: FieldForm | None = None
        self._letterheads: dict[str, LetterheadEditor] | None = None
        # One page at a time on the left, each whole on a laptop screen: who and what, the
        # letterheads, the analysis settings. The last two are built when first shown or asked
        # for (``forms``, ``letterheads``): not on the window's way to its first paint (~8 ms).
        self._pages = sub_tabs(
            [
                (_page(self._who), _("The case"), _("Who and what: the case's own fields")),
                (_slot(), _("Letterheads"), _(LETTERHEADS_HINT)),
                (_slot(), _("Analysis settings"), _("How the figures are computed")),
            ]
        )
        self._pages.setMinimumWidth(270)
        self._pages.currentChanged.connect(self._build_page)
        self.dashboard = Dashboard()
        self.zopa_chart = self.add_chart(
            ChartView("zopa_bar", title=_("Zone of possible agreement"), min_height=170)
        )
        self.zopa_chart.setToolTip(
            _(
                "Our walk-away, their walk-away, the zone between them, the fair price "
                "({meaning}), the fair band, our proposal and their demand."
            ).format(meaning=_(FAIR_PRICE_MEANING))
        )
        self.dashboard.zopa_slot.addWidget(self.zopa_chart)
        # The forms give up width first: on a 1024 px screen the dashboard keeps its figures
        # and a readable readiness column.
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._pages)
        splitter.addWidget(self.dashboard)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 840])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.dashboard.go_to.connect(self.go_to)
        self.on_case(document.case)
        if document.analysis is not None:
            self.on_analysis(document.analysis)

    # -- the pages built when first shown ----------------------------------------------------

    @property
    def forms(self) -> tuple[FieldForm, FieldForm]:
        """The who-and-what form and the analysis settings' (built now if not yet)."""
        self._build_page(PAGE_SETTINGS)
        assert self._settings is not None
        return self._who, self._settings

    @property
    def letterheads(self) -> dict[str, LetterheadEditor]:
        """The two letterhead editors by owner (built now if not yet)."""
        self._build_page(PAGE_LETTERHEADS)
        assert self._letterheads is not None
        return self._letterheads

    def _build_page(self, index: int) -> None:
        if index == PAGE_SETTINGS and self._settings is None:
            self._settings = FieldForm(
                self.document,
                settings_columns(),
                _info,
                edits.with_info,
                noun="setting",
                ordered=fair_band_order(),
            )
            self._fill(index, self._settings)
        elif index == PAGE_LETTERHEADS and self._letterheads is None:
            self._letterheads = {
                owner: self._letterhead_editor(owner, whose) for owner, whose, _title in LETTERHEADS
            }
            self._fill(index, self._letterheads_page(self._letterheads))
            self.on_case(self.document.case)

    def _fill(self, index: int, content: QWidget) -> None:
        slot = self._pages.widget(index)
        layout = slot.layout() if slot is not None else None
        if layout is not None:
            page = _page(content)
            layout.addWidget(page)
            page.show()  # now, not at the layout's next turn: the page is never seen empty

    # -- letterheads ------------------------------------------------------------------------

    @staticmethod
    def _letterheads_page(editors: dict[str, LetterheadEditor]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        for owner, _whose, title in LETTERHEADS:
            box = QGroupBox(_(title))
            QVBoxLayout(box).addWidget(editors[owner])
            layout.addWidget(box)
        hint = QLabel(_(LETTERHEADS_HINT))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #566573;")
        layout.addWidget(hint)
        return page

    def _letterhead_editor(self, owner: str, whose: str) -> LetterheadEditor:
        editor = LetterheadEditor(
            field_of(CaseInfo, f"{owner}_logo"),
            field_of(CaseInfo, f"{owner}_accent"),
            whose=_(whose),
        )
        editor.logo_chosen.connect(
            lambda data, o=owner: self.set_letterhead(o, "logo", data, _logo_step(o, data))
        )
        editor.accent_chosen.connect(
            lambda colour, o=owner: self.set_letterhead(
                o, "accent", colour, _accent_step(o, colour)
            )
        )
        return editor

    def set_letterhead(self, owner: str, part: str, value: Any, text: str) -> bool:
        """Store ``owner``'s logo or accent (``part``) as one undoable step named ``text``."""
        info = self.document.case.info
        name = f"{owner}_{part}"
        if getattr(info, name) == value:
            return True
        changes: dict[str, Any] = {name: value}
        refused = self.document.change(
            edits.with_info(self.document.case, replace(info, **changes)), text
        )
        if refused is not None:
            self.letterheads[owner].refuse(refused)
            return False
        return True

    def on_case(self, case: Any) -> None:
        info = case.info
        editable = not self.document.read_only
        for owner, editor in (self._letterheads or {}).items():
            editor.show_values(
                getattr(info, f"{owner}_logo"), getattr(info, f"{owner}_accent"), editable=editable
            )

    def part(self, name: str) -> QWidget | None:
        """A field of the forms by its name ("simulation_runs"), or any other part."""
        for form in self.forms:
            if name in form.widgets:
                widget: QWidget = form.widgets[name]
                return widget
        return super().part(name)

    def on_analysis(self, analysis: Any) -> None:
        self.dashboard.show_analysis(self.document.case, analysis)
