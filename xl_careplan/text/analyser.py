"""SudachiPy morphological analysis, loaded lazily: one tokenizer per process, created the first time a
text rule reads a phrase (checks that run no text rule never import it).

Why an analyser: the same word comes in many spellings and conjugations (買い物/買物, 出来る/できる,
行けない/行ける/行きたい), and the rules need what a substring cannot give — which verb 「たい」 attaches to,
whether 「から」 is causal (痛いから) or not (これから), whether a noun is followed by が (subject) or で (place).
Sudachi's normalised form unifies the spellings and undoes conjugation; its parts of speech give the rest.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache

from xl_careplan.domain.services import norm

_LOCK = threading.RLock()
_TOKENIZER = None


def tokenizer():
    """The process's one Sudachi tokenizer (split mode C), created on first use."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _LOCK:
            if _TOKENIZER is None:
                from sudachipy import Dictionary, SplitMode

                d = Dictionary(dict="core")
                make = getattr(d, "tokenizer", None) or d.create  # create() is deprecated from 0.7
                _TOKENIZER = make(mode=SplitMode.C)
    return _TOKENIZER


def loaded() -> bool:
    return _TOKENIZER is not None


@dataclass(frozen=True, slots=True)
class Tok:
    surface: str
    lemma: str  # Sudachi normalised form: 買物→買い物, 出来る→出来る, 行けない→行く
    base: str  # dictionary form (keeps the potential verb: 行ける)
    pos: str  # 名詞, 動詞, 形容詞, 助詞, 助動詞, 補助記号, …
    pos2: str  # 普通名詞, 格助詞, 接続助詞, 読点, 非自立可能, …
    form: str  # conjugation form (連用形-一般, 終止形-一般, …) or "*"
    ctype: str = "*"  # conjugation type (五段-サ行, 下一段-ア行, …) or "*"
    pos3: str = "*"  # サ変可能 (an act said as a noun: 歩行, 服薬), 一般 (血圧, 体重), …
    # the nouns of a verb's 連用形, worked out once (WordSet.has asks for them on every verb it meets)
    noms: tuple[str, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.pos == "動詞":
            object.__setattr__(self, "noms", tuple(dict.fromkeys(n for w in (self.base, self.lemma)
                                                                 if (n := renyou(w, self.ctype)))))

    @property
    def content(self) -> bool:
        """A word that carries meaning (not a particle, auxiliary, symbol or number)."""
        if self.pos in ("名詞", "形容詞", "形状詞", "副詞"):
            return self.pos2 != "数詞"
        if self.pos == "動詞":
            return True
        return False

    @property
    def nominals(self) -> tuple[str, ...]:
        """The 連用形 of a verb as a noun is written (支える → 支え, 暮らす → 暮らし, 痺れる → 痺れ): the noun
        the verb gives, which means what the verb means. Empty for other words."""
        return self.noms

    def is_(self, *words: str) -> bool:
        return self.lemma in words or self.surface in words or self.base in words


_I_ROW = dict(zip("うくぐすつぬぶむる", "いきぎしちにびみり"))


def renyou(base: str, ctype: str) -> str | None:
    """The 連用形 of a verb in dictionary form (一段: drop る; 五段: the い-row kana), None for する／来る or when
    it would be a single character (見る → 見 names nothing as a noun)."""
    if not base:
        return None
    if ctype.startswith(("上一段", "下一段")) and base.endswith("る"):
        stem = base[:-1]
    elif ctype.startswith("五段") and base[-1] in _I_ROW:
        stem = base[:-1] + _I_ROW[base[-1]]
    else:
        return None
    return stem if len(stem) > 1 else None


@lru_cache(maxsize=8192)
def analyse(text: str) -> tuple[Tok, ...]:
    """Tokens of the NFKC-normalised, whitespace-free text (cached: the same phrase is read by several rules)."""
    t = norm(text)
    if not t:
        return ()
    with _LOCK:
        ms = tokenizer().tokenize(t)
        out = []
        for m in ms:
            p = m.part_of_speech()
            out.append(Tok(m.surface(), m.normalized_form(), m.dictionary_form(), p[0], p[1], p[5], p[4], p[2]))
    return tuple(_dialect(out))


_SENTENCE_END = {"。", "、", "!", "?", "ね", "よ", "ばい", "けん"}


def _dialect(toks: list[Tok]) -> list[Tok]:
    """九州・西日本の「〜たか」(歩きたか, してもらいたか) is 〜たい: a verb in 連用形-一般 + た + か that ends a sentence
    is read as the wish it says (a need is never a question about the past)."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.surface == "た" and t.pos == "助動詞" and 0 < k < len(toks) - 1 and toks[k + 1].surface == "か" \
                and toks[k + 1].pos2 == "終助詞" and toks[k - 1].pos == "動詞" and toks[k - 1].form == "連用形-一般" \
                and (k + 2 == len(toks) or toks[k + 2].surface in _SENTENCE_END):
            out.append(Tok("たか", "たい", "たい", "助動詞", "*", "終止形-一般"))
            k += 2
            continue
        out.append(t)
        k += 1
    return out
