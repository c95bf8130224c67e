"""Rebuild the ``calibration:`` blocks of the shipped frame codebooks from the shipped data.

    python bench/build_frame_calibration.py          # print the blocks
    python bench/build_frame_calibration.py --write  # replace them in data/codebooks/*.yaml

generic_frames: thresholds fitted on the NFC ``train`` split; policy_frames: FrAC
``train`` sentence precision with the article bar of economic on NFC ``train``
(``analysis.framing.validation``); kj_frames: no Korea-Japan text has been coded, so
its rule is *transferred*: the policy bar ``m`` over the median FrAC sentence precision,
as a share of the document's sentences (Korea-Japan texts are shorter than NFC
articles), the same threshold for every frame (say so beside any kj figure; calibrate
it on your own codes with ``python -m analysis frames calibrate``). Only the trailing
``calibration:`` block of each file changes. Deterministic: the same data give the
same blocks.
"""

from __future__ import annotations

import logging
import sys

import yaml

from analysis.codebooks import load_codebook
from analysis.framing.calibration import calibrated_text, check_codebook_text
from analysis.framing.validation import generic_calibration, policy_calibration
from analysis.io import atomic_write

COMMENT = ("Fitted presence rule (analysis.codebooks.calibration).\n"
           "Rebuilt by bench/build_frame_calibration.py --write; do not edit by hand.")  # fmt: skip


def kj_calibration(policy: dict) -> dict:
    """kj_frames: the policy bar transferred, relative to length (no coded Korea-Japan text).

    The bar ``m`` over the median FrAC sentence precision is a number of sentences in an
    NFC article (median ``nfc_median_sentences``); official readouts and Korea-Japan news
    are much shorter (the sample: 10 sentences), so the bar is carried over as a share
    of the document's sentences rather than as a count.
    """
    p = sorted(f["p_sentence"] for f in policy["frames"].values() if "p_sentence_source" not in f)
    median_p = p[len(p) // 2] if len(p) % 2 else (p[len(p) // 2 - 1] + p[len(p) // 2]) / 2
    share = round(policy["bar_m"] / median_p / policy["nfc_median_sentences"], 4)
    cb = load_codebook("kj_frames")
    return {
        "feature": "sentence_share",
        "fitted_on": "none: TRANSFERRED from policy_frames (no coded Korea-Japan text); "
                     "not validated on Korea-Japan coverage",
        "n_units": 0,
        "method": f"threshold = m / median FrAC sentence precision / sentences of a median "
                  f"NFC article = {policy['bar_m']} / {median_p:.3f} / "
                  f"{policy['nfc_median_sentences']} for every frame (a share of the "
                  "document's sentences, since Korea-Japan texts are shorter than NFC "
                  "articles); calibrate on your own codes with python -m analysis frames "
                  "calibrate",
        "bar_m": policy["bar_m"],
        "frames": {f: {"threshold": share} for f in cb.frame_ids},
    }  # fmt: skip


def main(argv: list[str]) -> int:
    logging.disable(logging.WARNING)
    policy = policy_calibration()
    blocks = {"generic_frames": generic_calibration(), "policy_frames": policy,
              "kj_frames": kj_calibration(policy)}  # fmt: skip
    for name, block in blocks.items():
        path = load_codebook(name).path
        if "--write" in argv:
            text = calibrated_text(path.read_text(encoding="utf-8"), block, comment=COMMENT)
            check_codebook_text(text, path.name)
            atomic_write(path, text)
            print(f"wrote the calibration block of {path}")
        else:
            print(f"== {name}\n{yaml.safe_dump(block, sort_keys=False, width=100)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
