"""What a line of a saved news page is: the vocabulary of page furniture in three languages.

Each ``is_*`` function looks at one stripped line. The lists are layout words that
recur across outlets (navigation, share widgets, "Read more" headers, photo credits,
publication stamps, bylines, wire slugs), in English, Korean and Japanese; none is a
string from one article. ``analysis.corpus.readers.pagedump`` uses them to split a page
into header, body and footer.
"""

from __future__ import annotations

import re

from analysis.corpus.dates import search_date

WIRES = (
    "AP", "AFP", "Reuters", "PTI", "IANS", "ANI", "Bloomberg", "Yonhap", "Kyodo", "Xinhua",
    "Jiji", "EFE", "dpa", "Newsis", "News1",
)  # fmt: skip
PROMOTION_STARTS = (
    "don't miss", "don’t miss", "follow us", "subscribe", "sign up", "download", "join us",
    "click here", "also read", "read more", "get the latest", "see also", "related:",
    "recommended:", "watch:", "listen:",
)  # fmt: skip
NAVIGATION = frozenset(
    """skip to main content|skip to content|skip to navigation|skip navigation|jump to content
    |main content|본문 바로가기|메뉴 바로가기|주메뉴 바로가기|주요 서비스 바로가기|검색 바로가기
    |本文へ移動|本文へ|メニューへ移動|メインコンテンツへ移動|menu|main menu|open menu|close menu
    |navigation|search|search news|close|home|sign in|log in|login|log out|register|subscribe
    |my page|account|english|한국어|日本語|中文|text size|font size|글자크기|글자 크기|글씨 크기
    |글씨크기 조정|文字サイズ|share|share this|share this article|share on facebook
    |share on twitter|share/save|facebook|twitter|x|kakao|kakaotalk|카카오톡|카카오스토리|line
    |naver|band|email|e-mail|mail|whatsapp|linkedin|reddit|print|프린트|인쇄|印刷|copy link
    |copy url|link copied|url copied|링크 복사|링크복사|url 복사|url이 복사되었습니다|공유|공유하기
    |シェア|ツイート|ブックマーク|advertisement|ad|ads|광고|広告|スポンサーリンク|comments|댓글
    |コメント|listen|listen to this article|기사 듣기|듣기|save|bookmark|저장|스크랩|top
    |back to top|맨 위로|ページの先頭へ|previous|next|이전|다음|前へ|次へ|loading...|more|see more
    |more news|menu open|ソーシャルメディア|メニュー|検索|ログイン|会員登録|로그인|회원가입|구독
    |기사 공유|url 공유|이메일|전체메뉴|전체 메뉴|explore news|edition|world|news|asia
    |asia pacific|politics|national|opinion|business|economy|sports|editorial|국제|정치|경제
    |사회|오피니언|国際|政治|経済|社会|トップ|ニュース|follow|top stories|video|live
    |image|photo|gallery""".replace("\n", "").split("|")
)
# A line equal to one of these (or starting with it and a colon) opens the page's footer.
END_MARKERS = (
    "related articles", "related stories", "related coverage", "related news", "related",
    "read more", "more from", "more on this story", "more stories", "more news", "most read",
    "most viewed", "most popular", "top stories", "trending", "recommended", "you may also like",
    "you might also like", "latest news", "editor's picks", "keywords", "tags", "topics",
    "관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "많이 본 뉴스", "가장 많이 본 뉴스",
    "인기 기사",
    "추천 기사", "이 시각 주요뉴스", "주요뉴스", "関連記事", "関連ニュース", "おすすめ記事",
    "アクセスランキング", "ランキング", "人気記事", "our standards", "explore more", "read next",
    "more on this story", "related stories", "more to explore",
)  # fmt: skip
_COPYRIGHT = re.compile(
    r"^(?:copyright\b|©|ⓒ|\(c\)\s|all rights reserved|our standards\b)|all rights reserved\.?$"
    r"|무단\s?전재|무단복제|재배포\s?금지|저작권자|無断転載|無断で転載|許可なく転載|転載を禁じ",
    re.IGNORECASE,
)
_WIRE = "|".join(WIRES)
_CREDIT_AT_END = re.compile(
    rf"[(（](?:[^()（）]*\bphoto\b[^()（）]*|[^()（）]*\b(?:{_WIRE})|[^()（）]*(?:共同|時事|ロイター"
    r"|撮影|提供|연합뉴스|자료사진)[^()（）]*)[)）]\s*$"
    r"|\[[^\]]*(?:사진|제공|연합뉴스|자료사진|photo)[^\]]*\]\s*$|/\s*연합뉴스\s*$"
    r"|\|\s*(?:KYODO|REUTERS|AP|AFP|BLOOMBERG|JIJI|GETTY IMAGES|[A-Z][A-Z ]{2,30})\s*$",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^(?:image|photo|picture|video|graphic|media|file photo|source|caption|사진|写真|画像|영상)"
    r"\s*[,:：=]|^(?:image source|image caption|media caption|photo caption|image copyright)\b"
    r"|^getty images$|^[A-Z가-힣 ]{2,12}뉴스\s*[가-힣]{2,4}입니다\.?$"
    rf"|^(?:{_WIRE}|Getty Images|ABC News|EPA-EFE|EPA|Bloomberg)(?:\s*(?:Photo)?\s*[:/]\s*"
    r"[\w .,'’-]{2,40})?$"
    r"|^\((?:reporting|writing|editing|additional reporting) by\b|^(?:additional )?reporting by\b"
    r"|^\d+\s*(?:minute|min)s?\s+read$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^by[\s:]+\S"
    r"|^[가-힣]{2,4}\s*(?:기자|특파원|논설위원|선임기자|앵커)(?:\s*\S+@\S+)?\s*$"
    r"|^\S+@\S+\.\w+\)?$"
    r"|^\S{1,12}\s*(?:記者|特派員|編集委員)\s*$"
    r"|^[\w .'-]{2,40},?\s+(?:nikkei\s+)?(?:staff writer|correspondent|contributing writer)$"
    r"|^(?:staff writer|[\w ]{0,20}correspondent|reporter|senior reporter)$",
    re.IGNORECASE,
)
_STAMP_LABEL = re.compile(
    r"^(?:first published|published|last updated|updated|posted|modified|last modified"
    r"|입력|수정|업데이트|기사입력|최종수정|発行|更新|公開|配信|掲載)\b",
    re.IGNORECASE,
)
_UPDATE_LABEL = re.compile(
    r"^(?:last updated|updated|modified|last modified|수정|업데이트|最終更新|更新)"
)
SLUG = re.compile(
    r"^\s*\((?:LEAD|URGENT|\d+(?:st|nd|rd|th)\s+LD[^)]*|LD[^)]*|News Focus|News Analysis"
    r"|Yonhap Interview|Yonhap Feature|Yonhap Explainer|ATTN:[^)]*|AMERICAS|EDITORIAL|Update \d+"
    r"|CORRECTED|REPEAT|WRAPUP[^)]*)\)\s*"
    r"|^\s*\[(?:Editorial|Column|Contribution|Interview|News Focus|News Analysis|Feature"
    r"|Newsmaker|Herald Interview|Herald Review|Op-ed|사설|칼럼|社説)\]\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’」』)）]*$|다[.]?$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")  # kana and kanji: written without spaces
