"""A case written in every script the documents must print: Latin with accents, Greek,
Cyrillic, Japanese, Chinese, Korean, Arabic and Hebrew, in the names the charts show and in the
notes, terms and talking points the PDFs print (shared by tests/reports and tests/charts)."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.domain.model import Case, Term
from desktop_app.store.sample import sample_case

#: One name per script; each word is checked in the PDFs' text.
NAMES = {
    "latin": "Müller Ångström",
    "greek": "Αθηναϊκή Εταιρεία",
    "cyrillic": "Московская Компания",
    "japanese": "東京商事株式会社",
    "chinese": "上海贸易有限公司",
    "korean": "서울무역 주식회사",
    "arabic": "شركة الأمل للتجارة",
    "hebrew": "חברת השלום הגדולה",
}
#: Longer texts that wrap over several lines (right-to-left ones must read from the top).
ARABIC_NOTE = (
    "نحن نقدم عرضاً عادلاً يغطي تكاليف التوريد والمخاطر المتوقعة خلال مدة العقد، "
    "ونرغب في شراكة طويلة الأمد مع فريقكم في الرياض وجدة والدمام."
)
HEBREW_NOTE = (
    "אנחנו מציעים הצעה הוגנת המכסה את עלויות האספקה והסיכונים הצפויים לאורך כל תקופת החוזה."
)
JAPANESE_NOTE = "納期と品質を守り、長期的な協力関係を築きたいと考えております。"


def multiscript_case() -> Case:
    """The sample case with every name, note and term in one of the scripts above."""
    case = sample_case()
    names = list(NAMES.values())

    def name(n: int) -> str:
        return names[n % len(names)]

    parties = tuple(replace(p, name=name(n), notes=name(n + 1)) for n, p in enumerate(case.parties))
    alternatives = tuple(replace(a, name=name(n + 2)) for n, a in enumerate(case.alternatives))
    scenarios = tuple(
        replace(
            s,
            name=name(n + 5),
            terms=(
                *s.terms,
                Term(name=NAMES["arabic"], value=ARABIC_NOTE, rationale=HEBREW_NOTE),
                Term(name=NAMES["japanese"], value=JAPANESE_NOTE, rationale=NAMES["korean"]),
            ),
        )
        for n, s in enumerate(case.scenarios)
    )
    risks = tuple(replace(r, name=name(n + 3)) for n, r in enumerate(case.risks))
    info = replace(
        case.info,
        title=f"{NAMES['japanese']} / {NAMES['arabic']}",
        client=NAMES["greek"],
        counterpart=NAMES["arabic"],
        consultancy=NAMES["hebrew"],
        notes=f"{ARABIC_NOTE}\n\n{HEBREW_NOTE}\n\n{JAPANESE_NOTE}",
    )
    proposal = replace(
        case.proposal,
        statement=f"{ARABIC_NOTE}\n\n{JAPANESE_NOTE}",
        addressee=NAMES["arabic"],
        signatory=NAMES["cyrillic"],
    )
    return replace(
        case,
        info=info,
        parties=parties,
        alternatives=alternatives,
        scenarios=scenarios,
        risks=risks,
        proposal=proposal,
    )
