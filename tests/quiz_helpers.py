"""Corpora for the quiz tests: the two-clause library example, and synthetic declarations made of
hand-written French (every form below is written out, not produced by the engine's grammar)."""

from __future__ import annotations

import random
import re
from typing import Any

from quizgen.corpus import Clause, Corpus, Section, SourceLocation, Span

Piece = str | tuple[str, str, str]  # plain text, or (span text, type, value)


def build_clause(clause_id: str, pieces: list[Piece], themes: tuple[str, ...] = ("securite",),
                 line: int = 1) -> Clause:
    """A clause from text pieces and spans, with offsets computed."""
    text, spans = "", []
    for piece in pieces:
        if isinstance(piece, str):
            text += piece
        else:
            words, kind, value = piece
            spans.append(Span(kind, words, value, len(text), len(text) + len(words)))
            text += words
    section = clause_id.split(".")[0]
    return Clause(clause_id, section, int(clause_id.split(".")[1]), text, themes, tuple(spans),
                  SourceLocation(f"docs/declaration/{section.lower()}.md", line),
                  f"declaration/{section.lower()}.html#clause-{clause_id.replace('.', '-')}")


THEMES = {"securite": "Sécurité", "economie": "Économie", "culture": "Culture", "sante": "Santé",
          "environnement": "Environnement"}
STATE_LABELS = {"IRN": "Iran", "IND": "Inde", "PAK": "Pakistan", "RUS": "Russie", "CHN": "Chine",
                "KAZ": "Kazakhstan", "USA": "États-Unis", "AFG": "Afghanistan", "BLR": "Bélarus",
                "UZB": "Ouzbékistan"}
ORG_LABELS = {"OCS": "Organisation de coopération de Shanghai", "ONU": "Organisation des Nations unies",
              "ASEAN": "Association des nations de l’Asie du Sud-Est",
              "SRAT": "Structure régionale antiterroriste",
              "UIB": "Union interbancaire", "CEI": "Communauté des États indépendants"}


def two_clause_corpus() -> Corpus:
    """The library example: two clauses, two sections."""
    c1 = build_clause("I.1", [
        "Les dirigeants des États membres de l’", ("Organisation de coopération de Shanghai", "org", "OCS"),
        " se sont réunis à ", ("Tianjin", "place", "Tianjin"), " le ",
        ("1er septembre 2025", "date", "2025-09-01"),
        ". Ils saluent le rôle de l’", ("Inde", "state", "IND"), " dans la lutte contre le ",
        ("terrorisme", "concept", "terrorisme"), "."], ("securite",))
    c2 = build_clause("II.1", [
        "Ils ont condamné les frappes menées contre ", ("la République islamique d’Iran", "state", "IRN"),
        " en ", ("juin 2025", "date", "2025-06"), " et salué le rôle du ", ("Pakistan", "state", "PAK"),
        " à ",
        ("Douchanbé", "place", "Douchanbé"), ". La ", ("Russie", "state", "RUS"), " soutient la ",
        ("multipolarité", "concept", "multipolarité"), "."], ("securite", "economie"))
    return Corpus("Déclaration d’essai", [c1, c2],
                  [Section("I", "I. Déclaration préalable"), Section("II", "II. Paix et sécurité")],
                  dict(THEMES), {"state": dict(STATE_LABELS), "org": dict(ORG_LABELS)})


# --- synthetic declarations ---------------------------------------------------------------------------

# code: (bare noun, with article, after "de", after "à"); the span covers the noun or article + noun.
STATES = {
    "IRN": ("Iran", "l’Iran", "de l’Iran", "à l’Iran"),
    "IND": ("Inde", "l’Inde", "de l’Inde", "à l’Inde"),
    "PAK": ("Pakistan", "le Pakistan", "du Pakistan", "au Pakistan"),
    "RUS": ("Russie", "la Russie", "de la Russie", "à la Russie"),
    "CHN": ("Chine", "la Chine", "de la Chine", "à la Chine"),
    "KAZ": ("Kazakhstan", "le Kazakhstan", "du Kazakhstan", "au Kazakhstan"),
    "USA": ("États-Unis", "les États-Unis", "des États-Unis", "aux États-Unis"),
    "AFG": ("Afghanistan", "l’Afghanistan", "de l’Afghanistan", "à l’Afghanistan"),
    "BLR": ("Bélarus", "le Bélarus", "du Bélarus", "au Bélarus"),
    "UZB": ("Ouzbékistan", "l’Ouzbékistan", "de l’Ouzbékistan", "à l’Ouzbékistan"),
}
ORGS = {"OCS": "l’OCS", "ONU": "l’ONU", "ASEAN": "l’ASEAN", "SRAT": "la SRAT", "UIB": "l’UIB",
        "CEI": "la CEI"}
CONCEPTS = {"multipolarité": "la multipolarité", "terrorisme": "le terrorisme", "extrémisme": "l’extrémisme",
            "séparatisme": "le séparatisme", "multilatéralisme": "le multilatéralisme",
            "connectivité": "la connectivité", "sécurité alimentaire": "la sécurité alimentaire"}
