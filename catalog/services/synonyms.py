"""How a citizen's question becomes what the catalog search looks for (pure Python once the table is read).

A question such as "làm sổ đỏ lần đầu cho mảnh đất nhà tôi" mixes three kinds of words:

* colloquial names, replaced by the official wording editors gave (`SearchSynonym`: "so do" →
  "giay chung nhan quyen su dung dat");
* context words ("cho con", "bị mất", "xin", "ở đâu", "nhà tôi"): they describe the citizen's situation, not
  the procedure, so they never veto a match; they still count in the ranking (a name that has them goes
  first). Grammar words are listed here; editors add their own as synonyms with no replacement;
* the words that say what the procedure is: every one of them must match (the last as a prefix).

"ở xã", "cấp tỉnh", "trung ương" are context too, and say which level the citizen wants: the ranking prefers
procedures at that level.

A context word that runs into a phrase of the names is no context ("làm căn cước": folded, "can" is "cần" and
"căn"; `search_rank.name_pair`). What the citizen says that names say otherwise ranks without being required
(`Analysed.qualifiers`): an age ("bé 8 tuổi" → "dưới 14 tuổi") and an editor's hint ("Hàn Quốc" → "nước
ngoài": names never cite the country).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.core.cache import cache

from catalog.models.search import SYNONYMS_CACHE_KEY, SearchSynonym
from catalog.parsing.text import fold

__all__ = ["FUNCTION_WORDS", "Analysed", "Hint", "analyse", "synonym_table", "without_function_words"]

# Words of how people ask, not of what they ask for (folded). Single words are only those whose folded form
# names nothing in a procedure's name ("do" may be "đỏ", "dang" is "đăng", "chi" is "chỉ", "de" is "đề").
CONTEXT_PHRASES = frozenset(
    {
        "xin hoi",
        "cho hoi",
        "cho toi hoi",
        "toi muon",
        "toi can",
        "lam the nao de",
        "lam sao de",
        "lam sao",
        "thu tuc",
        "can nhung giay to gi",
        "can giay to gi",
        "giay to gi",
        "can nhung gi",
        "can gi",
        "la gi",
        "nhu the nao",
        "the nao",
        "o dau",
        "lam o dau",
        "nop o dau",
        "mat bao lau",
        "bao lau",
        "bao nhieu tien",
        "bao nhieu",
        "co duoc khong",
        "duoc khong",
        "co can khong",
        "phai lam gi",
        "phai lam sao",
        "lam gi",
        # Typed on a phone ("vs": với, "nua": nữa); no name has either.
        "vs",
        "nua",
    }
)
# Words shortened on a phone, spelt out before anything else ("lm cccd cần giấy tờ j" is "làm … giấy tờ gì"); no
# name has any of them.
PHONE_SPELLINGS = {
    "ko": "khong",
    "kg": "khong",
    "hok": "khong",
    "lm": "lam",
    "j": "gi",
    "dc": "duoc",
    "ntn": "nhu the nao",
    "r": "roi",
    "mk": "minh",
    "bn": "bao nhieu",
}
# Who it is for and why: the citizen's situation. A phrase of these ranks a name that has it first.
SITUATION_PHRASES = frozenset(
    {
        "cho con",
        "cho toi",
        "cho minh",
        "cho em",
        "cho nguoi than",
        "cho bo",
        "cho me",
        "cho vo",
        "cho chong",
        "cho gia dinh",
        "nha toi",
        "nha minh",
        "cua toi",
        "cua minh",
        "bi mat",
        "moi mua",
        "moi sinh",
        "moi de",
        "toi",
        "em",
        "xin",
        "lam",
        "muon",
        "can",
        "thi",
        "khi",
        "nao",
        "gi",
        "khong",
        "vay",
        "a",
        "nhe",
        "duoc",
        "phai",
        "o",
        "cua",
        "roi",
        "bo em",
        "bo toi",
        "me em",
        "me toi",
        "di du lich",
        "ve nha chong",
        "ve nha vo",
        "ve que",
        "moi mat",
        "vua mat",
    }
)
# Level words: context, and the level the ranking prefers.
LEVEL_PHRASES = {
    "o xa": "commune",
    "cap xa": "commune",
    "tai xa": "commune",
    "o phuong": "commune",
    "tai phuong": "commune",
    "cap phuong": "commune",
    "o tinh": "province",
    "cap tinh": "province",
    "tai tinh": "province",
    "trung uong": "ministry",
    "cap bo": "ministry",
}
# Grammar words of a question, as typed with their marks (NFC, lower case): "vừa", "đã", "rồi" tell when or
# how, not what. Folded they may be names' words ("vừa" is "vữa", "rồi" is "rối"), so only a word typed with
# these marks is set apart (`without_function_words`). Left out: words with a meaning in names too ("mới",
# "không", "có", "sao" of "bản sao", "được"), and "đang", typed for "đăng" (đăng ký) as often as meant.
FUNCTION_WORDS = frozenset(
    {
        "vừa",
        "đã",
        "sẽ",
        "rồi",
        "nữa",
        "thì",
        "mà",
        "nhưng",
        "nếu",
        "vì",
        "nên",
        "cũng",
        "vẫn",
        "chưa",
        "này",
        "kia",
        "ấy",
        "nào",
        "gì",
        "ai",
        "đâu",
        "mấy",
        "những",
        "các",
        "cái",
        "tôi",
        "mình",
        "hôm",
        "bây",
        "giờ",
        "sắp",
        "lắm",
        "rất",
        "quá",
        "thế",
        "vậy",
        "ạ",
        "nhé",
        "ơi",
        "hả",
    }
)
_ASKING_PHRASES = CONTEXT_PHRASES | SITUATION_PHRASES
# The ages the law draws lines at in procedures' names ("trẻ em dưới 6 tuổi", "dưới 14 tuổi", "từ đủ 14 tuổi
# trở lên"): a citizen gives an age ("bé 8 tuổi"), the name a bracket. Beyond 120 a number is no age.
AGE_LINES = (6, 14, 16, 18)
MAX_AGE = 120
# "dưới 14 tuổi", "trên 18 tuổi", "đủ 14 tuổi": the citizen names the bracket, in the name's own words.
AGE_BRACKET_WORDS = frozenset({"duoi", "tren", "du", "qua"})
# "bé được 2 tuần", "ở nhờ vài đêm", "mất mấy ngày": how long, which no name says; context, never required.
DURATION_UNITS = frozenset({"ngay", "tuan", "thang", "nam", "gio", "hom", "dem"})
SOME = frozenset({"vai", "may", "mot", "hai", "ba"})
MAX_PHRASE_WORDS = 8
CACHE_SECONDS = 24 * 3600


class Hint(str):
    """A synonym's wording that ranks without being required (`SearchSynonym.Kind.HINT`): "han quoc" →
    "nuoc ngoai"."""

    __slots__ = ()


def synonym_table() -> dict[str, str]:
    """Folded colloquial term → folded official wording ("" for a context word, a `Hint` for a hint), as
    editors keep them.

    Read once per change: saving or deleting a synonym deletes the cached table (catalog.models.search)."""
    table = cache.get(SYNONYMS_CACHE_KEY)
    if table is None:
        rows = SearchSynonym.objects.filter(active=True).values_list("folded_term", "replacement", "kind")
        table = {}
        for term, replacement, kind in rows:
            wording = " ".join(fold(replacement).split())
            table[term] = Hint(wording) if kind == SearchSynonym.Kind.HINT and wording else wording
        cache.set(SYNONYMS_CACHE_KEY, table, CACHE_SECONDS)
    return table


@dataclass
class Analysed:
    required: list[str] = field(default_factory=list)  # must all match (the last as a prefix)
    ranked: list[str] = field(
        default_factory=list
    )  # the words that say what is asked, as the ranking weighs them
    context: list[str] = field(
        default_factory=list
    )  # situation phrases: they rank at half weight, never required
    level: str | None = None  # the level the citizen asked for, if any
    replaced: bool = False  # a synonym changed the question
    # The citizen's words a synonym replaced ("so do"), as typed: procedures whose aliases have them match too.
    colloquial: list[str] = field(default_factory=list)
    # The required words as the citizen typed them, before any replacement (empty when nothing was replaced).
    original: list[str] = field(default_factory=list)
    complete: bool = False  # the last required word is finished (not the last word typed, as typed)
    # What the citizen said that names say otherwise: an age's brackets ("8 tuổi" → "dưới 14 tuổi"), a hint's
    # wording ("Hàn Quốc" → "nước ngoài"). They rank at full weight, never required.
    qualifiers: list[str] = field(default_factory=list)
    # Editors' hints' wordings (among the qualifiers): what the question is about, in the names' words.
    hints: list[str] = field(default_factory=list)
    # The official wordings synonyms gave, one per colloquial term ("dang ky thanh lap ho kinh doanh").
    wordings: list[str] = field(default_factory=list)


def _names_a_pair(words: list[str], i: int, n: int, name_pair) -> bool:
    """The context phrase words[i:i+n] joins a neighbour into a pair that names use ("căn cước" in "làm căn
    cước": folded, "can" is also "cần"; "nhà ở" in "mua nhà ở xã hội"): then its words say what is asked."""
    # Only the word after: what comes before a context phrase ("nhận chìm | ở đâu") is the question's own.
    return name_pair is not None and i + n < len(words) and name_pair(f"{words[i + n - 1]} {words[i + n]}")


def _spelt_out(table: dict[str, str], word: str) -> str:
    """`word` in full when the table spells it out (an abbreviation: one word, replaced by official
    wording), else as it is."""
    replacement = table.get(word)
    return replacement if replacement and not isinstance(replacement, Hint) else word


def analyse(words: list[str], table: dict[str, str] | None = None, name_pair=None) -> Analysed:
    """Split folded words into required and context words, replacing colloquial terms (longest first).

    `name_pair(pair) -> bool`: whether names use that pair of words often; a context phrase that forms one
    with its neighbour is not context (`_names_a_pair`)."""
    table = synonym_table() if table is None else table
    words = [part for word in words for part in PHONE_SPELLINGS.get(word, word).split()]
    # Each word as a one-word synonym spells it out ("cty" → "cong ty"): a phrase of the table may hold
    # the words in full ("giải thể công ty") where the citizen abbreviated one of them.
    spelt = [_spelt_out(table, word) for word in words]
    out = Analysed()
    i = 0
    while i < len(words):
        if (
            words[i].isdigit()
            and words[i + 1 : i + 2] == ["tuoi"]
            and int(words[i]) <= MAX_AGE
            and (not i or words[i - 1] not in AGE_BRACKET_WORDS)
        ):
            # "8 tuổi" asks for "dưới 14 tuổi": the brackets the age falls in rank, the number is no word of
            # a name.
            age = int(words[i])
            out.qualifiers += [
                f"duoi {line} tuoi" if age < line else f"tu du {line} tuoi" for line in AGE_LINES
            ]
            out.complete = True
            i += 2
            continue
        if (
            (words[i].isdigit() or words[i] in SOME)
            and words[i + 1 : i + 2]
            and words[i + 1] in DURATION_UNITS
        ):
            out.context.append(f"{words[i]} {words[i + 1]}")
            out.complete = True
            i += 2
            continue
        for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + n])
            if phrase in table and not table[phrase] and _names_a_pair(words, i, n, name_pair):
                continue
            key = phrase
            if n > 1 and phrase not in table:
                in_full = " ".join(spelt[i : i + n])
                key = in_full if table.get(in_full) else phrase
            if key in table:
                replacement = table[key]
                if isinstance(replacement, Hint):
                    # "lấy chồng Hàn Quốc": names say "có yếu tố nước ngoài", not which country; both rank,
                    # neither is required.
                    out.context.append(phrase)
                    out.qualifiers.append(str(replacement))
                    out.hints.append(str(replacement))
                elif replacement:
                    out.wordings.append(replacement)
                    out.required += replacement.split()
                    out.ranked += replacement.split()
                    out.replaced = True
                    out.colloquial.append(phrase)
                    out.original += phrase.split()
                else:
                    # An editor's context word ("mất", "mua đất"): "Cấp lại … do bị mất" fits better.
                    out.context.append(phrase)
                break
            if phrase in LEVEL_PHRASES and words[i + n : i + n + 1] != ["hoi"]:
                # "nhà ở xã hội" (social housing) holds "ở xã" but names no commune.
                out.level = out.level or LEVEL_PHRASES[phrase]
                break
            if phrase in _ASKING_PHRASES and _names_a_pair(words, i, n, name_pair):
                continue
            if phrase in CONTEXT_PHRASES:
                break
            if phrase in SITUATION_PHRASES:
                # A phrase ("bị mất", "cho con") tells names apart when a name has it; a lone "ở" or "thì"
                # would only favour long names.
                if n > 1:
                    out.context.append(phrase)
                break
        else:
            n = 1
            out.required.append(words[i])
            out.ranked.append(words[i])
            out.original.append(words[i])
        out.complete = i + n < len(words) or not out.required or out.required[-1] != words[-1]
        i += n
    if not out.required:
        # Nothing but context ("thủ tục", "xin"): search for the words themselves rather than for nothing.
        out.required = list(words)
        out.ranked = list(words)
    if not out.replaced:
        out.original = []
    return out


def without_function_words(asked: Analysed, typed: dict[str, str], words: list[str]) -> Analysed:
    """`asked` without the required words the citizen typed as grammar words (`typed`: folded → as typed, see
    `search_rank.typed_accents`): "vợ tôi vừa sinh" requires neither "vua" nor "toi". Nothing is dropped
    when nothing would be left."""
    drop = {folded for folded, word in typed.items() if word in FUNCTION_WORDS}
    required = [w for w in asked.required if w not in drop]
    if not drop or not required or len(required) == len(asked.required):
        return asked
    return replace(
        asked,
        required=required,
        ranked=[w for w in asked.ranked if w not in drop],
        original=[w for w in asked.original if w not in drop],
        # The word typed last may be the one dropped: the last one kept is then finished.
        complete=asked.complete or required[-1] != words[-1],
    )
