"""The ``calibration:`` block of a frame codebook: when is a frame *present* in a document?

A dictionary match is evidence, not a decision. The block, one top-level mapping at the
end of the YAML file, stores the rule fitted on human codes (``python -m analysis frames
calibrate``; data/codebooks/README.md) and the figures it was fitted with::

    calibration:
      feature: n_sentences          # the evidence compared with each frame's threshold
      fitted_on: "nfc_articles_dev.tsv (Narrative Frames Corpus), split train"
      n_units: 154
      method: "..."                 # free text: how the thresholds were chosen
      frames:
        economic: {threshold: 4, f1_cv: 0.63, base_rate: 0.3, ...}

A frame is present in a document when it has at least one counted match and its
``feature`` reaches the frame's ``threshold``. A frame the block does not list is
present on any match (the uncalibrated rule), and the loader says so in ``missing``.
Every key of a frame besides ``threshold`` is a figure kept for the record (numbers or
text); ``threshold`` must be a number (an integer >= 1 for the count features).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analysis.codebooks.schema import CodebookError

__all__ = ["CALIBRATION_FEATURES", "Calibration", "parse_calibration"]

# Evidence columns of analysis.framing.code_frames a threshold may apply to.
CALIBRATION_FEATURES = ("n_sentences", "n_matches", "sentence_share", "density")
_COUNT_FEATURES = ("n_sentences", "n_matches")
_RECORD_TYPES = (str, int, float, bool, type(None), list)


@dataclass(frozen=True)
class Calibration:
    """A codebook's fitted presence rule: ``feature >= thresholds[frame]`` (and a match)."""

    feature: str
    thresholds: dict[str, float]
    record: dict[str, Any] = field(default_factory=dict)  # the block as written, for provenance
    missing: tuple[str, ...] = ()  # frames of the codebook without a threshold (any match)

    def threshold(self, frame_id: str) -> float | None:
        """The frame's threshold, or None when it is present on any match."""
        return self.thresholds.get(frame_id)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_calibration(block: Any, *, file: str, frame_ids: list[str]) -> Calibration:
    """Validate a ``calibration:`` block and build the ``Calibration``.

    Args:
        block: the parsed YAML value of the ``calibration`` key.
        file: file name for error messages.
        frame_ids: the codebook's frame ids.

    Returns:
        The ``Calibration``.

    Raises:
        CodebookError: one line naming the file, ``calibration`` and the bad field.
    """
    where = f"{file}: calibration"
    if not isinstance(block, dict):
        raise CodebookError(f"{where}: expected a mapping, got {type(block).__name__}")
    feature = block.get("feature")
    if feature not in CALIBRATION_FEATURES:
        raise CodebookError(
            f"{where}, field 'feature': must be one of {', '.join(CALIBRATION_FEATURES)}; "
            f"got {feature!r}"
        )
    frames = block.get("frames")
    if not isinstance(frames, dict) or not frames:
        raise CodebookError(f"{where}, field 'frames': expected a mapping of frame id -> figures")
    thresholds: dict[str, float] = {}
    for frame_id, entry in frames.items():
        at = f"{where}, frame {frame_id!r}"
        if frame_id not in frame_ids:
            raise CodebookError(f"{at}: not a frame of the codebook ({', '.join(frame_ids)})")
        if not isinstance(entry, dict) or "threshold" not in entry:
            raise CodebookError(f"{at}, field 'threshold': missing (a mapping with threshold)")
        value = entry["threshold"]
        if not _number(value) or value < 0:
            raise CodebookError(f"{at}, field 'threshold': expected a number >= 0, got {value!r}")
        if feature in _COUNT_FEATURES and (value != int(value) or value < 1):
            raise CodebookError(
                f"{at}, field 'threshold': {feature} counts, so an integer >= 1; got {value!r}"
            )
        for key, figure in entry.items():
            if not isinstance(figure, _RECORD_TYPES):
                raise CodebookError(f"{at}, field {key!r}: expected a number or text")
        thresholds[frame_id] = float(value)
    missing = tuple(f for f in frame_ids if f not in thresholds)
    return Calibration(feature=feature, thresholds=thresholds, record=dict(block), missing=missing)
