"""The undo texts and the table buttons' tips that name what a table holds ("Add party",
"Paste 3 parties", "Delete the selected risks (Ctrl+Del)"): one whole phrase per noun, so that
each language words it as it needs to (German puts the verb last and declines the noun). A noun
with no phrase here is worded by the English pattern."""

from __future__ import annotations

from desktop_app.i18n import _, ngettext


def add_text(noun: str) -> str:
    """The undo text of adding one ``noun``: "Add party"."""
    phrases = {
        "party": _("Add party"),
        "interest": _("Add interest"),
        "criterion": _("Add criterion"),
        "alternative": _("Add alternative"),
        "risk": _("Add risk"),
        "cost line": _("Add cost line"),
        "scenario": _("Add scenario"),
        "term": _("Add term"),
        "talking point": _("Add talking point"),
        "offer": _("Add offer"),
    }
    return phrases.get(noun, f"Add {noun}")


def move_text(noun: str) -> str:
    """The undo text of moving one ``noun``: "Move party"."""
    phrases = {
        "party": _("Move party"),
        "interest": _("Move interest"),
        "criterion": _("Move criterion"),
        "alternative": _("Move alternative"),
        "risk": _("Move risk"),
        "cost line": _("Move cost line"),
        "scenario": _("Move scenario"),
        "term": _("Move term"),
        "talking point": _("Move talking point"),
        "offer": _("Move offer"),
    }
    return phrases.get(noun, f"Move {noun}")


def delete_text(noun: str, plural: str, count: int) -> str:
    """The undo text of deleting ``count`` rows: "Delete party", "Delete 3 parties"."""
    if count == 1:
        one = {
            "party": _("Delete party"),
            "interest": _("Delete interest"),
            "criterion": _("Delete criterion"),
            "alternative": _("Delete alternative"),
            "risk": _("Delete risk"),
            "cost line": _("Delete cost line"),
            "scenario": _("Delete scenario"),
            "term": _("Delete term"),
            "talking point": _("Delete talking point"),
            "offer": _("Delete offer"),
        }
        return one.get(noun, f"Delete {noun}")
    many = {
        "party": ngettext("Delete {count} party", "Delete {count} parties", count),
        "interest": ngettext("Delete {count} interest", "Delete {count} interests", count),
        "criterion": ngettext("Delete {count} criterion", "Delete {count} criteria", count),
        "alternative": ngettext("Delete {count} alternative", "Delete {count} alternatives", count),
        "risk": ngettext("Delete {count} risk", "Delete {count} risks", count),
        "cost line": ngettext("Delete {count} cost line", "Delete {count} cost lines", count),
        "scenario": ngettext("Delete {count} scenario", "Delete {count} scenarios", count),
        "term": ngettext("Delete {count} term", "Delete {count} terms", count),
        "talking point": ngettext(
            "Delete {count} talking point", "Delete {count} talking points", count
        ),
        "offer": ngettext("Delete {count} offer", "Delete {count} offers", count),
    }
    pattern = many.get(noun, f"Delete {{count}} {plural}")
    return pattern.format(count=count)


def paste_text(noun: str, plural: str, count: int) -> str:
    """The undo text of pasting ``count`` rows: "Paste party", "Paste 3 parties"."""
    if count == 1:
        one = {
            "party": _("Paste party"),
            "interest": _("Paste interest"),
            "criterion": _("Paste criterion"),
            "alternative": _("Paste alternative"),
            "risk": _("Paste risk"),
            "cost line": _("Paste cost line"),
            "scenario": _("Paste scenario"),
            "term": _("Paste term"),
            "talking point": _("Paste talking point"),
            "offer": _("Paste offer"),
        }
        return one.get(noun, f"Paste {noun}")
    many = {
        "party": ngettext("Paste {count} party", "Paste {count} parties", count),
        "interest": ngettext("Paste {count} interest", "Paste {count} interests", count),
        "criterion": ngettext("Paste {count} criterion", "Paste {count} criteria", count),
        "alternative": ngettext("Paste {count} alternative", "Paste {count} alternatives", count),
        "risk": ngettext("Paste {count} risk", "Paste {count} risks", count),
        "cost line": ngettext("Paste {count} cost line", "Paste {count} cost lines", count),
        "scenario": ngettext("Paste {count} scenario", "Paste {count} scenarios", count),
        "term": ngettext("Paste {count} term", "Paste {count} terms", count),
        "talking point": ngettext(
            "Paste {count} talking point", "Paste {count} talking points", count
        ),
        "offer": ngettext("Paste {count} offer", "Paste {count} offers", count),
    }
    pattern = many.get(noun, f"Paste {{count}} {plural}")
    return pattern.format(count=count)


def edit_text(noun: str, what: str) -> str:
    """The undo text of an edit of the field ``what`` (as the language writes it inside a phrase)
    of a ``noun``: "Edit party name"."""
    phrases = {
        "party": _("Edit party {what}"),
        "interest": _("Edit interest {what}"),
        "criterion": _("Edit criterion {what}"),
        "alternative": _("Edit alternative {what}"),
        "risk": _("Edit risk {what}"),
        "cost line": _("Edit cost line {what}"),
        "scenario": _("Edit scenario {what}"),
        "term": _("Edit term {what}"),
        "talking point": _("Edit talking point {what}"),
        "offer": _("Edit offer {what}"),
        "case": _("Edit case {what}"),
        "setting": _("Edit setting {what}"),
        "proposal": _("Edit proposal {what}"),
        "plan": _("Edit plan {what}"),
    }
    pattern = phrases.get(noun, f"Edit {noun} {{what}}")
    return pattern.format(what=what)


def add_tip(noun: str, key: str) -> str:
    """The Add button's tip: "Add a party (Ctrl+Ins)"."""
    phrases = {
        "party": _("Add a party ({key})"),
        "interest": _("Add an interest ({key})"),
        "criterion": _("Add a criterion ({key})"),
        "alternative": _("Add an alternative ({key})"),
        "risk": _("Add a risk ({key})"),
        "cost line": _("Add a cost line ({key})"),
        "scenario": _("Add a scenario ({key})"),
        "term": _("Add a term ({key})"),
        "talking point": _("Add a talking point ({key})"),
        "offer": _("Add an offer ({key})"),
    }
    pattern = phrases.get(noun, f"Add a {noun} ({{key}})")
    return pattern.format(key=key)


def delete_tip(noun: str, plural: str, key: str) -> str:
    """The Delete button's tip: "Delete the selected parties (Ctrl+Del)"."""
    phrases = {
        "party": _("Delete the selected parties ({key})"),
        "interest": _("Delete the selected interests ({key})"),
        "criterion": _("Delete the selected criteria ({key})"),
        "alternative": _("Delete the selected alternatives ({key})"),
        "risk": _("Delete the selected risks ({key})"),
        "cost line": _("Delete the selected cost lines ({key})"),
        "scenario": _("Delete the selected scenarios ({key})"),
        "term": _("Delete the selected terms ({key})"),
        "talking point": _("Delete the selected talking points ({key})"),
        "offer": _("Delete the selected offers ({key})"),
    }
    pattern = phrases.get(noun, f"Delete the selected {plural} ({{key}})")
    return pattern.format(key=key)
