"""Moved to ``analysis.corpus.readers.pagedump``; this name keeps old imports working."""

from analysis.corpus.readers.pagedump import PROMOTION_STARTS, WIRES, parse_page_dump

__all__ = ["PROMOTION_STARTS", "WIRES", "parse_page_dump"]
