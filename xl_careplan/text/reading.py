"""What a phrase says, read from its tokens: clauses, the verb a desire attaches to, requests, service use,
who acts, whether it names anything observable. Each function returns the phrase to quote, or None.

The word lists come in as WordSets (xl_careplan/text/lexicon.py defaults, extended by rule parameters)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xl_careplan.text.analyser import Tok, analyse
from xl_careplan.text.lexicon import WordSet

Toks = tuple[Tok, ...]

# auxiliary verbs that continue the predicate before them (なっている, 食べてしまう, 歩いていく)
_AUX_AFTER_TE = {"居る", "いる", "置く", "おく", "仕舞う", "しまう", "見る", "みる", "来る", "くる", "行く", "いく", "貰う",
                 "頂く", "下さる", "欲しい", "有る", "ある", "上げる", "あげる", "くれる", "呉れる"}
_CLAUSE_CONJ = {"ので", "から", "ながら", "が", "けど", "けれど", "けれども", "ば", "し", "のに", "つつ", "ても", "でも"}
_BENEFACTIVE = {"貰う", "頂く", "もらう", "いただく"}
_DISEASE_RE = re.compile(r"(症|病|炎|血圧|不全|障害|骨折|梗塞|出血|疾患|麻痺|痛|腫|癌|がん)$")


def span_text(toks: Toks, a: int, b: int) -> str:
    return "".join(t.surface for t in toks[a:b])


def is_punct(t: Tok) -> bool:
    return t.pos == "補助記号" and t.pos2 in ("読点", "句点", "一般", "括弧開", "括弧閉")


def clauses(toks: Toks) -> list[tuple[int, int]]:
    """Clause spans: split at 、 。 and at conjunctions (ので, ながら, が, …) and at a て that starts a new
    predicate (利用して｜週2回入浴できる), not at one that continues it (なって｜いる, 介助して｜もらう)."""
    out, start = [], 0
    for i, t in enumerate(toks):
        cut = False
        if t.pos == "補助記号" and t.pos2 in ("読点", "句点"):
            cut = True
        elif t.pos == "助詞" and t.pos2 == "接続助詞":
            if t.surface in ("て", "で"):
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                cut = nxt is not None and not (nxt.pos in ("動詞", "形容詞") and nxt.lemma in _AUX_AFTER_TE) \
                    and not (nxt.pos == "助詞")
            elif t.surface in _CLAUSE_CONJ:
                cut = True
        elif t.surface == "で" and t.pos == "助動詞" and i > 0 and toks[i - 1].surface == "の":
            cut = True  # 楽しかったので
        if cut:
            if i + 1 > start:
                out.append((start, i + 1))
            start = i + 1
    if start < len(toks):
        out.append((start, len(toks)))
    return [c for c in out if any(toks[k].content for k in range(*c))] or ([(0, len(toks))] if toks else [])


def clause_of(spans: list[tuple[int, int]], i: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= i < b:
            return a, b
    return 0, 0


def _negated_after(toks: Toks, i: int) -> bool:
    """たく｜ない, ほしく｜ない: the desire is denied."""
    for t in toks[i + 1:i + 3]:
        if t.lemma in ("ない", "無い", "ぬ", "ず"):
            return True
        if t.content:
            return False
    return False


def desire_verbs(toks: Toks) -> list[tuple[int, int]]:
    """(index of たい, index of the verb it attaches to) for each desire (行けるようになりたい → 行く)."""
    out = []
    for i, t in enumerate(toks):
        if not (t.lemma == "たい" and t.pos == "助動詞") or _negated_after(toks, i):
            continue
        j = i - 1
        # climb over する／なる／ように to the verb that carries the meaning
        while j >= 0:
            u = toks[j]
            if u.pos == "動詞" and u.lemma in ("為る", "成る") and j > 0:
                j -= 1
                continue
            if u.surface in ("よう", "に", "ように", "こと", "が", "を") and j > 0:
                j -= 1
                continue
            if u.pos == "助動詞" and j > 0:  # れる／られる
                j -= 1
                continue
            break
        if j >= 0:
            if toks[j].pos2 == "普通名詞" and j + 1 < len(toks) and toks[j + 1].lemma == "為る":
                pass  # サ変名詞＋したい: 通所したい → 通所
            out.append((i, j))
    return out


# what a desire word's loss is said with (意欲低下, 楽しみがない, 希望を失う): the word then names no desire
_LOSS = {"低下", "減退", "喪失", "消失", "無い", "ない", "無くなる", "なくなる", "乏しい", "失う", "減る", "薄れる", "欠如"}


def _lost(toks: Toks, i: int) -> bool:
    """The desire word at i is the subject of its loss (意欲低下, 意欲が見られない, 楽しみがない)."""
    for k in range(i + 1, min(i + 5, len(toks))):
        t = toks[k]
        if t.lemma in _LOSS:
            return True
        if t.pos == "補助記号" or (t.content and t.lemma not in ("見る", "見える")):
            return False
    return False


_GLAD = {"嬉しい", "うれしい", "良い", "いい", "有り難い", "ありがたい", "助かる"}


def has_desire(toks: Toks, desire_words: WordSet) -> bool:
    if desire_verbs(toks) or any(t.lemma == "たい" and t.pos == "助動詞" for t in toks):
        return True  # a wish denied is a wish too: 畑はやめたくない, 施設には入りたくない
    for i, t in enumerate(toks):
        if desire_words.has(t) and not _lost(toks, i):
            return True
        if t.lemma == "欲しい" and not _negated_after(toks, i):
            return True
        if t.lemma in _GLAD and i > 0 and toks[i - 1].surface in ("と", "ば", "たら", "なら", "れば") \
                and not _negated_after(toks, i):
            return True  # 会いに来てくれると嬉しい, 歩けたらいい: a wish said by its outcome
    return False


def _arguments(toks: Toks, a: int, v: int) -> list[tuple[int, int, str]]:
    """Noun phrases before the verb at v within the clause [a, v), with the particle that follows each:
    (start, end, particle). A noun chain joined by の counts as one phrase (デイサービスの利用回数を)."""
    out = []
    i = a
    while i < v:
        if toks[i].pos in ("名詞", "接尾辞", "接頭辞") or (toks[i].pos == "形状詞"):
            s = i
            while i < v and (toks[i].pos in ("名詞", "接尾辞", "接頭辞", "形状詞") or
                             (toks[i].surface in ("の", "・", "や") and i + 1 < v and toks[i + 1].pos in ("名詞", "接頭辞"))):
                i += 1
                if i < v and toks[i].pos2 == "括弧開":  # 福祉用具（手すり）を: the brackets say which, inside the phrase
                    close = next((k for k in range(i + 1, v) if toks[k].pos2 == "括弧閉"), None)
                    if close is not None:
                        i = close + 1
            part = toks[i].surface if i < v and toks[i].pos == "助詞" else ""
            out.append((s, i, part))
        else:
            i += 1
    return out


def _mentions(toks: Toks, a: int, b: int, ws: WordSet) -> bool:
    return any(ws.at(toks, k) for k in range(a, b))


@dataclass
class Lexicon:
    services: WordSet
    providers: WordSet
    care_acts: WordSet
    service_verbs: WordSet
    request_verbs: WordSet
    obtain_verbs: WordSet
    desire_words: WordSet
    limiters: WordSet
    joint: WordSet
    self_words: WordSet
    help_nouns: WordSet  # help received that is not named 介助・支援 (付き添い, 送迎, 見守り)
    equipment: WordSet  # things asked for (杖, 車いす, 手すり)
    family: WordSet  # the providers who are family (a goal of their own ability is theirs)


# what one wishes of others that is not a service (家族に食べてもらいたい, 娘には元気でいてほしい)
_WISH_FOR_OTHERS = {"食べる", "喜ぶ", "安心", "笑う", "知る", "分かる", "解る", "理解", "元気", "居る", "いる", "暮らす",
                    "過ごす", "休む", "楽しむ", "聞く", "見る", "味わう", "続ける"}


_IDIOM_OBJECTS = {"気", "手", "心", "目", "身", "力"}  # 気を付ける, 力を付ける: not obtaining a thing


def _past(toks: Toks, i: int) -> bool:
    """頼んでいた, 通った: the verb at i is in the past (a relative clause or a story, not a wish)."""
    for t in toks[i + 1:i + 5]:
        if t.surface == "た" and t.pos == "助動詞":
            return True
        if t.content and t.lemma not in ("居る", "いる"):
            return False
    return False


def request(text: str, lx: Lexicon) -> str | None:
    """A need written as a request: someone else is asked to act (…してほしい, お願いしたい, お願いします,
    来てもらいたい), or a service or thing is what is wanted (デイサービスに通いたい, ベッドを借りて使いたい,
    入浴の支援希望). Not a wish for the family (家族に食べてもらいたい, 無理をしないでほしい), nor help limited
    to part of an act (重い物の買物のみヘルパーに頼み…)."""
    toks = analyse(text)
    spans = clauses(toks)

    def limited(i: int) -> bool:
        a, b = clause_of(spans, i)
        return any(lx.limiters.at(toks, k) for k in range(a, b))

    def asked_verb(i: int) -> Tok | None:
        """The verb before …て at i-1 (介助して｜ほしい → 介助, 来て｜もらいたい → 来る)."""
        k = i - 2
        while k >= 0 and (toks[k].pos == "助動詞" or toks[k].lemma in ("為る",)):
            k -= 1
        if k >= 2 and toks[k].lemma in ("居る", "いる") and toks[k - 1].surface in ("て", "で") \
                and toks[k - 1].pos == "助詞" and toks[k - 2].pos == "動詞" and toks[k - 2].lemma != "為る":
            k -= 2  # 付き添って｜いて｜ほしい: the verb is 付き添う, not the progressive いる
        return toks[k] if k >= 0 else None

    for i, t in enumerate(toks):
        is_request_form = (
            (t.lemma == "欲しい" and not _negated_after(toks, i))
            or (t.lemma in _BENEFACTIVE and i + 1 < len(toks) and toks[i + 1].lemma == "たい" and not _negated_after(toks, i + 1))
            or (t.lemma in _BENEFACTIVE | {"呉れる", "くれる"} and _conditional_after(toks, i))  # してもらえると助かる
            or (t.lemma in _BENEFACTIVE | {"呉れる", "くれる"} and _preferred(toks, i))  # してもらうのが安心
        )
        if is_request_form and i > 0 and toks[i - 1].surface in ("て", "で"):
            if i >= 2 and toks[i - 2].lemma in ("ない", "無い"):
                continue  # …しないでほしい: a wish about someone's behaviour
            v = asked_verb(i)
            if v is not None and v.lemma in _WISH_FOR_OTHERS and not _watching(toks, i) and not _causative(toks, i):
                continue
            if _done_by_self(toks, spans, i, lx):
                continue  # 母には自分でやってもらいたい: the person's own act is what is wished
            if v is not None and _visit(toks, i - 2):
                continue  # 孫が遊びに来てくれると嬉しい: a visit wished for, not help
            if not limited(i):
                return _quote_clause(toks, spans, i)
        if t.lemma == "欲しい" and not _negated_after(toks, i) and i >= 2 and toks[i - 1].surface in ("が", "も", "は") \
                and (lx.equipment.at(toks, i - 2) or _ends_with(toks, i - 1, (lx.services, lx.equipment, lx.help_nouns))) \
                and not limited(i):
            return _quote_clause(toks, spans, i)  # 杖が欲しい, ヘルパーが欲しい
        # お願いします, 依頼する, 頼みたい, 任せたい — not 頼んでいた (past), not …のみ頼み
        if lx.request_verbs.has(t) and t.pos == "動詞" and not _past(toks, i) and not limited(i) \
                and not _negated_after(toks, i):
            return _quote_clause(toks, spans, i)
    for ti, v in desire_verbs(toks):
        verbs = [v]
        a, _b = clause_of(spans, v)
        if a >= 2 and toks[a - 1].surface in ("て", "で"):  # ベッドを借りて｜使いたい: the verb joined before
            verbs.append(a - 2 if toks[a - 2].pos == "動詞" else a - 3)
        if toks[v].pos == "名詞" and v in lx.services.covered(toks):
            return _quote_clause(toks, spans, ti)  # 住宅改修をしたい: the service is the wish
        if _service_chosen(toks, a, ti, lx):
            return _quote_clause(toks, spans, ti)  # お風呂はデイで入りたい: which service is the wish
        for vv in verbs:
            if vv < 0:
                continue
            verb = toks[vv]
            if verb.lemma == "受ける" and _received_object(toks, vv, (lx.care_acts, lx.help_nouns)):
                return _quote_clause(toks, spans, ti)  # 入浴介助を受けたい, 通院の付き添いを受けたい
            if verb.lemma in _ARRANGING and _object_mentions(toks, vv, (lx.services, lx.obtain_verbs, lx.care_acts,
                                                                         lx.help_nouns, lx.equipment)):
                return _quote_clause(toks, spans, ti)  # 車いすのレンタルを検討したい, デイの利用を考えたい
            ca, _cb = clause_of(spans, vv)
            args = _arguments(toks, ca, vv)
            if lx.obtain_verbs.has(verb) and any(p in ("を", "が", "") and toks[e - 1].lemma not in _IDIOM_OBJECTS
                                                 for _s, e, p in args if e > _s):
                return _quote_clause(toks, spans, ti)  # 車いすを借りたい, 手すりを付けたい
            if lx.service_verbs.has(verb) and any(
                p in ("に", "へ", "を", "が", "は", "も", "") and _mentions(toks, s, e, lx.services)
                and not _mentions_past_service(toks, s, e)
                for s, e, p in args
            ):
                return _quote_clause(toks, spans, ti)  # デイサービスに通いたい, ショートステイを利用したい
    for i, t in enumerate(toks):
        if t.lemma == "希望":
            a, _b = clause_of(spans, i)
            before = range(a, i)
            if any(lx.care_acts.at(toks, k) or lx.services.at(toks, k) or lx.obtain_verbs.at(toks, k)
                   or lx.help_nouns.at(toks, k) or toks[k].lemma == "利用" for k in before):
                if not any(toks[k].lemma in ("生活", "暮らし") for k in range(i + 1, min(i + 3, len(toks)))):
                    return _quote_clause(toks, spans, i)  # 入浴の支援希望, 手すりの設置を希望する
    return None


def _service_chosen(toks: Toks, a: int, ti: int, lx: Lexicon) -> bool:
    """The act is the topic and a service is where it is wished to happen (お風呂は｜デイで｜入りたい, 入浴は
    デイサービスでしたい): the wish is the choice of a service. Not デイサービスで仲間と体操を続けたい (no topic: the
    activity at the service is the wish)."""
    args = _arguments(toks, a, ti)
    topic = [x for x in args if x[2] == "は" and not _mentions(toks, x[0], x[1], lx.services)]
    place = [x for x in args if x[2] == "で" and _mentions(toks, x[0], x[1], lx.services)]
    return bool(topic and place) and len(args) == 2 and topic[0][0] < place[0][0]


def _causative(toks: Toks, i: int) -> bool:
    """食べさせて｜ほしい, 入らせて｜もらいたい: the other makes or lets the person act — help, not a wish about the
    other's own doing (家族に食べてもらいたい)."""
    k = i - 2
    while k >= 0 and toks[k].pos == "助動詞":
        if toks[k].lemma in ("せる", "させる"):
            return True
        k -= 1
    return False


