"""``{country-map}``: a map of the SCO's member states and of the other states the declaration names,
drawn when the site is built, as an SVG inline in the page (nothing fetched at build or read time).

The country outlines come from the world map that the ``pygal_maps_world`` package ships
(``worldmap.svg``: one ``<g class="xx country">`` per state, keyed by ISO 3166-1 alpha-2). The page keeps
the region around the SCO (Europe to the Pacific); a named state outside it (the United States) is listed
under the map. Members and named states come from the kit's vocabulary. HTML only; without the package the
build says how to install it and writes the list alone.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from quizgen.sphinxext.edition.vocab import vocabulary
from quizgen.sphinxext.site.i18n import _
from quizgen.sphinxext.site.node_types import html_nodes
from quizgen.sphinxext.site.problems import report
from quizgen.typography import french_typography

#: ISO 3166-1 alpha-3 (the vocabulary's keys) → alpha-2 (the map's), for the states the kit may name.
ISO2 = {"AFG": "af", "AUT": "at", "BLR": "by", "CHN": "cn", "IND": "in", "IRN": "ir", "ISR": "il", "KAZ": "kz",
        "KGZ": "kg", "KWT": "kw", "LAO": "la", "MNG": "mn", "PAK": "pk", "RUS": "ru", "TJK": "tj", "TUR": "tr",
        "USA": "us", "UZB": "uz", "UKR": "ua", "AZE": "az", "ARM": "am", "KHM": "kh", "NPL": "np",
        "LKA": "lk", "MMR": "mm", "EGY": "eg", "SAU": "sa", "QAT": "qa", "ARE": "ae", "BHR": "bh", "MDV": "mv"}
#: the region shown, in the map's own coordinates (x, y, width, height): Western Europe to the Pacific
VIEW = (1150.0, 90.0, 1200.0, 640.0)
_START = re.compile(r"^[mM]\s*(-?[\d.]+)[ ,](-?[\d.]+)")
_NUMBER = re.compile(r"-?\d+\.\d+")
SVG = "{http://www.w3.org/2000/svg}"


class countrymap(nodes.General, nodes.Element):
    """Placeholder, replaced by the SVG when the page is written."""


class CountryMapDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = countrymap()
        self.set_source_info(node)
        return [node]


def map_file() -> Path | None:
    spec = importlib.util.find_spec("pygal_maps_world")  # located, not imported: the map is data
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "worldmap.svg"
    return path if path.is_file() else None


def _inside(d: str) -> bool:
    match = _START.match(d.strip())
    if not match:
        return False
    x, y = float(match.group(1)), float(match.group(2))
    vx, vy, vw, vh = VIEW
    return vx - 150 <= x <= vx + vw + 60 and vy - 60 <= y <= vy + vh + 60


def _short(d: str) -> str:
    return _NUMBER.sub(lambda m: f"{float(m.group(0)):.1f}".rstrip("0").rstrip("."), d)


def draw(path: Path, members: dict[str, str], named: dict[str, str], title: str) -> tuple[str, list[str]]:
    """The SVG (as text) and the named states that fall outside the region shown."""
    root = ElementTree.parse(path).getroot()
    by_code = {code: key for key, code in ISO2.items()}
    shapes: list[str] = []
    shown: set[str] = set()
    for group in root.iter(f"{SVG}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes:
            continue
        code = classes[0]
        key = by_code.get(code, "")
        kind = "member" if key in members else "named" if key in named else "other"
        # A member's or named state's outline is kept whole (Russia starts off the region); the others only
        # where they start inside it, to keep the page light.
        every = [p.get("d", "") for p in group.iter(f"{SVG}path")]
        if kind != "other":
            # on the map when its main outline (the longest) starts inside the region; else listed under it
            if not every or not _inside(max(every, key=len)):
                continue
            paths = every
            shown.add(key)
        else:
            paths = [d for d in every if _inside(d)]
        if not paths:
            continue
        label = members.get(key) or named.get(key)
        tip = f"<title>{label}</title>" if label else ""
        shapes.append(f'<g class="qg-map-{kind}">{tip}' + "".join(f'<path d="{_short(d)}"/>' for d in paths) + "</g>")
    vx, vy, vw, vh = VIEW
    svg = (f'<svg class="qg-map" viewBox="{vx:g} {vy:g} {vw:g} {vh:g}" role="img" aria-labelledby="qg-map-title" '
           f'xmlns="http://www.w3.org/2000/svg"><title id="qg-map-title">{title}</title>' + "".join(shapes) + "</svg>")
    outside = [named[k] for k in named if k not in shown]
    return svg, outside


#: The map drawn at the last build, in the doctree folder: drawn again only when its inputs change.
CACHE_FILE = "quizgen-map.json"


def drawn(app: Sphinx, path: Path, members: dict[str, str], named: dict[str, str],
          title: str) -> tuple[str, list[str]]:
    """:func:`draw`, kept from build to build: parsing the world map is most of a page's cost (0.1–0.2 s), and
    its inputs (the map file, the states, the title, this module) rarely change."""
    key = hashlib.sha256("\x1f".join([
        hashlib.sha256(path.read_bytes()).hexdigest(), hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
        json.dumps([members, named, title], ensure_ascii=False, sort_keys=True)]).encode()).hexdigest()
    memo: dict[str, tuple[str, list[str]]] = app.__dict__.setdefault("_quizgen_maps", {})
    if key in memo:
        return memo[key]
    cache = Path(app.doctreedir) / CACHE_FILE
    try:
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            memo[key] = (str(stored["svg"]), [str(s) for s in stored["outside"]])
            return memo[key]
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        pass
    memo[key] = draw(path, members, named, title)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"key": key, "svg": memo[key][0], "outside": memo[key][1]}, ensure_ascii=False),
                     encoding="utf-8")
    return memo[key]


def resolve_maps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    found = html_nodes(app, doctree, countrymap)
    if not found:
        return
    vocab = vocabulary(app.env)
    members = {k: s.label for k, s in vocab.states.items() if s.member}
    named = {k: s.label for k, s in vocab.states.items() if not s.member}
    unknown = sorted(k for k in [*members, *named] if k not in ISO2)
    path = map_file()
    for node in found:
        if unknown:
            report(f"no map code for the state(s) {', '.join(unknown)}",
                   "add their ISO 3166-1 alpha-2 code to ISO2 in quizgen/sphinxext/worldmap.py", node,
                   subtype="map")
        if path is None:
            report("the country map needs the pygal_maps_world package, which ships the outlines",
                   "pip install pygal_maps_world", node, subtype="map")
            node.replace_self([])
            continue
        svg, outside = drawn(app, path, members, named, str(_("Member states of the SCO and other states the "
                                                               "declaration names")))
        legend = (f'<p class="qg-map-legend"><span class="qg-map-key qg-map-key-member"></span> '
                  f'{_("member states")} ({len(members)}) '
                  f'<span class="qg-map-key qg-map-key-named"></span> {_("other states named in the declaration")}'
                  + (f' ({_("outside the map")}: {", ".join(outside)})' if outside else "") + "</p>")
        source = f'<p class="qg-map-source">{_("Outlines: world map of the pygal_maps_world package.")}</p>'
        caption = french_typography(legend) + source
        html = f'<figure class="qg-map-figure">{svg}<figcaption>{caption}</figcaption></figure>'
        node.replace_self(nodes.raw("", html, format="html"))


def setup_worldmap(app: Sphinx) -> None:
    app.add_node(countrymap)
    app.add_directive("country-map", CountryMapDirective)
    app.connect("doctree-resolved", resolve_maps)
