"""Who is quoted or credited in Korean and Japanese sentences (used by ``analysis.voices``).

Korean and Japanese attribute speech with a subject marked by a particle and a reporting
verb at the end of the clause, not with "X said":

``ko_subject``  "윤석열 대통령은 … 밝혔다/말했다/강조했다/덧붙였다/전했다/설명했다 …": an actor
                followed by 은/는/이/가/께서 (optionally after a title such as 대변인,
                관계자, 측), with a reporting verb (``KO_VERBS``) later in the sentence;
``ja_subject``  "岸田首相は「…」と述べた/と語った/と強調した/と明らかにした …": an actor followed
                by は/が/も (optionally after 報道官, 長官, 側, 関係者 ...), with a reporting
                verb (``JA_VERBS``) later in the sentence;
``according_to`` "외교부에 따르면", "外務省によると".

The first such actor of the sentence (a topic 은/는, は before a subject 이/가, が) is the
voice: "윤 대통령은 기시다 총리가 … 말했다고 밝혔다" credits Yoon. A mention inside a
quotation is never a voice. A sentence opening with a pronoun or a bare title (그는,
그녀는, 同氏は, 氏は) takes the voice carried from earlier sentences, as "he said" does.
"""

from __future__ import annotations

import re

__all__ = ["HE_SAID_CJK", "JA_VERBS", "KO_VERBS", "cjk_voices", "is_cjk_sentence"]

KO_VERBS = (
    "밝혔|밝히며|밝히고|밝힌|말했|말하며|말하고|말한|강조했|강조하며|강조한|덧붙였|전했|설명했|"
    "설명하며|언급했|언급하며|지적했|지적하며|촉구했|주장했|주장하며|발표했|표명했|요구했|요청했|"
    "비판했|반박했|답했|답변했|약속했|화답했|밝혔습니다|말했습니다|강조했습니다"
)
JA_VERBS = (
    "述べ|語っ|語り|強調し|表明し|明らかにし|発表し|指摘し|説明し|主張し|訴え|求め|応じ|話し|"
    "伝え|批判し|反論し|答え|言及し|呼びかけ|要請し|抗議し|約束し|強調(?=[。、]|$)"
)
_KO_TITLE = r"(?:\s*(?:대변인|장관|차관|대사|고위\s*관계자|관계자|당국자|당국|측|정부|실장))?"
_JA_TITLE = (
    r"(?:報道官|長官|大臣|外相|首相|総理|大統領|氏|幹部|関係者|当局者|高官|側|政府|事務次官)*"
)
_KO_SUBJECT = re.compile(rf"^{_KO_TITLE}(?P<particle>은|는|이|가|께서|도)(?=[\s,]|$)")
_JA_SUBJECT = re.compile(rf"^{_JA_TITLE}(?P<particle>は|が|も)")
_KO_ACCORDING = re.compile(rf"^{_KO_TITLE}에\s*따르면")
_JA_ACCORDING = re.compile(rf"^{_JA_TITLE}(?:によると|によれば)")
_KO_VERB = re.compile(rf"(?P<verb>{KO_VERBS})")
_JA_VERB = re.compile(rf"(?:と|、)?\s*(?P<verb>{JA_VERBS})")
_TOPIC = {"은", "는", "は", "께서"}
_HANGUL = re.compile("[\uac00-\ud7af]")
_KANA_HAN = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")
# A sentence opening with a pronoun or a bare title takes the carried voice.
HE_SAID_CJK = re.compile(
    r"^[\s\"“「]*(?:그는|그녀는|그는\s*또|그러면서\s*그는|同氏は|氏は|同首相は|同大統領は|同相は)"
    rf".*?(?P<verb>{KO_VERBS}|{JA_VERBS})"
)


def is_cjk_sentence(text: str) -> bool:
    """Whether the sentence is written in Korean or Japanese (Hangul, kana or kanji)."""
    return bool(_HANGUL.search(text) or _KANA_HAN.search(text))


def cjk_voices(
    text: str, mentions: list[tuple[str, int, int]], in_quote
) -> list[tuple[str, str, str]]:
    """``(actor_id, verb, pattern)`` for the voice of one Korean or Japanese sentence.

    Args:
        text: the sentence.
        mentions: ``(actor_id, start, end)`` offsets into ``text``, in text order.
        in_quote: ``in_quote(text, pos)`` -> whether ``pos`` is inside a quotation.

    Returns:
        At most one voice (see the module docstring); ``[]`` when none is found.
    """
    subjects = []
    for actor, start, end in mentions:
        if in_quote(text, start):
            continue
        after = text[end:]
        for rx, verb_rx, pattern in (
            (_KO_SUBJECT, _KO_VERB, "ko_subject"),
            (_JA_SUBJECT, _JA_VERB, "ja_subject"),
        ):
            hit = rx.match(after)
            if hit is None:
                continue
            verb = _last_verb(verb_rx, text, end + hit.end(), in_quote)
            if verb is not None:
                subjects.append((hit["particle"] not in _TOPIC, start, actor, verb, pattern))
            break
        for rx, verb in ((_KO_ACCORDING, "따르면"), (_JA_ACCORDING, "によると")):
            if rx.match(after):
                subjects.append((False, start, actor, verb, "according_to"))
    if not subjects:
        return []
    _, _, actor, verb, pattern = min(subjects)
    return [(actor, verb, pattern)]


def _last_verb(verb_rx: re.Pattern, text: str, pos: int, in_quote) -> str | None:
    """The last reporting verb after ``pos`` that is not inside a quotation."""
    found = None
    for m in verb_rx.finditer(text, pos):
        if not in_quote(text, m.start("verb")):
            found = m["verb"]
    return found
