"""Real parallel texts: one official statement in English, Japanese and Korean.

The joint announcement of the foreign ministers of Japan and the Republic of Korea on
the comfort women issue, 2015-12-28, statement of Foreign Minister Kishida, items (1),
(2) (first sentences) and (3). Government texts published by both governments:

- English: MOFA Japan, Diplomatic Bluebook 2023, References, "The Issue of Comfort
  Women" (https://www.mofa.go.jp/policy/other/bluebook/2023/en_html/references/r0101.html),
  Public Data License 1.0 ("Source: Ministry of Foreign Affairs of Japan website").
- Japanese: the Japanese government's text as read at the joint press occasion,
  reproduced by Asahi Shimbun, 2015-12-28 (asahi.com/articles/ASHDX5SHQHDXUTFK015.html);
  MOFA Japan publishes the same text (mofa.go.jp/mofaj, PDL 1.0).
- Korean: the Korean text of the joint press conference, reproduced in full by Nocut
  News, 2015-12-28 (nocutnews.co.kr/news/4524467); a work of the Korean government
  (Korean Copyright Act Art. 24-2). Item (3) is not in the stored copy and is left out.

Short quotations used as test and benchmark data only (tests/test_invariance.py,
bench/translation_invariance.py); not part of the sample corpus.
"""

from __future__ import annotations

import pandas as pd

PARALLEL = [
    # (pair_id, language, text)
    (
        "2015-item-1",
        "en",
        "The issue of comfort women, with an involvement of the Japanese military authorities "
        "at that time, was a grave affront to the honor and dignity of large numbers of women, "
        "and the Government of Japan is painfully aware of responsibilities from this "
        "perspective. As Prime Minister of Japan, Prime Minister Abe expresses anew his most "
        "sincere apologies and remorse to all the women who underwent immeasurable and "
        "painful experiences and suffered incurable physical and psychological wounds as "
        "comfort women.",
    ),
    (
        "2015-item-1",
        "ja",
        "慰安婦問題は、当時の軍の関与の下に、多数の女性の名誉と尊厳を深く傷つけた問題であり、"
        "かかる観点から、日本政府は責任を痛感している。安倍首相は、日本国の首相として改めて、"
        "慰安婦としてあまたの苦痛を経験され、心身にわたり癒やしがたい傷を負われた全ての方々に"
        "対し、心からおわびと反省の気持ちを表明する。",
    ),
    (
        "2015-item-1",
        "ko",
        "위안부 문제는 당시 군의 관여하에 다수의 여성의 명예와 존엄에 깊은 상처를 입힌 문제로서 "
        "이러한 관점에서 일본 정부는 책임을 통감한다. 아베 내각 총리대신은 일본국 총리대신으로서 "
        "다시 한번 위안부로서 많은 고통을 겪고 심신에 걸쳐 치유하기 어려운 상처를 입은 모든 "
        "분들에 대한 마음으로부터의 사죄와 반성의 마음을 표명한다.",
    ),
    (
        "2015-item-2",
        "en",
        "The Government of Japan has been sincerely dealing with this issue. Building on such "
        "experience, the Government of Japan will now take measures to heal psychological "
        "wounds of all former comfort women through its budget.",
    ),
    (
        "2015-item-2",
        "ja",
        "日本政府は、これまでも本問題に真摯(しんし)に取り組んできたところ、その経験に立って、"
        "今般、日本政府の予算により、全ての元慰安婦の方々の心の傷を癒やす措置を講じる。",
    ),
    (
        "2015-item-2",
        "ko",
        "일본 정부는 지금까지 이 문제에 대해 진지하게 임해왔고 이에 기초해 이번에 일본 정부의 "
        "예산에 의해 모든 전(前) 위안부 분들의 명예와 존엄의 회복 및 마음의 상처를 치유하는 "
        "조치를 강구한다.",
    ),
    (
        "2015-item-3",
        "en",
        "While stating the above, the Government of Japan confirms that this issue is resolved "
        "finally and irreversibly with this announcement, on the premise that the Government "
        "will steadily implement the measures specified in (2) above.",
    ),
    (
        "2015-item-3",
        "ja",
        "日本政府は上記を表明するとともに、これらの措置を着実に実施するとの前提で、今回の発表に"
        "より、この問題が最終的かつ不可逆的に解決されることを確認する。",
    ),
]


def parallel_docs() -> pd.DataFrame:
    """The parallel texts as a corpus: ``doc_id``, ``pair_id``, ``language``, ``text``."""
    rows = [(f"{pair}-{lang}", pair, lang, text) for pair, lang, text in PARALLEL]
    return pd.DataFrame(rows, columns=["doc_id", "pair_id", "language", "text"])
