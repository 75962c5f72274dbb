"""Checks on the words a student reads: passages cut mid-sentence or inside « », passages whose subject
is a pronoun or an opening connective with nothing to refer to."""

from __future__ import annotations

import re

#: Openings that need what came before: a pronoun subject, or a connective pointing back.
DANGLING = re.compile(
    r"^\s*(?:…\s*)?(?:Ils|Elles|Il|Elle|Ceux-ci|Celles-ci|Ces derniers|Cela|Ceci|"
    r"À cet égard|A cet égard|Dans ce contexte|Dans ce cadre|À ce titre|A ce titre|En outre|Par ailleurs|"
    r"De même|De plus|Ce faisant|Pour ce faire|Parallèlement|Dans cette optique|À cette fin|A cette fin|"
    r"Dans le même temps|En ce sens|Ainsi)\b")
_QUOTED = re.compile(r"«(.*?)»", re.S)
#: Words that point back to something said before: "dans ce domaine", "ce pays", "du Traité" (which one?).
ANAPHORA = re.compile(
    r"\b(?:ce|cet|cette|ces) (?!année|fin|occasion|anniversaire|jour|titre)\w+"
    r"|\b(?:du|le|au|la|à la|de la|l’|de l’|à l’) ?(?:Traité|Convention|Organisation|Accord|Programme|Charte|"
    r"Stratégie|Centre|Forum|Conseil)\b(?! (?:sur|de|des|du|d’|pour|contre|relative|relatif|entre|mondial|"
    r"international|internationale|universel|antidrogue|antiterroriste|des Nations)| \[)")


def anaphoric(text: str) -> bool:
    """Words that need what came before to be understood ("dans ce pays", "les dispositions du Traité")."""
    return bool(ANAPHORA.search(text))


def dangling(text: str) -> bool:
    """A passage whose subject or first words refer to something not shown ("Ils", "À cet égard")."""
    return bool(DANGLING.match(text))


def balanced(text: str) -> bool:
    """As many « as », each « before its »."""
    depth = 0
    for ch in text:
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def quoted_passages(prompt: str) -> list[str]:
    """The outermost « … » stretches of a prompt (the passages it shows)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(prompt):
        if ch == "«":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            if depth == 0:
                out.append(prompt[start:i].strip())
    return out


def cut(passage: str) -> bool:
    """A passage that starts or ends mid-sentence (an ellipsis where it was cut)."""
    p = passage.strip()
    return p.startswith("…") or p.endswith("…")


def passage_problem(prompt: str) -> str:
    """Why the passage a prompt shows may not be shown, or ""."""
    if not balanced(prompt):
        return "unbalanced"
    for passage in quoted_passages(prompt):
        if len(passage) < 40:  # a name in quotes (« Une ceinture, une route »), not a passage
            continue
        if cut(passage):
            return "cut"
        if dangling(passage):
            return "dangling"
        if anaphoric(passage):
            return "anaphora"
    return ""