def _watching(toks: Toks, i: int) -> bool:
    """見て｜て／見て｜いて before the benefactive at i (見ててもらいたい, 見ていてほしい): to be watched over (見守り),
    not 見る for oneself (写真を見てもらいたい)."""
    k, progressive = i - 2, False
    while k >= 1 and (toks[k].lemma in ("てる", "居る", "いる") or toks[k].surface in ("て", "で")):
        progressive = progressive or toks[k].lemma in ("てる", "居る", "いる")
        k -= 1
    return progressive and k >= 0 and toks[k].lemma in ("見る", "看る")


def _done_by_self(toks: Toks, spans, i: int, lx: Lexicon) -> bool:
    """自分で／一人で directly before the asked verb (…自分でやって｜もらいたい): the act wished for is the person's
    own. Not 自分でできない所を手伝ってほしい, where 自分で belongs to another verb."""
    a, _b = clause_of(spans, i)
    for k in range(a, i):
        if lx.self_words.has(toks[k]) and k + 1 < i and toks[k + 1].surface == "で":
            verbs = [j for j in range(k + 2, i) if toks[j].pos == "動詞" and toks[j].lemma not in ("為る",)]
            return len(verbs) == 1 or (len(verbs) == 0 and any(toks[j].pos2 == "普通名詞" for j in range(k + 2, i)))
    return False


