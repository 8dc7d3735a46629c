"""Qt table models over lists in the case: a collection (risks, parties…) or a list nested in
one object (a party's interests, a scenario's terms, the proposal's talking points).

Thin adapters: rows are the domain objects of the document's current case, columns are
``Column`` declarations. An edit builds the new object, hands the new case to the document
(which validates, stores and pushes the undo command) and reports refusal by returning False;
the view shows the reason the document broadcasts. Row changes are forwarded with
begin/endInsertRows and begin/endRemoveRows where the change is a plain insert or removal, so
selection and scroll position survive edits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.domain import edits, entry
from desktop_app.domain.model import Case
from desktop_app.i18n import _, language, ngettext
from desktop_app.ui.models import nouns
from desktop_app.ui.models.columns import Column, display_text, export_text, parse_text
from desktop_app.ui.state.document import CaseDocument

Index = QModelIndex | QPersistentModelIndex
RowFilter = Callable[[Any], bool]
NewItem = Callable[[Case], Any]

EDIT_ROLE = Qt.ItemDataRole.EditRole
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole


class ListTableModel(QAbstractTableModel):
    """Rows from ``items_of(case)``; subclasses say how a changed list goes back in the case."""

    def __init__(
        self,
        document: CaseDocument,
        columns: Sequence[Column],
        *,
        noun: str,
        new_item: NewItem,
        plural: str | None = None,
    ) -> None:
        super().__init__(document)
        self.document = document
        self.columns = list(columns)
        self.noun = noun
        self.plural = plural or f"{noun}s"
        self.new_item = new_item
        self._rows: list[Any] = self.items_of(document.case)
        document.case_changed.connect(self._on_case_changed)

    # -- what subclasses provide ------------------------------------------------------------

    def items_of(self, case: Case) -> list[Any]:
        raise NotImplementedError

    def identity(self, item: Any, position: int) -> Any:
        """What identifies a row across changes (an id, or the position)."""
        return getattr(item, "id", position)

    def replace_item(self, case: Case, row: int, item: Any) -> Case:
        raise NotImplementedError

    def insert_items(self, case: Case, row: int, items: Sequence[Any]) -> Case:
        raise NotImplementedError

    def delete_items(self, case: Case, rows: Sequence[int]) -> Case:
        raise NotImplementedError

    def move_item(self, case: Case, row: int, target: int) -> Case:
        raise NotImplementedError

    @property
    def writable(self) -> bool:
        return not self.document.read_only

    # -- what the undo stack calls the changes ----------------------------------------------

    def count_noun(self, count: int) -> str:
        """ "party", "3 parties" (in English: the words of the undo texts)."""
        return self.noun if count == 1 else f"{count} {self.plural}"

    def edit_text(self, column: Column) -> str:
        """The undo text of an edit of ``column``: "Edit party name", "Edit interest text"
        (the column's field when its header only repeats the noun)."""
        what = column.header.lower()
        if what in (self.noun, self.plural):
            what = column.field.replace("_", " ")
        return nouns.edit_text(self.noun, what if language() == "en" else column.title)

    # -- reading ----------------------------------------------------------------------------

    def item(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == DISPLAY_ROLE:
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tip or None
        if orientation == Qt.Orientation.Vertical and role == DISPLAY_ROLE:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self.columns[index.column()]
        value = column.value(self._rows[index.row()])
        if role == DISPLAY_ROLE:
            return display_text(column, value, self.document.case.info.currency)
        if role == EDIT_ROLE:
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable and self.writable:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    # -- editing ----------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = EDIT_ROLE) -> bool:
        if role != EDIT_ROLE or not index.isValid():
            return False
        column = self.columns[index.column()]
        item = self._rows[index.row()]
        if isinstance(value, str) and column.kind not in ("text", "longtext"):
            try:
                value = self.read(column, value, item)
            except ValueError as error:
                self.document.edit_refused.emit(
                    _("{field}: {problem}").format(field=column.title, problem=error)
                )
                return False
        if column.value(item) == value:
            return True
        changed, note = self.followed(column.with_value(item, value), column)
        new_case = self.replace_item(self.document.case, index.row(), changed)
        return self.document.change(new_case, self.edit_text(column), note=note) is None

    def read(self, column: Column, text: str, item: Any) -> Any:
        """The value ``text`` stands for in ``column`` of ``item`` (the schema's range for
        its field, the case's currency); ValueError saying what was understood."""
        currency = self.document.case.info.currency
        return parse_text(column, text, owner=type(item), currency=currency)

    def followed(self, item: Any, column: Column) -> tuple[Any, str]:
        """``item`` with the fields kept in order with the typed one following it (a risk's
        impacts: ``entry.keep_in_order`` says why), and the sentence announcing it."""
        changed, moves = entry.follow_order(item, column.field)
        if not moves:
            return item, ""
        headers = {c.field: c.title for c in self.columns}
        words = entry.ordered_words(type(item))
        return changed, entry.announce_moves(moves, lambda f: headers.get(f, f), words)

    def add_row(self, after: int | None = None) -> int | None:
        """Insert a new item after row ``after`` (at the end if None); its row, or None."""
        if not self.writable:
            return None
        row = len(self._rows) if after is None else after + 1
        new_case = self.insert_items(self.document.case, row, [self.new_item(self.document.case)])
        if self.document.change(new_case, nouns.add_text(self.noun)) is not None:
            return None
        return row

    def delete_rows(self, rows: Sequence[int]) -> bool:
        chosen = sorted({r for r in rows if 0 <= r < len(self._rows)})
        if not chosen:
            return False
        new_case = self.delete_items(self.document.case, chosen)
        dropped = len(self.document.case.correlations) - len(new_case.correlations)
        note = (  # a deleted risk's correlations go with it (``edits.prune_references``)
            ngettext(
                "{count} correlation between risks went with it",
                "{count} correlations between risks went with it",
                dropped,
            ).format(count=dropped)
            if dropped > 0
            else ""
        )
        text = nouns.delete_text(self.noun, self.plural, len(chosen))
        return self.document.change(new_case, text, note=note) is None

    def move_row(self, row: int, delta: int) -> int | None:
        """Move a row up (-1) or down (+1); its new row, or None."""
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return None
        new_case = self.move_item(self.document.case, row, target)
        if self.document.change(new_case, nouns.move_text(self.noun)) is not None:
            return None
        return target

    # -- spreadsheet copy and paste ---------------------------------------------------------

    def rows_as_tsv(self, rows: Sequence[int]) -> str:
        header = "\t".join(c.title for c in self.columns)
        lines = [
            "\t".join(export_text(c, c.value(self._rows[r])) for c in self.columns)
            for r in sorted(set(rows))
        ]
        return "\n".join([header, *lines]) + "\n"

    def paste_tsv(self, text: str, after: int | None = None) -> tuple[int, str | None]:
        """Add one item per tab-separated line (a header line is recognised and skipped).

        All lines are read first; one bad value refuses the whole paste with the line and
        column named. Returns (rows added, reason refused).
        """
        if not self.writable:
            return 0, _("this table cannot be changed now")
        lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
        english = [c.header.lower() for c in self.columns]
        shown = [c.title.lower() for c in self.columns]
        if lines and [cell.strip().lower() for cell in lines[0].split("\t")] in (english, shown):
            lines = lines[1:]
        if not lines:
            return 0, _("the clipboard holds no rows")
        case = self.document.case
        items = []
        for number, line in enumerate(lines, start=1):
            item = self.new_item(case)
            for column, cell in zip(self.columns, line.split("\t"), strict=False):
                if not column.editable:
                    continue
                try:
                    value = self.read(column, cell, item)
                except ValueError as error:
                    return 0, _("line {number}, {field}: {problem}").format(
                        number=number, field=column.title, problem=error
                    )
                item = column.with_value(item, value)
            items.append(item)
            case = self._with_pasted(case, item)
        row = len(self._rows) if after is None else after + 1
        new_case = self.insert_items(self.document.case, row, items)
        text = nouns.paste_text(self.noun, self.plural, len(items))
        refused = self.document.change(new_case, text)
        return (len(items), None) if refused is None else (0, refused)

    def _with_pasted(self, case: Case, item: Any) -> Case:
        """Make ``item`` count as taken, so the next new item gets a fresh id."""
        if hasattr(item, "id"):
            return self.insert_items(case, len(self.items_of(case)), [item])
        return case

    # -- keeping up with the case -----------------------------------------------------------

    def _on_case_changed(self, case: Case) -> None:
        new_rows = self.items_of(case)
        old_ids = [self.identity(e, i) for i, e in enumerate(self._rows)]
        new_ids = [self.identity(e, i) for i, e in enumerate(new_rows)]
        if new_ids == old_ids:
            self._rows = new_rows
            self._all_changed()
            return
        if len(new_ids) == len(old_ids) + 1:
            at = next(
                (i for i, (a, b) in enumerate(zip(old_ids, new_ids, strict=False)) if a != b),
                len(old_ids),
            )
            if new_ids[:at] + new_ids[at + 1 :] == old_ids:
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows = new_rows
                self.endInsertRows()
                self._all_changed()
                return
        if len(new_ids) == len(old_ids) - 1:
            at = next(
                (i for i, (a, b) in enumerate(zip(old_ids, new_ids, strict=False)) if a != b),
                len(new_ids),
            )
            if old_ids[:at] + old_ids[at + 1 :] == new_ids:
                self.beginRemoveRows(QModelIndex(), at, at)
                self._rows = new_rows
                self.endRemoveRows()
                self._all_changed()
                return
        self.beginResetModel()
        self._rows = new_rows
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the rows (e.g. after the object a nested list belongs to changed)."""
        self.beginResetModel()
        self._rows = self.items_of(self.document.case)
        self.endResetModel()

    def _all_changed(self) -> None:
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class EntityTableModel(ListTableModel):
    """Rows of ``document.case.<key>`` (those passing ``row_filter``), one column per spec.

    Deleting goes through ``edits.remove_entity``, so what pointed at a deleted entity (its
    scores, overrides, talking points, addressed interests) goes with it — and comes back
    with undo.
    """

    def __init__(
        self,
        document: CaseDocument,
        key: str,
        columns: Sequence[Column],
        *,
        noun: str,
        new_entity: NewItem,
        row_filter: RowFilter | None = None,
        plural: str | None = None,
    ) -> None:
        self.key = key
        self.row_filter = row_filter
        super().__init__(document, columns, noun=noun, new_item=new_entity, plural=plural)

    def items_of(self, case: Case) -> list[Any]:
        items = getattr(case, self.key)
        return [e for e in items if self.row_filter is None or self.row_filter(e)]

    def entity(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, ident: str) -> int | None:
        return next((i for i, e in enumerate(self._rows) if e.id == ident), None)

    def _case_index(self, case: Case, visible_row: int) -> int:
        """The position in the whole collection of visible row ``visible_row``."""
        items = list(getattr(case, self.key))
        visible = self.items_of(case)
        if visible_row >= len(visible):
            return len(items) if not visible else items.index(visible[-1]) + 1
        return items.index(visible[visible_row])

    def replace_item(self, case: Case, _row: int, item: Any) -> Case:
        return edits.replace_entity(case, item)

    def insert_items(self, case: Case, row: int, items: Sequence[Any]) -> Case:
        position = self._case_index(case, row)
        for offset, entity in enumerate(items):
            if edits.find(case, self.key, entity.id) is None:
                case = edits.add_entity(case, entity, position + offset)
        return case

    def delete_items(self, case: Case, rows: Sequence[int]) -> Case:
        ids = [self._rows[r].id for r in rows]
        for ident in ids:
            case = edits.remove_entity(case, self.key, ident)
        return case

    def move_item(self, case: Case, row: int, target: int) -> Case:
        entity = self._rows[row]
        return edits.move_entity(case, self.key, entity.id, self._case_index(case, target))

    def add_row(self, after: int | None = None) -> int | None:
        if not self.writable:
            return None
        entity = self.new_item(self.document.case)
        row = len(self._rows) if after is None else after + 1
        new_case = self.insert_items(self.document.case, row, [entity])
        if self.document.change(new_case, nouns.add_text(self.noun)) is not None:
            return None
        return self.row_of(entity.id)


class NestedListModel(ListTableModel):
    """Rows of a list inside one object of the case: ``get_list(case)`` returns the tuple (or
    None when there is no owner, e.g. no proposal scenario yet), ``set_list(case, items)``
    returns the case with the new tuple in place."""

    def __init__(
        self,
        document: CaseDocument,
        columns: Sequence[Column],
        *,
        noun: str,
        new_item: NewItem,
        get_list: Callable[[Case], Sequence[Any] | None],
        set_list: Callable[[Case, tuple[Any, ...]], Case],
        plural: str | None = None,
    ) -> None:
        self.get_list = get_list
        self.set_list = set_list
        super().__init__(document, columns, noun=noun, new_item=new_item, plural=plural)

    @property
    def has_owner(self) -> bool:
        return self.get_list(self.document.case) is not None

    @property
    def writable(self) -> bool:
        return super().writable and self.has_owner

    def items_of(self, case: Case) -> list[Any]:
        return list(self.get_list(case) or ())

    def _put(self, case: Case, items: list[Any]) -> Case:
        return self.set_list(case, tuple(items))

    def replace_item(self, case: Case, row: int, item: Any) -> Case:
        items = self.items_of(case)
        items[row] = item
        return self._put(case, items)

    def insert_items(self, case: Case, row: int, items: Sequence[Any]) -> Case:
        current = self.items_of(case)
        current[row:row] = list(items)
        return self._put(case, current)

    def delete_items(self, case: Case, rows: Sequence[int]) -> Case:
        drop = set(rows)
        return self._put(case, [x for i, x in enumerate(self.items_of(case)) if i not in drop])

    def move_item(self, case: Case, row: int, target: int) -> Case:
        items = self.items_of(case)
        items.insert(target, items.pop(row))
        return self._put(case, items)
