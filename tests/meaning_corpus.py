"""A small hand-made corpus carrying the corpus-v2 tags (acts, sub-types, relations, work), for the tests
of the comprehension families. Every French form is written out by hand."""

from __future__ import annotations

from typing import Any

from quiz_helpers import build_clause
from quizgen.corpus import Clause, Corpus, Section

ACTS: dict[str, dict[str, Any]] = {
    "prendre_note": {"label": "prendre note", "force": 1, "polarity": "neutral", "decided": False,
                     "present_3pl": "prennent note", "construction": "de", "group": "Prendre acte"},
    "saluer": {"label": "saluer", "force": 3, "polarity": "positive", "decided": False,
               "present_3pl": "saluent", "construction": "direct", "group": "Accueillir favorablement"},
    "soutenir": {"label": "soutenir", "force": 4, "polarity": "positive", "decided": False,
                 "present_3pl": "soutiennent", "construction": "direct", "group": "Soutenir"},
    "appeler": {"label": "appeler à", "force": 5, "polarity": "positive", "decided": False,
                "present_3pl": "appellent", "construction": "à", "group": "Appeler"},
    "reaffirmer": {"label": "réaffirmer", "force": 6, "polarity": "positive", "decided": False,
                   "present_3pl": "réaffirment", "construction": "direct", "group": "Réaffirmer"},
    "condamner": {"label": "condamner", "force": 7, "polarity": "negative", "decided": False,
                  "present_3pl": "condamnent", "construction": "direct", "group": "Condamner"},
    "s_opposer": {"label": "s’opposer", "force": 7, "polarity": "negative", "decided": False,
                  "present_3pl": "s’opposent", "construction": "à", "group": "S’opposer"},
    "preoccupation": {"label": "exprimer sa préoccupation", "force": 2, "polarity": "negative",
                      "decided": False, "present_3pl": "expriment leur préoccupation face", "construction": "à",
                      "group": "S’inquiéter"},
    "regretter": {"label": "regretter", "force": 3, "polarity": "negative", "decided": False,
                  "present_3pl": "déplorent", "construction": "direct", "group": "Déplorer"},
    "adopter": {"label": "adopter", "force": 9, "polarity": "positive", "decided": True,
                "present_3pl": "adoptent", "construction": "direct", "group": "Décider"},
    "signer": {"label": "signer", "force": 9, "polarity": "positive", "decided": True,
               "present_3pl": "signent", "construction": "direct", "group": "Décider"},
    "assurer": {"label": "assurer", "force": 8, "polarity": "positive", "decided": True,
                "present_3pl": "assurent", "construction": "direct", "group": "Exercer"},
}

MEMBERS = {"BLR": "Biélorussie", "CHN": "Chine", "IND": "Inde", "IRN": "Iran", "KAZ": "Kazakhstan",
           "KGZ": "Kirghizistan", "PAK": "Pakistan", "RUS": "Russie", "TJK": "Tadjikistan", "UZB": "Ouzbékistan"}