# verbs that arrange something rather than do it (…の利用を検討したい, …を申し込みたい)
_ARRANGING = {"検討", "考える", "申請", "申し込む", "申込む", "相談", "手配", "お願い", "頼む"}


_VISIT_FOR = {"遊ぶ", "会う", "見る", "話す", "泊まる", "顔"}


def _visit(toks: Toks, k: int) -> bool:
    """The verb before …て at k+1 is 来る／行く for a visit (遊びに来て, 会いに来て, 顔を見に来て)."""
    while k >= 0 and (toks[k].pos == "助動詞" or toks[k].lemma == "為る"):
        k -= 1
    if k < 2 or toks[k].lemma not in ("来る", "行く") or toks[k - 1].surface != "に":
        return False
    return toks[k - 2].lemma in _VISIT_FOR


def _conditional_after(toks: Toks, i: int) -> bool:
    """…てもらえると／てもらえれば／てくれたら (then 助かる, 嬉しい, と思う): a request said softly."""
    if not (i > 0 and toks[i - 1].surface in ("て", "で")) or _negated_after(toks, i):
        return False
    for t in toks[i + 1:i + 3]:
        if t.surface in ("と", "ば", "たら", "なら", "れば"):
            return True
        if t.pos != "助動詞":
            return False
    return False


_PREFERRED = _GLAD | {"安心", "楽", "一番"}


def _preferred(toks: Toks, i: int) -> bool:
    """…てもらう｜のが｜安心／いい／助かる: having it done is what is preferred (a request said as an evaluation)."""
    if not (i > 0 and toks[i - 1].surface in ("て", "で")) or _negated_after(toks, i):
        return False
    k = i + 1
    while k < len(toks) and toks[k].pos == "助動詞":
        k += 1  # もらえ｜た
    return k + 2 < len(toks) and toks[k].surface == "の" and toks[k + 1].surface in ("が", "は") \
        and toks[k + 2].lemma in _PREFERRED and not _negated_after(toks, k + 2)


def _ends_with(toks: Toks, k: int, sets: tuple[WordSet, ...]) -> bool:
    """The noun phrase that ends just before token k ends in a word of one of the sets (訪問介護の｜ヘルパーが)."""
    for j in range(max(0, k - 4), k):
        if any((n := ws.at(toks, j)) and j + n == k for ws in sets):
            return True
    return False


def _object_mentions(toks: Toks, v: int, sets: tuple[WordSet, ...]) -> bool:
    """The …を／…の phrase before the verb at v (within its clause) mentions a word of one of the sets."""
    k = v - 1
    while k >= 0 and (toks[k].pos == "助動詞" or toks[k].lemma == "為る"):
        k -= 1
    if k < 0 or toks[k].surface not in ("を", "に", "も"):
        return False
    start = k
    while start > 0 and not (toks[start - 1].pos == "補助記号" or
                             (toks[start - 1].pos == "助詞" and toks[start - 1].surface not in ("の", "・", "や"))):
        start -= 1
    return any(ws.at(toks, j) for ws in sets for j in range(start, k))


def _mentions_past_service(toks: Toks, s: int, e: int) -> bool:
    """デイサービスの帰りに寄っていた喫茶店: the service only qualifies another noun (…の帰り, …の頃)."""
    names = [k for k in range(s, e) if toks[k].pos in ("名詞", "接尾辞")]  # ショートステイ｜中 (Sudachi: a suffix)
    return bool(names) and toks[names[-1]].lemma in ("帰り", "頃", "後", "前", "時", "日", "途中", "仲間", "友人", "友達",
                                                     "中", "間")  # ショートステイ中も: a time, not the service used


def _quote_clause(toks: Toks, spans, i: int) -> str:
    a, b = clause_of(spans, i)
    return span_text(toks, a, b).rstrip("、。")


_SERVICE_DONE = {"行う", "実施", "為る"}  # a service as the object of a light verb: 住宅改修を行う, 浴室の住宅改修をする


def _service_clause(toks: Toks, a: int, b: int, lx: Lexicon) -> int | None:
    """Index of a verb (or サ変名詞) in [a, b) that makes a service the thing done: デイサービスに通う,
    通所介護を継続利用する, ショートステイの定期利用 — not デイサービスで体操する, 通っていた頃."""
    for v in range(a, b):
        t = toks[v]
        if not (lx.service_verbs.has(t) or t.lemma in _SERVICE_DONE):
            continue
        n = lx.services.at(toks, v)
        if n > 1 or (n == 1 and not (v + 1 < b and toks[v + 1].lemma in ("為る", "出来る"))):
            continue  # the service's own name (通所介護), not the verb 通所する
        nxt = _next_word(toks, v, b)
        if nxt is not None and toks[nxt].pos == "名詞" and toks[nxt].lemma not in ("事", "こと", "の") \
                and (t.form.startswith("連体形") or t.pos == "名詞"):
            continue  # relative clause: デイサービスに通う日, 通所した後
        if t.pos == "動詞" and v + 2 < len(toks) and toks[v + 1].surface in ("て", "で") \
                and toks[v + 2].lemma in ("居る", "いる") and any(x.surface == "た" for x in toks[v + 3:v + 5]):
            continue  # past: 通っていた
        for s, e, p in _arguments(toks, a, v):
            if t.lemma == "受ける" and e > s and lx.care_acts.has(toks[e - 1]):
                continue  # ヘルパーの援助を受ける: the provider's act (provider_acts), not the use of a service
            if t.lemma in _SERVICE_DONE and p != "を":
                continue  # 住宅改修を行う／をする is the service done; ヘルパーが調理を行う is the provider's act (TX403)
            if _mentions(toks, s, e, lx.services) and p in ("に", "へ", "を", "が", "は", "も", "の", "") \
                    and not _mentions_past_service(toks, s, e):  # ショートステイ中も…行ける: a time, not the use
                if p == "" and e != v:
                    continue
                return v
    return None


# using a thing (福祉用具を適切に使用する, 電動ベッドを使用する): like the use of a service
_USING = {"使う", "使用", "利用", "活用"}


# buying obtains a thing of the equipment list (入浴用の椅子を買う) — not goods (日用品を買える is shopping), and it is not
# an obtain verb of the requests (自分で選んだ物を買って食べたい is the person's own act)
_SHOPPING = {"買う", "買い求める"}


