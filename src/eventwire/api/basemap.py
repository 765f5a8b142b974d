"""Country outlines for the page's map, from an installed package: no tile server,
no CDN, so the map works offline.

The outlines are the Natural Earth-derived GeoJSON shipped inside the
``countryinfo`` package (MIT), one feature per country, plus each country's
centre (``latlng``), which places an event whose place has a country but no
coordinates. A few countries have no outline there (Hungary, Serbia, Myanmar
and some islands); they keep their centre.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from countryinfo import CountryInfo

COORDINATE_DECIMALS = 2


@functools.cache
def country_outlines() -> bytes:
    """Return the GeoJSON FeatureCollection of country outlines, encoded once.

    Each feature's properties are ``iso3``, ``name``, ``lat`` and ``lon`` (the
    centre); ``centroids`` maps every ISO-3 code, outlined or not, to
    ``[lat, lon]``.
    """
    features: list[dict[str, Any]] = []
    centroids: dict[str, list[float]] = {}
    for info in CountryInfo.all().values():
        iso3 = info.get("ISO", {}).get("alpha3")
        centre = info.get("latlng") or []
        if not iso3:
            continue
        if len(centre) == 2:
            centroids[iso3] = [float(centre[0]), float(centre[1])]
        for feature in (info.get("geoJSON") or {}).get("features", []):
            geometry = feature.get("geometry")
            if not geometry:
                continue
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "iso3": iso3,
                        "name": info.get("name"),
                        "lat": centroids.get(iso3, [None, None])[0],
                        "lon": centroids.get(iso3, [None, None])[1],
                    },
                    "geometry": {
                        "type": geometry["type"],
                        "coordinates": _rounded(geometry["coordinates"]),
                    },
                }
            )
    collection = {
        "type": "FeatureCollection",
        "features": sorted(features, key=lambda f: f["properties"]["iso3"]),
        "centroids": dict(sorted(centroids.items())),
    }
    return json.dumps(collection, separators=(",", ":")).encode("utf-8")


def _rounded(coordinates: Any) -> Any:
    # 0.01 degree is about a kilometre: finer than a page map shows, and it
    # halves the bytes sent.
    if isinstance(coordinates, list | tuple):
        if coordinates and isinstance(coordinates[0], int | float):
            return [round(float(value), COORDINATE_DECIMALS) for value in coordinates]
        return [_rounded(part) for part in coordinates]
    return coordinates