PLACES = ["Tianjin", "Douchanbé", "Astana", "Vienne", "Moscou", "Ufa", "Almaty", "Tachkent", "Bichkek",
          "Ekaterinbourg", "Samarcande", "Minsk"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


def _state(rng: random.Random, form: str, code: str) -> list[Piece]:
    """A state after a given left context: "" (subject or object), "de" or "à"."""
    bare, np, de, to = STATES[code]
    full = {"": np, "de": de, "à": to}[form]
    if full.endswith(np) and rng.random() < 0.5:  # the article may be part of the span
        return [full[: len(full) - len(np)], (np, "state", code)]
    return [full[: len(full) - len(bare)], (bare, "state", code)]


def _org(rng: random.Random, form: str, key: str) -> list[Piece]:
    np = ORGS[key]
    return [{"": "", "de": "de "}[form] + np[: np.index(key)], (key, "org", key)]


def _day(rng: random.Random) -> tuple[str, str]:
    year, month, day = rng.randint(2014, 2026), rng.randint(1, 12), rng.randint(1, 28)
    words = f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"
    return words, f"{year}-{month:02d}-{day:02d}"


def _sentence(rng: random.Random) -> list[Piece]:
    s = rng.sample(sorted(STATES), 2)
    place = rng.choice(PLACES)
    day, iso = _day(rng)
    concept = rng.choice(sorted(CONCEPTS))
    org = rng.choice(sorted(ORGS))
    year = str(rng.randint(2015, 2030))
    month = rng.randint(1, 12)
    number = str(rng.choice([10, 20, 25, 30, 80]))
    templates: list[list[Piece]] = [
        ["Les États membres saluent le rôle ", *_state(rng, "de", s[0]), " dans la lutte contre ",
         *_concept(concept), "."],
        ["Ils ont condamné les attentats perpétrés à ", (place, "place", place), " le ", (day, "date", iso),
         "."],
        ["Les États membres ont pris note de la réunion des ministres de ", *_org(rng, "", org), " (",
         (place, "place", place), ", ", (day, "date", iso), ")."],
        ["Ils coopèrent avec ", *_state(rng, "", s[0]), " et ", *_state(rng, "", s[1]),
         " dans le domaine de l’énergie."],
        ["Les États membres ont soutenu la tenue en ", (year, "date", year),
         " d’un sommet sur ", *_concept(concept), "."],
        ["Une conférence sur ", *_concept(concept), " s’est tenue à ", (place, "place", place), " en ",
         (f"{MONTHS[month - 1]} {year}", "date", f"{year}-{month:02d}"), "."],
        ["Ils ont souligné le rôle ", *_org(rng, "de", org), " dans le maintien de la paix."],
        ["L’année ", (year, "date", year), " marque le ", (number, "number", number), "e anniversaire ",
         *_org(rng, "de", org), "."],
        ["La coopération avec ", *_state(rng, "", s[1]), " renforce ", *_concept(concept), "."],
        ["Ils ont transmis un message ", *_state(rng, "à", s[0]), " au sujet ", *_state(rng, "de", s[1]),
         "."],
    ]
    return rng.choice(templates)


def _concept(lemma: str) -> list[Piece]:
    np = CONCEPTS[lemma]
    det = np[: len(np) - len(lemma)]
    return [det, (lemma, "concept", lemma)]


def synthetic_corpus(seed: int, clauses: int = 30, sections: int = 3, **extra: Any) -> Corpus:
    """A declaration of ``clauses`` clauses of one to three sentences, spread over ``sections`` sections."""
    rng = random.Random(seed)
    romans = ["I", "II", "III", "IV", "V"][:sections]
    made: list[Clause] = []
    for n in range(clauses):
        section = romans[n * sections // clauses]
        number = len([c for c in made if c.section == section]) + 1
        pieces: list[Piece] = []
        for k in range(rng.randint(1, 3)):
            pieces += ([" "] if k else []) + _sentence(rng)
        themes = tuple(sorted(rng.sample(sorted(THEMES), rng.randint(1, 2))))
        made.append(build_clause(f"{section}.{number}", pieces, themes, line=n + 1))
    return Corpus("Déclaration synthétique", made, [Section(r, f"{r}. Partie {r}") for r in romans],
                  dict(THEMES), {"state": dict(STATE_LABELS), "org": dict(ORG_LABELS)}, extra=dict(extra))


# Patterns that French never writes: a failed contraction or elision, or an article before "en".
BAD_FRENCH = [re.compile(p, re.IGNORECASE) for p in (
    r"(?<!\w)(de|à) (le|les)(?!\w)",
    r"(?<!\w)(de|le|la|du|que) [aeiouyéèêàâîôûœ]",
    r"(?<!\w)[ld]’[^aeiouyéèêàâîôûœh]",
    r"(?<!\w)en (le|la|les|l’)(?!\w)",
    r"(?<!\w)(au|aux|du|des) [ld]’",
)]


def bad_french(text: str) -> list[str]:
    return [m.group(0) for p in BAD_FRENCH for m in p.finditer(text)]
