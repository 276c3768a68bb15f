"""A tile-grid map of the 16 Länder as inline SVG: drawn at build time, no map tiles, no requests."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.slugs import slugify

# (column, row, abbreviation): a rough geographic arrangement, one equal tile per Land.
TILES = {
    "Schleswig-Holstein": (2, 0, "SH"),
    "Bremen": (1, 1, "HB"),
    "Hamburg": (2, 1, "HH"),
    "Mecklenburg-Vorpommern": (3, 1, "MV"),
    "Nordrhein-Westfalen": (0, 2, "NW"),
    "Niedersachsen": (1, 2, "NI"),
    "Sachsen-Anhalt": (2, 2, "ST"),
    "Brandenburg": (3, 2, "BB"),
    "Berlin": (4, 2, "BE"),
    "Rheinland-Pfalz": (0, 3, "RP"),
    "Hessen": (1, 3, "HE"),
    "Thüringen": (2, 3, "TH"),
    "Sachsen": (3, 3, "SN"),
    "Saarland": (0, 4, "SL"),
    "Baden-Württemberg": (1, 4, "BW"),
    "Bayern": (2, 4, "BY"),
}
TILE = 64
GAP = 6


@dataclass(frozen=True)
class Tile:
    name: str
    slug: str
    abbreviation: str
    count: int
    x: int
    y: int
    level: int  # 0 = no example, 1..3 = few to many


def tiles(counts: dict[str, int]) -> list[Tile]:
    """One tile per Land with its number of practice examples; shading in three steps."""
    most = max(counts.values(), default=0) or 1
    result = []
    for name, (column, row, abbreviation) in TILES.items():
        count = counts.get(name, 0)
        level = 0 if count == 0 else min(3, 1 + (3 * (count - 1)) // most)
        result.append(Tile(name, slugify(name), abbreviation, count, column * (TILE + GAP), row * (TILE + GAP), level))
    return result


def size() -> tuple[int, int]:
    columns = max(c for c, _, _ in TILES.values()) + 1
    rows = max(r for _, r, _ in TILES.values()) + 1
    return columns * (TILE + GAP) - GAP, rows * (TILE + GAP) - GAP
