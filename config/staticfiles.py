"""Static files once DEBUG is off: WhiteNoise's compressed, hashed manifest storage, without following
``sourceMappingURL`` comments. The vendored libraries (frontend/static/vendor) are their published files, and
Lit's name source maps that are not vendored; Django's manifest storage treats
each as a missing file and ``collectstatic`` fails (the hall mode and every deployment run it)."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(
    patterns: tuple[tuple[str, tuple[object, ...]], ...],
) -> tuple[tuple[str, tuple[object, ...]], ...]:
    return tuple(
        (glob, tuple(pattern for pattern in rules if "sourceMappingURL" not in str(pattern)))
        for glob, rules in patterns
    )


class StaticStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(CompressedManifestStaticFilesStorage.patterns)