def _thing(toks: Toks, s: int, e: int, lx: Lexicon, heads: bool = True) -> bool:
    """The noun phrase [s, e) names a thing one obtains: a word of the equipment list, or (``heads``) a compound headed
    by 器・機・具・装置・用品 (吸引器, 段差解消機, 自助具, 緊急通報装置, 介護用品)."""
    from xl_careplan.text.lexicon import EQUIPMENT_HEADS

    if _mentions(toks, s, e, lx.equipment):
        return True
    return heads and e > s and toks[e - 1].pos in ("名詞", "接尾辞") and _compound(toks, e - 1).endswith(EQUIPMENT_HEADS) \
        and len(_compound(toks, e - 1)) > 1


def _obtain_clause(toks: Toks, a: int, b: int, lx: Lexicon) -> tuple[int, bool] | None:
    """(index, obtaining) of a verb in [a, b) that makes a thing the goal: obtaining it (車いすをレンタルする,
    介護ベッドを導入する, 手すりを取り付ける, 補聴器を購入する, 介護用品を揃える) or using it (電動ベッドを使用する).
    Not a relative clause (レンタルした車いすで) nor the past."""
    for v in range(a, b):
        t = toks[v]
        obtaining = lx.obtain_verbs.has(t) or t.lemma in _SHOPPING
        if not (obtaining or t.lemma in _USING):
            continue
        nxt = _next_word(toks, v, b)
        if nxt is not None and toks[nxt].pos == "名詞" and toks[nxt].lemma not in ("事", "こと", "の") \
                and (t.form.startswith("連体形") or t.pos == "名詞"):
            continue  # relative clause: レンタルした車いす, 設置した手すり
        if _past(toks, v):
            continue
        for s, e, p in _arguments(toks, a, v):
            if p in ("を", "が", "の", "") and (p != "" or e == v) and toks[e - 1].lemma not in _IDIOM_OBJECTS \
                    and _thing(toks, s, e, lx, heads=t.lemma not in _SHOPPING):
                return v, obtaining
    return None


def _measured_self_act(toks: Toks, a: int, b: int, lx: Lexicon) -> bool:
    """[a, b) says how the person acts with the thing: by themselves (自分で, 一人で) or how much (週2回, 100m)."""
    from xl_careplan.text.lexicon import MEASURES

    return any(lx.self_words.has(toks[k]) or toks[k].pos2 == "数詞" or toks[k].lemma in MEASURES for k in range(a, b))


def _thing_goal(toks: Toks, a: int, b: int, got: tuple[int, bool], is_vague, is_concrete, lx: Lexicon) -> bool:
    """Is the thing obtained or used at got[0] the goal? Using it is, unless the person does it by themselves or
    by measure (ポータブルトイレを自分で使える) or a concrete end follows (歩行器を使い｜バス停まで歩ける); obtaining it is,
    unless what follows says the person's act by themselves or by measure (手すりを設置し、一人で浴槽をまたげる —
    not 車いすを借りて｜外出する, 特殊寝台を導入し、起き上がりが楽になる)."""
    v, obtaining = got
    e = _next_word(toks, v, len(toks))
    while e is not None and e < len(toks) and (toks[e].pos in ("助詞", "補助記号") or not toks[e].content):
        e += 1
    if e is None or e >= len(toks):
        return obtaining or not _measured_self_act(toks, a, b, lx)  # the thing ends the goal
    rest_text = span_text(toks, e, len(toks))
    if is_vague(rest_text) or not is_concrete(rest_text):
        return True
    return obtaining and not _measured_self_act(toks, e, len(toks), lx)


def _service_place_only(toks: Toks, a: int, b: int, lx: Lexicon) -> bool:
    """The clause has a service as its place (ショートステイで｜穏やかに過ごせる, デイで楽しく過ごす): with nothing
    observable after it (checked by the caller), being at the service is the goal."""
    return any(p == "で" and _mentions(toks, s, e, lx.services) and not _mentions_past_service(toks, s, e)
               for s, e, p in _arguments(toks, a, b))


def _next_word(toks: Toks, v: int, b: int) -> int | None:
    """The token after the verb at v and its auxiliaries (する, できる, れる) within [v, b)."""
    k = v + 1
    while k < b and (toks[k].pos == "助動詞" or toks[k].lemma in ("為る", "出来る")):
        k += 1
    return k if k < b else None


def service_goal(text: str, lx: Lexicon, is_vague, is_concrete=lambda _t: True) -> str | None:
    """A goal that is the use of a service: the service clause is the last one, or what follows it names
    nothing observable (ヘルパーを利用して在宅生活を送る). Service as a means to a concrete end is fine."""
    toks = analyse(text)
    spans = clauses(toks)
    for n, (a, b) in enumerate(spans):
        v = _service_clause(toks, a, b, lx)
        got = _obtain_clause(toks, a, b, lx) if v is None else None
        if v is None and got is None:
            continue
        if got is not None:
            if _thing_goal(toks, a, b, got, is_vague, is_concrete, lx):
                return span_text(toks, a, b).rstrip("、。")
            continue
        rest = spans[n + 1:]
        if not rest:
            return span_text(toks, a, b).rstrip("、。")
        rest_text = span_text(toks, rest[0][0], rest[-1][1])
        if is_vague(rest_text) or not is_concrete(rest_text):
            return span_text(toks, a, b).rstrip("、。")  # 継続して｜利用できる: nothing follows but more of the same
    if spans and is_vague(text) and _service_place_only(toks, *spans[-1], lx):
        return span_text(toks, *spans[-1]).rstrip("、。")
    return None


def service_use_only(text: str, lx: Lexicon) -> bool:
    """Every clause speaks of the service or thing used (通所リハに意欲的に参加する; 通所介護に慣れて｜楽しく通える):
    what is vague is how the service is used, and the advice is TX402's (the use is the goal), not TX404's. Not
    ヘルパーを利用して｜在宅生活を送る, whose second clause is a life of its own said vaguely."""
    toks = analyse(text)
    return all(any(lx.services.at(toks, k) or (lx.service_verbs.has(toks[k]) and toks[k].lemma not in _ASPECT)
                   or lx.obtain_verbs.has(toks[k]) or lx.equipment.at(toks, k) for k in range(a, b)) for a, b in clauses(toks))


_ASPECT = {"続ける", "継続"}  # 在宅生活を続ける: the verb of any life, not of a service