ORGS: dict[str, dict[str, Any]] = {
    "ONU": {"label": "Organisation des Nations unies", "subtype": "un",
            "definition": "Organisation internationale fondée en 1945 par la Charte de San Francisco."},
    "AGNU": {"label": "Assemblée générale des Nations unies", "subtype": "un-organ", "part_of": ["ONU"],
             "definition": "Organe plénier où chaque État membre dispose d’une voix ; ses résolutions sont des "
                           "recommandations."},
    "CSNU": {"label": "Conseil de sécurité des Nations unies", "subtype": "un-organ", "part_of": ["ONU"],
             "definition": "Organe responsable du maintien de la paix : cinq membres permanents dotés d’un "
                           "droit de veto et dix membres élus."},
    "ONUDC": {"label": "Office des Nations unies contre la drogue et le crime", "subtype": "un-organ",
              "part_of": ["ONU"], "definition": "Office établi à Vienne, chargé de la lutte contre les drogues "
                                                "illicites et la criminalité organisée."},
    "UNESCO": {"label": "Organisation des Nations unies pour l’éducation, la science et la culture",
               "subtype": "un-organ", "part_of": ["ONU"],
               "definition": "Institution spécialisée chargée de l’éducation, de la science et de la culture, "
                             "établie à Paris."},
    "CIAC": {"label": "Convention sur l’interdiction des armes chimiques", "subtype": "treaty",
             "same_as": ["OIAC"], "definition": "Traité de 1993 qui interdit les armes chimiques et impose leur "
                                                "destruction."},
    "OIAC": {"label": "Organisation pour l’interdiction des armes chimiques", "subtype": "organisation",
             "same_as": ["CIAC"], "definition": "Organisation établie à La Haye qui veille à l’application du "
                                                "traité de 1993."},
    "TNP": {"label": "Traité sur la non-prolifération des armes nucléaires", "subtype": "treaty",
            "definition": "Traité de 1968 qui distingue les États dotés d’armes nucléaires des autres."},
    "BTWC": {"label": "Convention sur l’interdiction des armes biologiques", "subtype": "treaty",
             "definition": "Traité entré en vigueur en 1975, qui interdit les armes biologiques ou à toxines."},
    "TICE": {"label": "Traité d’interdiction complète des essais nucléaires", "subtype": "treaty",
             "definition": "Traité de 1996 qui interdit toute explosion expérimentale d’arme nucléaire."},
    "OBOR": {"label": "« Une ceinture, une route »", "subtype": "initiative",
             "definition": "Initiative chinoise lancée en 2013 : investissements dans les infrastructures."},
    "OCS": {"label": "Organisation de coopération de Shanghai", "subtype": "sco-body",
            "definition": "Organisation intergouvernementale fondée en 2001 à Shanghai."},
}

SYNTHESIS = [
    {"id": "s-1-1", "number": "1.1", "kind": "bullet", "clauses": ["I.1"],
     "text": "Les États membres prennent acte d’un projet sans rien décider."},
    {"id": "s-1-2", "number": "1.2", "kind": "bullet", "clauses": ["I.2"],
     "text": "Les États membres accueillent favorablement une initiative culturelle."},
    {"id": "s-2-1", "number": "2.1", "kind": "bullet", "clauses": ["II.1"],
     "text": "Ferme condamnation du terrorisme et appel à l’unité."},
    {"id": "s-2-2", "number": "2.2", "kind": "bullet", "clauses": ["II.2"],
     "text": "Soutien à la non-prolifération et aux traités de désarmement."},
    {"id": "s-3-1", "number": "3.1", "kind": "bullet", "clauses": ["III.1"],
     "text": "Huit États réaffirment leur soutien à l’initiative chinoise."},
    {"id": "s-3-2", "number": "3.2", "kind": "bullet", "clauses": ["III.2"],
     "text": "La présidence tournante change de mains pour l’année suivante."},
]


def _act(clause: Clause, actor: str, act: str, verb: str, obj: str) -> dict[str, Any]:
    v, o = clause.text.index(verb), clause.text.index(obj)
    start = clause.text.rfind(". ", 0, v)
    start = 0 if start < 0 else start + 2
    end = clause.text.find(".", o + len(obj))
    end = len(clause.text) if end < 0 else end + 1
    return {"actor": actor, "act": act, "verb": {"text": verb, "start": v, "end": v + len(verb)},
            "object": {"text": obj, "start": o, "end": o + len(obj)}, "sentence": {"start": start, "end": end}}


