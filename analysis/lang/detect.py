"""Language of a text from the Unicode scripts of its letters (no models, no downloads).

The corpus only needs to tell English from Korean, Japanese and Chinese, which
their scripts do reliably:

- letters are counted by script: Hangul, kana (hiragana/katakana), Han
  (CJK ideographs), Latin, and any other letter; digits, punctuation and
  spaces are ignored;
- Han letters count for Japanese when kana make up at least
  ``KANA_SHARE_FOR_JAPANESE`` (10 %) of the kana + Han letters (Japanese prose
  mixes both); else for Korean when Hangul makes up at least
  ``HANGUL_SHARE_FOR_KOREAN`` (10 %) of the Hangul + Han letters (Korean
  written with hanja, 尹 대통령); else for Chinese;
- the language with the most letters wins (plurality): Hangul (+ Han) -> ``ko``,
  kana (+ Han) -> ``ja``, Han only -> ``zh``, Latin -> ``en``, other scripts
  -> ``und``. Mixed-language text thus gets its majority script;
  ``script_shares`` exposes the mix;
- fewer than ``MIN_LETTERS`` (3) letters -> ``und``.

**Han only** (no Hangul, kana below the share: the headlines 竹島問題, 日韓首脳会談,
韓日關係 read as Chinese to every detector) is decided by :func:`han_language`:
a hiragana letter (a particle: 日韓首脳会談、関係改善で一致 has one kana in 13
letters, below the 10 % share), a character that only Japanese writes
(shinjitai such as 関 脳 対 経 徴, the kokuji 働 込) or the Japanese name 竹島
-> ``ja``; a character that only
simplified Chinese writes (关 们 这 说 韩 岛) -> ``zh``; otherwise the
``prior`` (the document's language, or a declared one) when it is ``ko``,
``ja`` or ``zh``; otherwise ``zh``. No character is Korean-only in news
hanja (Korean writes the traditional forms that Taiwan and Hong Kong write),
so Korean hanja headlines need the prior.

Latin script is reported as ``en``: the corpus is English-language coverage
and script alone cannot tell English from French. Only the first
``MAX_CHARS`` (200,000) characters are read, so a 10 MB line costs the same
as a long article.
"""

from __future__ import annotations

import re

MIN_LETTERS = 3
KANA_SHARE_FOR_JAPANESE = 0.10
HANGUL_SHARE_FOR_KOREAN = 0.10
MAX_CHARS = 200_000

SCRIPTS = ("hangul", "kana", "han", "latin", "other")
CODES = ("en", "ko", "ja", "zh", "und")

_PATTERNS = {
    "hangul": re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]+"),
    # kana letters only: not the dakuten marks (3099-309c), 30a0 or the middle dot 30fb
    "kana": re.compile(
        r"[\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d]+"
    ),
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]+"),
}
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_BEYOND_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")

# Forms only Japanese writes: shinjitai whose traditional (Korean, Taiwanese) and
# simplified (mainland Chinese) forms differ from them, and kokuji. Each pair in
# the comment is (traditional, simplified).
JAPANESE_ONLY_HAN = frozenset(
    "関"  # 關 关
    "脳"  # 腦 脑
    "対"  # 對 对
    "経"  # 經 经
    "済"  # 濟 济
    "労"  # 勞 劳
    "徴"  # 徵 征
    "応"  # 應 应
    "総"  # 總 总
    "変"  # 變 变
    "県"  # 縣 县
    "戦"  # 戰 战
    "鉄"  # 鐵 铁
    "広"  # 廣 广
    "拡"  # 擴 扩
    "円"  # 圓 圆
    "気"  # 氣 气
    "売"  # 賣 卖
    "読"  # 讀 读
    "図"  # 圖 图
    "権"  # 權 权
    "実"  # 實 实
    "発"  # 發 发
    "歳"  # 歲 岁
    "検"  # 檢 检
    "験"  # 驗 验
    "悪"  # 惡 恶
    "帰"  # 歸 归
    "単"  # 單 单
    "営"  # 營 营
    "挙"  # 舉 举
    "辺"  # 邊 边
    "転"  # 轉 转
    "伝"  # 傳 传
    "軽"  # 輕 轻
    "駅"  # 驛 驿
    "沢"  # 澤 泽
    "訳"  # 譯 译
    "択"  # 擇 择
    "団"  # 團 团
    "続"  # 續 续
    "働込畑峠枠"  # kokuji: characters made in Japan
)
JAPANESE_ONLY_WORDS = ("竹島",)  # the Japanese name of 독도 (Korean hanja: 獨島)
SIMPLIFIED_ONLY_HAN = frozenset(
    "关们这说对发经济韩岛东长门见话语进还个过动员实华题谈领导边权劳务鲜历问时为"
)