def provider_acts(text: str, lx: Lexicon, is_vague) -> str | None:
    """A goal whose action is someone else's: …してもらう／していただく, 介助を受ける, 介助で／により,
    ヘルパーが…する, 代行. Not when that help is limited (…のみヘルパーが) or accompanies what the user
    does (手伝ってもらいながら自分で掃除を続ける, 見守りを受けながら一人でシャワー浴ができる)."""
    toks = analyse(text)
    spans = clauses(toks)

    def user_part_after(i: int) -> bool:
        """Does the phrase, after token i, say something concrete the user does?"""
        a, b = clause_of(spans, i)
        later = [s for s in spans if s[0] >= b]
        if not later:
            return False
        rest = span_text(toks, later[0][0], later[-1][1])
        return not is_vague(rest) and any(toks[k].content for s in later for k in range(*s))

    def accompanied(i: int) -> bool:
        """…ながら (with the user acting) or an explicit self (自分で／一人で) in what follows."""
        _a, b = clause_of(spans, i)
        conj = toks[b - 1].surface if b else ""
        if conj in ("ながら", "つつ") or (b < len(toks) and toks[b - 1].surface == "、" and b >= 2 and toks[b - 2].surface == "ながら"):
            return user_part_after(i)
        return any(lx.self_words.has(toks[k]) for k in range(b, len(toks))) and user_part_after(i)

    def limited(i: int) -> bool:
        a, b = clause_of(spans, i)
        return any(lx.limiters.at(toks, k) for k in range(a, b))

    for i, t in enumerate(toks):
        hit = None
        if t.lemma in _BENEFACTIVE and i > 0 and toks[i - 1].surface in ("て", "で"):
            if not _honorific_request(toks, spans, i, lx):
                hit = i  # してもらう, していただく, させてもらう
        elif _aimed_help(toks, i, lx) or _final_help(toks, i, lx):
            hit = i  # …できるよう支援する, 洗身を介助する, 見守りを行う, 食事を提供する: the provider acts
        elif t.lemma == "受ける" and _received_act(toks, i, lx):
            hit = i  # 介助を受ける, 支援を継続して受けられる
        elif lx.care_acts.has(t) and t.lemma != "ケア" and i + 1 < len(toks) and \
                (toks[i + 1].surface in ("により", "によって", "で") or
                 (toks[i + 1].surface == "に" and i + 2 < len(toks) and toks[i + 2].lemma in ("依る", "よる"))):
            if not any(lx.joint.has(x) for x in toks[max(0, i - 2):i]) and i not in lx.services.covered(toks):
                hit = i  # 介助により移乗する, ヘルパーの介助で入浴する (not 通所介護で: a service named as the place)
        elif t.lemma in ("代行", "代わり", "代理", "代わる"):
            if not (t.lemma == "代わり" and i > 0 and toks[i - 1].surface == "の" and not _ends_with(toks, i - 1, (lx.providers,))):
                hit = i  # not 正座の代わりに椅子を使って: a thing replaced by another, nobody acting for the user
        elif (pn := lx.providers.at(toks, i)) and i + pn < len(toks) and toks[i + pn].surface in ("が", "は"):
            a, b = clause_of(spans, i)

            def acts_in(b: int) -> bool:
                return any(toks[k].pos == "動詞" or (toks[k].pos2 == "普通名詞" and k + 1 < b and toks[k + 1].lemma == "為る")
                           for k in range(i + pn + 1, b))
            if not acts_in(b) and b < len(toks) and toks[b - 1].surface == "、":
                b = _sentence_end(toks, b)  # 長女が毎晩、夕食を作る: the subject's predicate comes after the comma
            if acts_in(b) and not (lx.family.at(toks, i) and _able(toks, a, _sentence_end(toks, b))):
                hit = i  # ヘルパーが調理を行う (not 介護者が休息の時間を持てる: the family's own goal)
        elif lx.providers.at(toks, i) and _provider_means(toks, i + lx.providers.at(toks, i), lx):
            hit = i  # ヘルパーによる調理で, 看護師の服薬管理で, 家族の協力で
        if hit is None or limited(hit) or accompanied(hit):
            continue
        return _quote_clause(toks, spans, hit)
    return None


_E_TO_U = dict(zip("えけげせてねべめれ", "うくぐすつぬぶむる"))


def _sentence_end(toks: Toks, b: int) -> int:
    """The end of the sentence the clause ending at b belongs to: the subject of a clause continued by 、 or て
    (妻が介護方法を覚え、…移乗を手伝える; 家族が安心して看取りができる) governs the predicate that ends it."""
    k = b
    while k < len(toks) and toks[k].surface != "。":
        k += 1
    return k


def _able(toks: Toks, a: int, b: int) -> bool:
    """The clause [a, b) ends in what its subject can do: …できる, …られる／れる, or a potential verb (持てる,
    付き添える — Sudachi gives the 五段 verb as its normalised form; written in kana, もてる is read as a verb of its
    own, so the clause is read again with the 五段 verb its stem would give)."""
    for k in range(b - 1, a - 1, -1):
        t = toks[k]
        if t.pos == "助動詞" and t.lemma in ("れる", "られる"):
            return True
        if t.pos != "動詞":
            if t.content:
                return False
            continue
        if t.lemma in ("出来る", "できる"):
            return True
        if not t.ctype.startswith("下一段") or len(t.base) < 2 or t.base[-2] not in _E_TO_U:
            return False
        if t.lemma != t.base:
            return True
        if not all("ぁ" <= ch <= "ん" for ch in t.base):
            return False  # 届ける, 付ける: a verb of its own written in kanji, not a potential read apart
        cand = t.base[:-2] + _E_TO_U[t.base[-2]]
        five = analyse(span_text(toks, a, k) + cand)  # in its own clause: もつ alone is read as a noun
        return bool(five) and five[-1].surface == cand and five[-1].pos == "動詞" and five[-1].ctype.startswith("五段")
    return False


# verbs of helping someone else that are not named 介助・支援 (…できるよう支える, 服薬を促す)
_HELPING = {"支える", "促す", "サポート", "補助", "援護"}


def _aimed_help(toks: Toks, i: int, lx: Lexicon) -> bool:
    """The phrase ends in help aimed at an outcome: …よう(に)、｜支援する／介助する／見守る (転倒しないよう見守る,
    安全に移動できるよう支援する). Whoever writes that acts for the user; the goal says what the helper does."""
    t = toks[i]
    if not (lx.care_acts.has(t) or lx.help_nouns.has(t) or t.lemma in _HELPING):
        return False
    if not _ends_phrase(toks, i):
        return False
    j = i - 1
    if j >= 1 and toks[j].surface in ("で", "を") and toks[j - 1].pos == "名詞":
        j -= 1  # …よう、チームで支える; …よう歩行訓練を支援する: who helps, or what the help is of
        while j >= 0 and (toks[j].pos in ("名詞", "接尾辞", "接頭辞") or
                          (toks[j].surface in ("の", "・") and j > 0 and toks[j - 1].pos in ("名詞", "接尾辞"))
                          or (toks[j].pos == "動詞" and toks[j].form.startswith("連用形") and j + 1 < i
                              and toks[j + 1].pos == "名詞")):
            j -= 1  # 浴槽の｜またぎ｜動作を
    while j >= 0 and (toks[j].pos == "補助記号" or toks[j].surface == "に"):
        j -= 1
    return j > 0 and toks[j].surface in ("よう", "様")


# verbs of giving something to the user (食事を提供する): what a provider does, never the user's act
_PROVIDING = {"提供"}
_DOING = {"行う", "実施"}  # light verbs: 見守りを行う says 見守る


def _ends_phrase(toks: Toks, i: int) -> bool:
    """The word at i is the predicate that ends the phrase (only する／いたす and punctuation after it)."""
    return not (any(u.content and u.lemma not in ("為る", "致す", "頂く") for u in toks[i + 1:]) or
                any(u.pos == "補助記号" and u.pos2 not in ("句点", "読点", "括弧閉") for u in toks[i + 1:]))


def _final_help(toks: Toks, i: int, lx: Lexicon) -> bool:
    """The phrase ends in a helper's act on an object: …を｜介助する／支援する／提供する (入浴時の洗身を介助する,
    在宅生活を支援する, 食事を提供する), or a help noun done by a light verb (見守りを｜行う, 介助を｜実施する). The act
    that ends the goal is the helper's, whatever it is aimed at (…よう is _aimed_help)."""
    t = toks[i]
    if not _ends_phrase(toks, i) or i < 2 or toks[i - 1].surface != "を":
        return False
    if t.pos2 == "普通名詞" or t.pos == "動詞":
        if lx.care_acts.has(t) or t.lemma in _HELPING or t.lemma in _PROVIDING:
            return t.lemma != "ケア" and (i - 1) not in lx.services.covered(toks)
    if t.lemma in _DOING:
        k = i - 2
        return lx.care_acts.has(toks[k]) or lx.help_nouns.has(toks[k])
    return False