def meaning_corpus(work: dict[str, str] | None = None) -> Corpus:
    c1 = build_clause("I.1", [
        "Les États membres ont pris note de la proposition de créer un centre d’études stratégiques dans le "
        "domaine de la sécurité."], ("securite",))
    c2 = build_clause("I.2", [
        "Les États membres saluent la tenue du festival des arts populaires des pays de l’",
        ("OCS", "org", "OCS"), " à Bichkek."], ("culture",))
    c3 = build_clause("II.1", [
        "Les États membres condamnent fermement le ", ("terrorisme", "concept", "terrorisme"),
        " sous toutes ses formes. Ils appellent à une coordination étroite sous l’égide du ",
        ("Conseil de sécurité des Nations unies", "org", "CSNU"), "."], ("securite",))
    c4 = build_clause("II.2", [
        "Les États membres soutiennent le ", ("Traité sur la non-prolifération des armes nucléaires", "org", "TNP"),
        " et ont signé le protocole sur la zone exempte d’armes nucléaires en Asie centrale."], ("securite",))
    c7 = build_clause("II.3", [
        "Les États membres s’opposent à l’imposition de mesures coercitives unilatérales."], ("securite",))
    c5 = build_clause("III.1", [
        "La ", ("République de Biélorussie", "state", "BLR"), ", la ", ("République islamique d’Iran", "state", "IRN"),
        ", la ", ("République du Kazakhstan", "state", "KAZ"), ", la ", ("République kirghize", "state", "KGZ"),
        ", la ", ("République islamique du Pakistan", "state", "PAK"), ", la ", ("Fédération de Russie", "state", "RUS"),
        ", la ", ("République du Tadjikistan", "state", "TJK"), " et la ", ("République d’Ouzbékistan", "state", "UZB"),
        ", réaffirmant leur soutien à l’initiative chinoise « Une ceinture, une route », ont pris note des travaux "
        "en cours pour la mise en œuvre conjointe de ce projet."], ("economie",))
    c6 = build_clause("III.2", [
        "La ", ("République kirghize", "state", "KGZ"), " assurera la présidence de l’",
        ("OCS", "org", "OCS"), " pour la période 2025-2026."], ("institutions",))
    clauses = [c1, c2, c3, c4, c7, c5, c6]
    acts = {
        "I.1": [_act(c1, "members", "prendre_note", "ont pris note",
                     "de la proposition de créer un centre d’études stratégiques dans le domaine de la sécurité")],
        "I.2": [_act(c2, "members", "saluer", "saluent",
                     "la tenue du festival des arts populaires des pays de l’OCS à Bichkek")],
        "II.1": [_act(c3, "members", "condamner", "condamnent fermement", "le terrorisme sous toutes ses formes"),
                 _act(c3, "members", "appeler", "Ils appellent",
                      "à une coordination étroite sous l’égide du Conseil de sécurité des Nations unies")],
        "II.2": [_act(c4, "members", "soutenir", "soutiennent",
                      "le Traité sur la non-prolifération des armes nucléaires"),
                 _act(c4, "members", "signer", "ont signé",
                      "le protocole sur la zone exempte d’armes nucléaires en Asie centrale")],
        "II.3": [_act(c7, "members", "s_opposer", "s’opposent",
                      "à l’imposition de mesures coercitives unilatérales")],
        "III.1": [_act(c5, "listed", "reaffirmer", "réaffirmant",
                       "leur soutien à l’initiative chinoise « Une ceinture, une route »")],
        "III.2": [_act(c6, "KGZ", "assurer", "assurera", "la présidence de l’OCS pour la période 2025-2026")],
    }
    entities = {"state": {k: {"label": v, "member": True} for k, v in MEMBERS.items()}
                | {"USA": {"label": "États-Unis", "member": False}, "AFG": {"label": "Afghanistan"},
                   "ISR": {"label": "Israël"}, "JPN": {"label": "Japon"}},
                "org": ORGS}
    extra: dict[str, Any] = {"acts": ACTS, "actors": {"members": {"label": "les États membres"}},
                             "entities": entities, "clause_acts": acts, "synthesis_points": SYNTHESIS}
    if work:
        extra["work"] = work
    return Corpus("Déclaration d’essai", clauses,
                  [Section("I", "Préambule"), Section("II", "Sécurité"), Section("III", "Économie")],
                  {"securite": "Sécurité", "culture": "Culture", "economie": "Économie",
                   "institutions": "Institutions"},
                  {"state": {k: v["label"] for k, v in entities["state"].items()},
                   "org": {k: v["label"] for k, v in ORGS.items()}}, extra=extra)