# at least MIN_LETTERS letters (what detect_language needs to say anything)
ENOUGH_LETTERS = re.compile(rf"[^\W\d_](?:[\W\d_]*[^\W\d_]){{{MIN_LETTERS - 1}}}")


def _script_counts(text: str) -> dict[str, int]:
    sample = text[:MAX_CHARS]
    letters = sum(map(str.isalpha, sample))
    if not _BEYOND_LATIN.search(sample):  # fast path: every letter is Latin
        return {"hangul": 0, "kana": 0, "han": 0, "latin": letters, "other": 0}
    # match runs, not single letters: one list item per word
    counts = {name: sum(map(len, p.findall(sample))) for name, p in _PATTERNS.items()}
    counts["other"] = max(0, letters - sum(counts.values()))
    return counts


def latin_only(text: str) -> bool:
    """Whether every character of ``text`` is Latin, punctuation, a digit or a space."""
    return not _BEYOND_LATIN.search(text[:MAX_CHARS])


def script_shares(text: str) -> dict[str, float]:
    """Share of each script among the letters of ``text``.

    Args:
        text: any string.

    Returns:
        ``{"hangul", "kana", "han", "latin", "other"}`` -> share in [0, 1]
        (all 0.0 when the text has no letters).
    """
    counts = _script_counts(text)
    total = sum(counts.values())
    if total == 0:
        return dict.fromkeys(SCRIPTS, 0.0)
    return {name: counts[name] / total for name in SCRIPTS}


def han_language(text: str, *, prior: str | None = None) -> str:
    """``ja``, ``ko`` or ``zh`` for text written in Han (kana below their share, no Hangul).

    See the module docstring for the rules.

    Args:
        text: the text (its Han characters are read).
        prior: the language of the context (the document, a declared language).

    Returns:
        ``"ja"``, ``"zh"`` or ``prior`` (when ``ko``/``ja``/``zh``), else ``"zh"``.
    """
    sample = text[:MAX_CHARS]
    if (
        _HIRAGANA.search(sample)
        or any(char in JAPANESE_ONLY_HAN for char in sample)
        or any(word in sample for word in JAPANESE_ONLY_WORDS)
    ):
        return "ja"
    if any(char in SIMPLIFIED_ONLY_HAN for char in sample):
        return "zh"
    return prior if prior in ("ko", "ja", "zh") else "zh"


def detect_language(text: str, *, prior: str | None = None) -> str:
    """ISO 639-1 code of the majority script of ``text`` (see module docstring).

    Args:
        text: any string.
        prior: the language of the context (for a sentence, its document's);
            only used for text written in Han characters alone.

    Returns:
        One of ``"en"``, ``"ko"``, ``"ja"``, ``"zh"``, ``"und"``.
    """
    sample = text[:MAX_CHARS]
    if not _BEYOND_LATIN.search(sample):  # fast path: Latin letters only; are there 3?
        return "en" if ENOUGH_LETTERS.search(sample) else "und"
    counts = _script_counts(sample)
    if sum(counts.values()) < MIN_LETTERS:
        return "und"
    kana, han, hangul = counts["kana"], counts["han"], counts["hangul"]
    japanese = kana > 0 and kana >= KANA_SHARE_FOR_JAPANESE * (kana + han)
    korean = not japanese and hangul > 0 and hangul >= HANGUL_SHARE_FOR_KOREAN * (hangul + han)
    scores = {
        "ko": hangul + (han if korean else 0),
        "ja": kana + (han if japanese else 0),
        "zh": 0 if japanese or korean else han,
        "en": counts["latin"],
        "und": counts["other"],
    }
    best = max(scores, key=scores.__getitem__)  # ties: first in this order
    if best == "zh" and hangul == 0:
        return han_language(text, prior=prior)
    return best