def _honorific_request(toks: Toks, spans, i: int, lx: Lexicon) -> bool:
    """…していただく said to the user (ご自分で朝食を用意していただく): いただく with nobody named to act (no …に／…が
    helper in the clause), no causative (入浴させていただく) and no care act as its verb."""
    if toks[i].lemma != "頂く":
        return False
    a, _b = clause_of(spans, i)
    k = i - 2
    while k >= a and (toks[k].pos == "助動詞" or toks[k].lemma == "為る"):
        if toks[k].lemma in ("せる", "させる"):
            return False
        k -= 1
    if k < a or lx.care_acts.has(toks[k]) or lx.help_nouns.has(toks[k]):
        return False
    return not any(lx.providers.at(toks, j) or (toks[j].surface == "に" and toks[j].pos2 == "格助詞" and j > a
                                                and toks[j - 1].pos in ("名詞", "代名詞", "接尾辞")
                                                and not _place_or_time(toks[j - 1])) for j in range(a, k))


def _place_or_time(t: Tok) -> bool:
    return t.pos2 in ("数詞",) or t.lemma in ("時", "日", "朝", "夜", "昼", "夕方", "毎日", "前", "後", "間", "家", "自宅", "部屋")


# what a provider does for the user, named as a noun (ヘルパーによる調理, 看護師の服薬管理, 家族の協力)
_PROVIDED = {"管理", "協力", "調理", "掃除", "洗濯", "買い物", "買物", "送り迎え", "運転", "処置", "介助", "介護", "援助", "支援",
             "手伝い", "世話", "代行", "送迎", "手助け", "配食"}


def _provider_means(toks: Toks, j: int, lx: Lexicon) -> bool:
    """After a provider ending at j: による／により＋an act, or の＋an act＋で／により — the provider's act is the
    means of the goal. Not an act done with the user (による見守り, の声かけで) nor a place or thing (娘の家で)."""
    n = len(toks)
    if j < n and toks[j].surface in ("により", "によって", "による"):
        k = j + 1
    elif j + 1 < n and toks[j].surface == "に" and toks[j + 1].lemma in ("依る", "よる"):
        k = j + 2
    elif j < n and toks[j].surface == "の":
        k = j + 1
        e = k
        while e < n and toks[e].pos in ("名詞", "接尾辞", "接頭辞"):
            e += 1
        if e == k or e >= n or toks[e].surface not in ("で", "により", "によって"):
            return False
        head = toks[e - 1]
        return head.lemma in _PROVIDED and not lx.joint.has(head)
    else:
        return False
    e = k
    while e < n and toks[e].pos in ("名詞", "接尾辞", "接頭辞"):
        e += 1
    return e > k and toks[e - 1].lemma in _PROVIDED and not lx.joint.has(toks[e - 1])


_SUFFIXES = ("的", "性", "面", "感", "化", "上")


def _received_act(toks: Toks, i: int, lx: Lexicon) -> bool:
    """受ける at i takes a care act as its object: 介助を受ける, 支援を継続して受けられる (the object may stand
    before a て-linked verb of continuing)."""
    return _received_object(toks, i, (lx.care_acts,))


def _received_object(toks: Toks, i: int, sets: tuple[WordSet, ...]) -> bool:
    """The object (…を) of the verb at i, possibly before a て-linked verb, is a word of one of the sets."""
    k = i - 1
    while k >= 1:
        t = toks[k]
        if t.surface == "を":
            return any(ws.has(toks[k - 1]) for ws in sets)
        if t.pos == "補助記号" or (t.pos == "助詞" and t.surface not in ("て", "で")):
            return False
        k -= 1
    return False


def concrete_tokens(toks: Toks, generic: WordSet, neutral: WordSet, extra_concrete: WordSet | None = None,
                    verbs: WordSet | None = None) -> tuple[list[int], list[int]]:
    """(concrete, generic) content-token indices: generic are in the generic list (or a generic word with a suffix:
    健康的), neutral words are neither. With ``verbs``, a verb is concrete only when it is in that list."""
    gen = generic.covered(toks)
    neu = neutral.covered(toks)
    forced = extra_concrete.covered(toks) if extra_concrete else set()
    concrete, general = [], []
    for i, t in enumerate(toks):
        if not t.content or (t.pos == "形容詞" and t.pos2 == "非自立可能"):
            continue  # ない／よい carry grammar (不安なく過ごせる is as vague as 安心して過ごせる)
        if i in forced:
            concrete.append(i)
        elif i in neu and i not in gen:
            continue
        elif i in gen or t.pos == "副詞" or (t.pos == "動詞" and t.pos2 == "非自立可能"):
            general.append(i)
        elif i in neu:
            continue
        elif len(t.surface) > 2 and t.surface.endswith(_SUFFIXES) and t.surface[:-1] in generic.single:
            general.append(i)  # 健康的, 衛生面
        elif verbs is not None and t.pos == "動詞" and not verbs.has(t):
            general.append(i)
        else:
            concrete.append(i)
    return concrete, general


def names_nothing_observable(text: str, generic: WordSet, neutral: WordSet, extra_concrete: WordSet | None = None,
                             verbs: WordSet | None = None) -> str | None:
    """The generic words of a phrase that names no concrete action, object or measurable state, or None.
    (ＡＤＬの維持・向上, 清潔を保つ, 在宅生活を継続できる; not 杖で300m歩ける, 体重が40kgを下回らない.)"""
    toks = analyse(text)
    concrete, general = concrete_tokens(toks, generic, neutral, extra_concrete, verbs)
    if concrete or not general:
        return None
    return "・".join(dict.fromkeys(toks[i].surface for i in general[:3]))


_PREVENT = {"予防", "防止", "防ぐ", "避ける", "回避"}


def prevention_only(text: str, generic: WordSet, neutral: WordSet) -> str | None:
    """A goal whose only concrete words are what it prevents (転倒を予防する, 閉じこもりの防止, 孤立を防ぐ): it
    names no act of the user and no measure, so nobody can say at the evaluation what was achieved. Returns
    the prevented phrase, or None."""
    toks = analyse(text)
    concrete, _general = concrete_tokens(toks, generic, neutral)
    stops = [i for i, t in enumerate(toks) if t.lemma in _PREVENT]
    if not concrete or not stops or any(t.pos2 == "数詞" for t in toks):
        return None
    objects: set[int] = set()
    for p in stops:
        k = p - 1
        if k >= 0 and toks[k].surface in ("を", "の"):
            k -= 1
        while k >= 0 and (toks[k].pos in ("名詞", "接尾辞", "接頭辞") or
                          (toks[k].pos == "動詞" and toks[k].form.startswith("連用形")) or  # 閉じこもり
                          (toks[k].surface == "の" and k > 0 and toks[k - 1].pos == "名詞")):
            objects.add(k)
            k -= 1
    if not set(concrete) <= objects:
        return None
    return "・".join(dict.fromkeys(toks[i].surface for i in concrete[:3]))


_NEGATION = {"ない", "無い", "ず", "ぬ"}


def _avoided_as_manner(toks: Toks, i: int) -> bool:
    """The word at i is what the life is to be without, said as a manner (転倒｜なく, 転ば｜ずに, 事故｜なく,
    共倒れ｜しない｜ように): it names a risk, not an act or a measure (that is 「3か月転倒しない」, with its number)."""
    k = i + 1
    if k < len(toks) and toks[k].surface in ("が", "も"):
        k += 1
    while k < len(toks) and (toks[k].lemma == "為る" or (toks[k].pos == "助動詞" and toks[k].lemma not in _NEGATION)):
        k += 1
    if k >= len(toks) or toks[k].lemma not in _NEGATION:
        return False
    neg = toks[k]
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is None:
        return False  # 転倒しない: the outcome itself, not a manner
    return neg.form.startswith("連用形") or nxt.surface in ("よう", "ように", "様", "で", "に", "、")