_BULLETS = re.compile(r"^[•·∙●○▶▷►■□◆◇※*>|\-–—_=~]+\s*")


def strip_bullets(line: str) -> str:
    """The line without leading bullets and widget glyphs ("• Link copied" -> "Link copied")."""
    return _BULLETS.sub("", line).strip()


def n_words(line: str) -> int:
    """Words, counting each two kana/kanji as one (Japanese has no spaces; Korean has)."""
    return len(line.split()) + len(_CJK.findall(line)) // 2


def is_navigation(line: str) -> bool:
    """A menu item, share widget, text-size control, ad label or reading-time note."""
    key = strip_bullets(line).casefold().rstrip(" :>›»")
    return not key or key in NAVIGATION or re.fullmatch(r"[\W\d_]+", key) is not None


def is_end_marker(line: str) -> bool:
    """A header that opens the footer ("Related", "관련기사", "関連記事") or a copyright line."""
    key = strip_bullets(line).casefold()
    if _COPYRIGHT.search(key):
        return True
    return any(key == m or key.startswith(m + ":") and len(key) <= len(m) + 3 for m in END_MARKERS)


def is_copyright(line: str) -> bool:
    """A copyright or reproduction notice."""
    return _COPYRIGHT.search(strip_bullets(line)) is not None


def is_caption(line: str) -> bool:
    """A photo caption or credit: ``(Photo: ...)``, ``(AP Photo/...)``, ``[연합뉴스 자료사진]``,
    ``Image caption, ...``, ``ABC News: Erin Handley``, ``... | KYODO``, ``4 minute read``."""
    line = strip_bullets(line)
    return bool(_CREDIT_AT_END.search(line) or _CREDIT_LINE.search(line))


def is_promotion(line: str) -> bool:
    """A call to action of at most 25 words ("Don't miss ...", "Read more: ...")."""
    return n_words(line) <= 25 and strip_bullets(line).casefold().startswith(PROMOTION_STARTS)


def is_furniture(line: str) -> bool:
    """Dropped wherever it appears: caption, parenthesised note, promotion, navigation."""
    bare = strip_bullets(line)
    if bare.startswith(("(", "（")) and bare.endswith((")", "）")):
        return True  # editorial and syndication notes, "(END)", "(ATTN: ...)"
    return is_caption(bare) or is_promotion(bare) or is_navigation(bare)


def is_byline(line: str) -> bool:
    """ "By Jane Doe", "김철수 기자", "山田太郎記者", "Staff writer", a bare e-mail address."""
    line = strip_bullets(line)
    return n_words(line) <= 12 and _BYLINE.search(line) is not None


def stamp_kind(line: str) -> str | None:
    """``"first"`` / ``"update"`` for a publication stamp ("Published : Aug 22, 2019"), else None.

    A stamp is a short line holding a full date, with or without a label; a sentence
    that mentions a date is not one.
    """
    bare = strip_bullets(line)
    if n_words(bare) > 14:
        return None
    if search_date(bare) is None:  # a labelled stamp with an impossible date is still a stamp
        labelled = _STAMP_LABEL.match(bare) and re.search(r"\d{4}", bare)
        return ("update" if _UPDATE_LABEL.match(bare.casefold()) else "first") if labelled else None
    if not _STAMP_LABEL.match(bare) and _SENTENCE_END.search(bare) and n_words(bare) > 6:
        return None
    return "update" if _UPDATE_LABEL.match(bare.casefold()) else "first"


def is_prose(line: str) -> bool:
    """Reads as running text: a sentence (ends like one, two words or more) or a long line."""
    bare = strip_bullets(line)
    words = n_words(bare)
    return (words >= 2 and _SENTENCE_END.search(bare) is not None) or words >= 14


def is_lead(line: str) -> bool:
    """Could open a story: a sentence of six words or more, or 25 words of running text."""
    bare = strip_bullets(line)
    words = n_words(bare)
    return (words >= 6 and _SENTENCE_END.search(bare) is not None) or words >= 25


def is_headline(line: str) -> bool:
    """Could be a headline: 3-30 words, not ending in a full stop."""
    words = n_words(line)
    return 3 <= words <= 30 and not re.search(r"[.。]$", line)
