"""Interface strings of the live class, French by default, translatable with the standard gettext.

Message ids are the French strings themselves: with no catalog (the default), French is shown. A catalog
``locale/<lang>/LC_MESSAGES/quizgen-live.mo`` translates them when ``QUIZGEN_LIVE_LANG=<lang>`` is set.
Every string goes through :func:`quizgen.typography.french_typography` when the language is French.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

from quizgen.typography import french_typography

DOMAIN = "quizgen-live"
LOCALE_DIR = Path(__file__).parent / "locale"


@cache
def _translation() -> gettext.NullTranslations:
    lang = os.environ.get("QUIZGEN_LIVE_LANG", "fr")
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def language() -> str:
    return os.environ.get("QUIZGEN_LIVE_LANG", "fr")


def _(message: str) -> str:
    text = _translation().gettext(message)
    return french_typography(text) if language().startswith("fr") else text


#: Strings the pages' script shows, sent to the browser with each page (keys are stable names).
UI = {
    "title": "Quiz en direct",
    "room": "Code de la salle",
    "pseudonym": "Pseudonyme",
    "pseudonym_help": "Un pseudonyme seulement : ni nom complet, ni adresse e-mail.",
    "join": "Rejoindre",
    "joined_as": "Vous participez sous le nom",
    "waiting": "En attente de la première question…",
    "waiting_next": "En attente de la question suivante…",
    "question": "Question",
    "of": "sur",
    "answer": "Répondre",
    "change": "Modifier ma réponse",
    "saved": "Réponse enregistrée. Vous pouvez la modifier jusqu’à la fin du temps.",
    "time_left": "Temps restant",
    "seconds": "s",
    "time_up": "Temps écoulé : les réponses sont closes.",
    "paused": "Pause",
    "right": "Bonne réponse !",
    "wrong": "Réponse inexacte.",
    "no_answer": "Pas de réponse à cette question.",
    "key": "Réponse attendue",
    "feedback": "Explication",
    "clause": "Clause",
    "ended": "Quiz terminé. Merci !",
    "score": "Votre score",
    "offline": "Connexion perdue, reconnexion…",
    "online": "Connecté",
    "removed": "Votre pseudonyme a été retiré par l’enseignant. Choisissez-en un autre.",
    "choose": "Choisissez…",
    "position": "Position",
    "several": "Plusieurs réponses possibles.",
    "joined": "participants",
    "answered": "réponses",
    "start": "Commencer le quiz",
    "next": "Question suivante",
    "reveal": "Révéler la réponse",
    "pause": "Pause",
    "resume": "Reprendre",
    "end": "Terminer le quiz",
    "remove": "Retirer",
    "export": "Enregistrer les résultats (CSV et XLSX)",
    "exported": "Résultats enregistrés sur cet ordinateur :",
    "students": "Participants",
    "share_right": "Bonnes réponses",
    "results": "Résultats par question",
    "most_missed": "Les trois questions les plus manquées",
    "podium": "Podium",
    "join_at": "Pour participer, ouvrez",
    "scan": "ou scannez le code QR",
    "projector": "Ouvrir la vue projecteur",
    "control": "Pilotage",
    "lobby": "Les participants rejoignent la salle.",
    "true_right": "juste",
    "wrong_short": "faux",
    "bad_token": "Lien de pilotage invalide : utilisez l’adresse affichée au lancement de quizgen live.",
    "resumed": "Session reprise après un redémarrage : cliquez sur « Reprendre » pour relancer le chrono.",
    "distribution": "Répartition des réponses",
    "nobody": "Personne n’a encore rejoint.",
    "your_answer": "Votre réponse",
    "number": "N°",
    "answers_col": "Réponses",
}


def ui() -> dict[str, str]:
    """The page strings, translated and with French typography."""
    return {key: _(text) for key, text in UI.items()}