def avoided_only(text: str, generic: WordSet, neutral: WordSet) -> str | None:
    """A goal whose only concrete words are risks it is to be without, said as a manner, around a general life
    (転倒なく安全に生活できる, 転ばずに元気に暮らす, 事故なく在宅生活を送る): like 転倒を予防する it names no act of the user
    and no measure. Returns the general words, or None."""
    toks = analyse(text)
    concrete, general = concrete_tokens(toks, generic, neutral)
    if not concrete or not general or any(t.pos2 == "数詞" for t in toks):
        return None
    if not all(_avoided_as_manner(toks, i) for i in concrete):
        return None
    return "・".join(dict.fromkeys(toks[i].surface for i in general[:3]))


_BARE_ACT_VERBS = {"為る", "出来る", "できる", "続ける", "継続", "行う"}


def _manner(toks: Toks, i: int) -> bool:
    """The general word at i modifies what follows as a manner (安全｜に, 安心｜して, 無理｜なく, 楽しく)."""
    t = toks[i]
    if t.pos in ("副詞",) or (t.pos == "形容詞" and t.form.startswith("連用形")):
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and (nxt.surface in ("に", "なく") or nxt.lemma in ("無い", "為る"))


def manner_act_only(text: str, generic: WordSet, neutral: WordSet, self_words: WordSet) -> str | None:
    """A goal that is one act said as a noun (サ変可能: 入浴, 外出) qualified only by a manner (安全に入浴できる,
    安心して外出できる): the act is named, but not how often, where, with what or how far, so the manner is all that
    is to be evaluated. Not with a person who acts (自分で入浴できる), a number, a thing or a place. Returns the manner
    words, or None."""
    toks = analyse(text)
    concrete, general = concrete_tokens(toks, generic, neutral)
    if not concrete or not general or any(t.pos2 == "数詞" or t.lemma in _BENEFACTIVE for t in toks):
        return None
    if any(toks[i].pos != "名詞" or toks[i].pos3 != "サ変可能" for i in concrete):
        return None
    first, last = concrete[0], concrete[-1]
    if any(i > first or self_words.has(toks[i]) or not _manner(toks, i) for i in general):
        return None
    gen, conc = set(general), set(concrete)
    if any(t.content and k not in gen and k not in conc and t.lemma not in _BARE_ACT_VERBS for k, t in enumerate(toks)):
        return None  # anything else named (デイで, 見守りのもと, 夜間) makes it particular
    if any(toks[k].content and toks[k].lemma not in _BARE_ACT_VERBS for k in range(last + 1, len(toks))):
        return None
    return "・".join(dict.fromkeys(toks[i].surface for i in general[:3]))


def routine_only(text: str, generic: WordSet, neutral: WordSet, routines: WordSet, persons: WordSet) -> str | None:
    """A goal whose only concrete words are a care routine of health (lexicon ROUTINES), said to be continued, done or
    done well (服薬を継続できる, 薬をきちんと飲める, 安眠できる, 水分を十分にとれる, インスリン注射を続けられる): the act is
    named but not how often, how much, with what or by whom, so nothing can be evaluated. Not with a number, a time, a
    place, a thing or a person — ``persons``: the user, family, providers, services and their help (自分で服薬を続ける,
    家族の協力で入浴を続ける, 入浴介助を受けて清潔を保つ: who does it is said, TX402/TX403 speak of the rest). Returns the
    routine's words, or None."""
    toks = analyse(text)
    concrete, general = concrete_tokens(toks, generic, neutral)
    if not concrete or any(t.pos2 == "数詞" or t.lemma in _BENEFACTIVE for t in toks):
        return None
    if not set(concrete) <= routines.covered(toks):
        return None
    if persons.covered(toks):
        return None
    gen = set(general)
    if any(toks[k].content and k not in gen for k in range(concrete[0])):
        return None  # 事業所は安全に入浴できるよう支援する, 配食サービスを利用して食事をとる: whose act, which service (TX403, TX402)
    return "・".join(dict.fromkeys(toks[i].surface for i in concrete[:3]))


def act_state_only(text: str, generic: WordSet, neutral: WordSet) -> str | None:
    """A goal whose only concrete words are acts said as nouns (サ変可能: 服薬, 歩行, 食事) governed by a general
    word (服薬管理ができる, 歩行が安定する, 食事の管理ができる): it names the act but not what the user will do in it, how
    often or how well, so nobody can say at the evaluation whether it was met. Not with a number, a concrete verb or
    a thing (血圧が安定する names a measure; 杖で歩行が安定する names the means). Returns the general words, or None."""
    toks = analyse(text)
    concrete, general = concrete_tokens(toks, generic, neutral)
    if not concrete or not general or any(t.pos2 == "数詞" for t in toks):
        return None
    if any(toks[i].pos != "名詞" or toks[i].pos3 != "サ変可能" for i in concrete):
        return None
    gen = set(general)
    if any(toks[k].content and k not in gen for k in range(concrete[0])):
        return None  # 看護師が服薬を管理する, 訪問看護師に服薬管理をしてもらう: whose act it is decides (TX403)
    if any(t.lemma in _BENEFACTIVE for t in toks):
        return None
    for i in concrete:  # each act noun is in a noun phrase that a general word heads: 服薬｜管理, 歩行｜が｜安定
        k = i + 1
        while k < len(toks) and (toks[k].pos == "名詞" and k not in gen or toks[k].surface in ("の", "が", "を", "は")):
            if toks[k].pos == "名詞" and toks[k].content and k not in gen:
                break
            k += 1
        if k >= len(toks) or k not in gen:
            return None
    after = [i for i in general if i > max(concrete)]
    return "・".join(dict.fromkeys(toks[i].surface for i in after[:3])) if after else None


def has_cause(text: str, conditions: WordSet, links: WordSet) -> bool:
    """Does the need say why: a condition of body, mind or surroundings (膝の痛み, 一人暮らし), or a reason
    joined by ので／ため／により／から (the conjunction, not これから), or a clause that leads to another
    (除雪ができず、…; 妻に先立たれてから…). A need that is one bare statement of a problem (転倒の危険, ADL低下,
    体重が減ってきている) names the problem, not its cause, even when the problem is a condition word."""
    toks = analyse(text)
    if _reason_clause(toks) or _explained_difficulty(toks):
        return True
    named = _names_condition(toks, conditions, links)
    return named == "link" or (named == "condition" and not _bare_problem(toks))


def _content_after(toks: Toks, k: int) -> bool:
    return any(_meaningful(t) for t in toks[k + 1:])


def _meaningful(t: Tok) -> bool:
    """A content word that is not an auxiliary verb or adjective (いる, くる, ない)."""
    return t.content and not (t.pos in ("動詞", "形容詞") and t.pos2 == "非自立可能")


_DIFFICULT = {"難しい", "困難", "にくい", "辛い", "づらい", "大変", "不可", "出来る"}


def _explained_difficulty(toks: Toks) -> bool:
    """A clause continued in 連用形 (…しており、／…があり、／…して) followed by a difficulty (…できない, 取れない,
    困難, しにくい): the first clause explains the second (妻を介護しており、自分の通院の時間が取れない; an adjective's
    …く before the next clause's noun: 雪が多く冬は通院が大変)."""
    for d, t in enumerate(toks):
        negated_ability = t.lemma in ("ない", "無い", "ず") and t.pos == "助動詞" and d > 0 and toks[d - 1].pos == "動詞"
        if not (negated_ability or (t.lemma in _DIFFICULT and t.lemma != "出来る")):
            continue
        for b in range(1, d):
            u, nxt = toks[b], toks[b + 1]
            if u.pos in ("動詞", "形容詞", "助動詞") and u.form.startswith("連用形") \
                    and (nxt.surface == "、" or (u.pos == "形容詞" and u.surface.endswith("く") and nxt.pos == "名詞") or (nxt.surface in ("て", "で") and nxt.pos2 == "接続助詞"
                                                  and not (b + 2 < len(toks) and toks[b + 2].lemma in _AUX_AFTER_TE))) \
                    and any(_meaningful(x) for x in toks[:b]) and any(_meaningful(x) for x in toks[b + 2:d]):
                return True
    return False


def _reason_clause(toks: Toks) -> bool:
    """A clause that leads to another as its reason: a negation in 連用形 (できず、／行けなくて／通らなくなって),
    …てから (since something happened), a change of state that leads on (…くなり、／…になって／…になると)."""
    for k, t in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.surface == "ず" and t.pos == "助動詞" and not (nxt is not None and nxt.surface == "に") \
                and _content_after(toks, k):
            return True
        if t.lemma in ("ない", "無い") and t.pos in ("助動詞", "形容詞"):
            j = k + 1
            while j < len(toks) and toks[j].lemma in ("成る", "為る", "居る", "仕舞う"):
                j += 1  # 通らなく｜なって
            if j < len(toks) and toks[j].surface in ("て", "で", "、") and _content_after(toks, j):
                return True
            if t.pos == "形容詞" and j == k + 1 and j < len(toks) and toks[j].pos2 == "接続助詞" \
                    and toks[j].surface in ("が", "けど", "けれど", "けれども") and _content_after(toks, j):
                return True  # 自分の時間がないが、…: what is lacking is what stands in the way of what follows
        if t.surface == "から" and k > 0 and toks[k - 1].surface in ("て", "で") and _content_after(toks, k):
            return True
        if t.lemma == "成る" and _change_of_state(toks, k):
            j = k + 1
            while j < len(toks) and (toks[j].pos == "助動詞" or toks[j].lemma in ("居る", "仕舞う", "来る")):
                j += 1
            linked = t.form.startswith("連用形") or (j < len(toks) and toks[j].surface in ("て", "で", "、", "と", "ば", "ので"))
            if linked and _content_after(toks, j):
                return True  # 足元がおぼつかなくなり、…; 単身赴任になり、…; 冬になると…: a change that leads on
    return False


def _change_of_state(toks: Toks, k: int) -> bool:
    """なる at k after an adjective (弱く｜なる) or a noun (単身赴任に｜なる) — not …ように｜なる (an ability
    wished for or gained)."""
    if k < 1:
        return False
    prev = toks[k - 1]
    if prev.pos in ("形容詞", "助動詞") and prev.surface.endswith("く"):
        return True
    return prev.surface == "に" and k >= 2 and toks[k - 2].pos == "名詞" and toks[k - 2].surface not in ("よう", "様")


_PLACES = {"中", "内", "家", "自宅", "部屋", "外", "屋外", "屋内", "室内", "居間", "寝室", "トイレ", "浴室", "風呂", "台所",
           "玄関", "店", "道", "外出先", "病院", "施設"}


def _bare_problem(toks: Toks) -> bool:
    """One statement with no link to another: no て／で, no clause continued in 連用形 (…があり、…), no second
    clause — 転倒の危険, ADL低下, 体重が減ってきている, 服薬の飲み忘れがある."""
    for k, t in enumerate(toks):
        if t.surface in ("て", "で") and not (t.pos2 == "格助詞" and k > 0 and toks[k - 1].lemma in _PLACES):
            # 家の中で転ぶ: で of a place links nothing (膝関節症で…, で of a cause, does)
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if t.pos == "助詞" and t.pos2 == "接続助詞" and nxt is not None and nxt.lemma in _AUX_AFTER_TE:
                continue  # 減って｜きている: the same predicate
            return False
        if t.pos == "助詞" and t.pos2 == "接続助詞" and _content_after(toks, k):
            return False  # 腰痛があるが自分で…, 膝が痛いけど…
        if t.pos in ("動詞", "形容詞", "助動詞") and t.form.startswith("連用形") and _content_after(toks, k):
            return False
        if t.pos == "補助記号" and t.pos2 in ("読点", "句点") and _content_after(toks, k):
            return False
    return True


def _names_condition(toks: Toks, conditions: WordSet, links: WordSet) -> str | None:
    """"link" when a reason is joined by a link word (ので, ため, により, 接続助詞の から), else "condition" when
    a condition or an illness is named, else None."""
    named = None
    for i, t in enumerate(toks):
        if t.surface == "から":
            if t.pos2 == "接続助詞":
                return "link"
            continue
        if t.lemma in ("為", "ため") and i > 0:
            # cause (痛みのため, 低下したため, 好むため); purpose says ために (歩くために) — read as cause when unsure
            if not (i + 1 < len(toks) and toks[i + 1].surface == "に"):
                return "link"
            continue
        if links.at(toks, i):
            return "link"
        if conditions.at(toks, i):
            if not _averted(toks, i + conditions.at(toks, i)):
                named = "condition"
        elif t.pos in ("名詞", "接尾辞") and _DISEASE_RE.search(_compound(toks, i)):
            named = "condition"  # 高血圧症, 変形性膝関節症, 脊柱管狭窄｜症, 誤嚥性肺炎: illnesses named by their endings
        elif t.pos in ("名詞", "接尾辞") and _ends_in(_compound(toks, i), conditions):
            named = "condition"  # 尿失禁, 腰部痛み: a compound whose head is a condition
    return named


def _averted(toks: Toks, k: int) -> bool:
    """The condition ending before k is negated as an aim (転ば｜ないように, 転倒し｜ないよう, 痛ま｜ずに): what is to be
    avoided, not why there is a difficulty."""
    if k + 1 < len(toks) and toks[k].surface in ("が", "を") and toks[k + 1].pos == "動詞":
        k += 1  # 痛みが｜出ないように: the condition as the subject of the verb negated
    while k < len(toks) and (toks[k].pos == "動詞" and k > 0 and toks[k - 1].surface in ("が", "を")
                             or toks[k].lemma == "為る"
                             or (toks[k].pos == "助動詞" and toks[k].lemma not in ("ない", "無い", "ず", "ぬ"))):
        k += 1
    if k + 1 >= len(toks) or toks[k].lemma not in ("ない", "無い", "ず", "ぬ"):
        return False
    nxt = toks[k + 1]
    return nxt.surface in ("よう", "ように", "様") or (toks[k].surface == "ず" and nxt.surface == "に")


def _compound(toks: Toks, i: int) -> str:
    """The surface of the noun compound that ends at token i (脊柱｜管｜狭窄｜症 → 脊柱管狭窄症)."""
    a = i
    while a > 0 and toks[a - 1].pos in ("名詞", "接尾辞", "接頭辞") and toks[a - 1].pos2 != "数詞":
        a -= 1
    return span_text(toks, a, i + 1)


def _ends_in(compound: str, ws: WordSet) -> bool:
    """The compound ends in a word of the set of two characters or more, and is longer than it (尿失禁 → 失禁)."""
    return any(compound.endswith(w) for w in ws.single if 1 < len(w) < len(compound))


def activities(text: str, acts: dict[str, WordSet]) -> set[str]:
    toks = analyse(text)  # covered() is remembered per phrase: AS202 and TX409 ask again of the same goals and rows
    return {name for name, ws in acts.items() if ws.covered(toks)}


def mentions(text: str, ws: WordSet) -> bool:
    toks = analyse(text)
    return bool(ws.covered(toks))
