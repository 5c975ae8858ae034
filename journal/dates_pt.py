"""Portuguese dates, read as the English grammar of journal.dates reads them.

Both languages are always accepted, whatever the interface language (issue
19): a Brazilian typing "ontem à noite" in an English interface means it as
much as in a Portuguese one. Rather than a second grammar, the Portuguese
words are rewritten into the English phrase with the same meaning ("ontem à
noite" -> "yesterday night", "há 3 dias" -> "3 days ago", "20 de novembro" ->
"20 nov"), and journal.dates applies its one strict grammar to the result.
So every rule of that grammar (no guessing, ambiguity is an error, future
encounters are refused) holds for Portuguese too, and anything the rewrite
does not turn into English stays outside the grammar and is refused.

The rewrites are whole phrases, never single words out of context, because a
few Portuguese words are English grammar words with another meaning: "ago"
(August), "a" ("à", not "one"), "as" ("às"), "set", "out", "mar". Input is
folded for case and accents first ("Amanhã" is "amanha").
"""
from __future__ import annotations

import re
import unicodedata

# Weekdays: full names (with or without "-feira") and the usual abbreviations.
_WEEKDAYS = {
    "segunda": "mon", "seg": "mon",
    "terca": "tue", "ter": "tue",
    "quarta": "wed", "qua": "wed",
    "quinta": "thu", "qui": "thu",
    "sexta": "fri", "sex": "fri",
    "sabado": "sat", "sab": "sat",
    "domingo": "sun", "dom": "sun",
}
_MONTHS = {
    "janeiro": "jan", "jan": "jan",
    "fevereiro": "feb", "fev": "feb",
    "marco": "mar", "mar": "mar",
    "abril": "apr", "abr": "apr",
    "maio": "may", "mai": "may",
    "junho": "jun", "jun": "jun",
    "julho": "jul", "jul": "jul",
    "agosto": "aug", "ago": "aug",
    "setembro": "sep", "set": "sep",
    "outubro": "oct", "out": "oct",
    "novembro": "nov", "nov": "nov",
    "dezembro": "dec", "dez": "dec",
}
_UNITS = {
    "minuto": "minutes", "minutos": "minutes", "min": "minutes", "mins": "minutes",
    "hora": "hours", "horas": "hours", "h": "hours",
    "dia": "days", "dias": "days",
    "semana": "weeks", "semanas": "weeks",
    "mes": "months", "meses": "months",
}
# Parts of the day, as journal.dates names them (and times them).
_PARTS = {"manha": "morning", "tarde": "afternoon", "noite": "night"}
_MEALS = {"cafe da manha": "breakfast", "almoco": "lunch", "jantar": "dinner"}


def _alternatives(words) -> str:
    # Longest first, so that "sexta" is tried before "sex".
    return "|".join(sorted(words, key=len, reverse=True))


_WD = _alternatives(_WEEKDAYS)
_NUMBER = r"(?P<n>\d{1,4}|uma?)"
_UNIT = rf"(?P<unit>{_alternatives(_UNITS)})"
_MONTH = _alternatives(_MONTHS)


def _fold(text: str) -> str:
    """Without accents and in lower case: "Amanhã" -> "amanha".

    Canonical decomposition only (NFD, not journal.names.fold's NFKD): the
    compatibility one would turn a full-width "８" into "8", widening the
    grammar to digits it refuses on purpose.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _weekday(m: re.Match[str]) -> str:
    return _WEEKDAYS[m["wd"]]


def _count(m: re.Match[str]) -> str:
    n = m["n"]
    return "a" if n in ("um", "uma") else n


def _unit(m: re.Match[str]) -> str:
    return _UNITS[m["unit"]]


def _date(m: re.Match[str]) -> str:
    text = f"{int(m['day'])} {_MONTHS[m['month']]}"
    return f"{text} {m['year']}" if m["year"] else text


_WD_STEMS = (" seg", " ter", " qua", " qui", " sex", " sab", " dom")  # every weekday word starts so
_MONTH_STEMS = (" jan", " fev", " mar", " abr", " mai", " jun", " jul", " ago", " set", " out", " nov", " dez")

# (words one of which the text must hold, pattern, replacement), applied in
# order to the folded text. Each pattern is a whole phrase; \b keeps "sexta"
# from matching inside another word. The words spare English text the
# compiling of patterns that cannot match it (all of them took 8 ms): they are
# looked for in " " + text + " " with hyphens as spaces, so " ter" is a word
# starting with "ter" ("terça", not "yesterday") and " a " the word "a".
_RULES_SOURCE: tuple[tuple[tuple[str, ...], str, object], ...] = (
    # "segunda-feira", "sexta feira": the weekday.
    (("feira",), r"\b(segunda|terca|quarta|quinta|sexta)(?:-| )feira\b", r"\1"),
    # Before the words below take their parts: "café da manhã" is breakfast.
    ((" cafe", " almoco", " jantar"),
     rf"\b(?:(?:no|ao|na|pelo|pela|de|do|da|durante o|durante a) )?(?P<meal>{_alternatives(_MEALS)})\b",
     lambda m: _MEALS[m["meal"]]),
    ((" depois",), r"\bdepois de amanha\b", "in 2 days"),
    (("ontem",), r"\banteontem\b", "2 days ago"),
    (("ontem",), r"\bontem\b", "yesterday"),
    ((" hoje",), r"\bhoje\b", "today"),
    ((" amanha",), r"\bamanha\b", "tomorrow"),
    ((" agora",), r"\bagora\b", "now"),
    # Relative weeks and months.
    ((" semana",), r"\b(?:semana que vem|proxima semana)\b", "next week"),
    ((" semana",), r"\b(?:semana passada|ultima semana)\b", "last week"),
    ((" mes",), r"\b(?:mes que vem|proximo mes)\b", "next month"),
    ((" mes",), r"\b(?:mes passado|ultimo mes)\b", "last month"),
    # Relative weekdays: "sexta passada", "última sexta", "sexta que vem", "próxima sexta".
    (_WD_STEMS, rf"\b(?:(?:na|no) )?(?:ultima|ultimo) (?P<wd>{_WD})\b", lambda m: "last " + _weekday(m)),
    (_WD_STEMS, rf"\b(?:(?:na|no) )?(?P<wd>{_WD}) (?:passada|passado)\b", lambda m: "last " + _weekday(m)),
    (_WD_STEMS, rf"\b(?:(?:na|no) )?(?:proxima|proximo) (?P<wd>{_WD})\b", lambda m: "next " + _weekday(m)),
    (_WD_STEMS, rf"\b(?:(?:na|no) )?(?P<wd>{_WD}) que vem\b", lambda m: "next " + _weekday(m)),
    (_WD_STEMS, rf"\b(?:(?:na|no) )?(?P<wd>{_WD})\b", _weekday),
    # Counted offsets: "há 3 dias", "3 dias atrás", "daqui a 2 dias", "em 3 dias".
    ((" ha ",), rf"\bha {_NUMBER} ?{_UNIT}(?: atras)?\b", lambda m: f"{_count(m)} {_unit(m)} ago"),
    ((" atras",), rf"\b{_NUMBER} ?{_UNIT} atras\b", lambda m: f"{_count(m)} {_unit(m)} ago"),
    ((" daqui", " em ", " dentro"), rf"\b(?:daqui a|daqui|em|dentro de) {_NUMBER} ?{_UNIT}\b",
     lambda m: f"in {_count(m)} {_unit(m)}"),
    # Parts of the day: "de manhã", "à tarde", "hoje à noite", "ontem de noite".
    ((" manha", " tarde", " noite"), rf"\b(?:(?:de|a|pela|na|nesta|esta|essa|nessa) )?(?P<part>{_alternatives(_PARTS)})\b",
     lambda m: _PARTS[m["part"]]),
    # Times: "às 18h", "ao meio-dia", "18 horas", "18h30min".
    ((" meio",), r"\b(?:ao )?meio(?:-| )dia\b", "noon"),
    ((" meia",), r"\b(?:a )?meia(?:-| )noite\b", "midnight"),
    ((" as ", " a "), r"\b(?:as|a) (?=\d|noon|midnight)", "at "),
    (("horas", "hs"), r"\b(\d{1,2}) ?(?:horas|hs)\b", r"\1h"),
    (("min",), r"\b(\d{1,2})h(\d{2}) ?min\b", r"\1h\2"),
    # Dates: "20 de novembro", "20 nov", "1º de dezembro de 2025".
    (_MONTH_STEMS,
     rf"\b(?P<day>\d{{1,2}})(?:o|\u00ba)? (?:de )?(?P<month>{_MONTH})\.?(?: (?:de )?(?P<year>\d{{4}}))?\b", _date),
)
# Compiled at first use, one by one, as journal.dates' patterns are.
_compiled: dict[int, re.Pattern[str]] = {}


def to_english(text: str) -> str:
    """`text` (already lower-case and with single spaces) with its Portuguese phrases in English.

    English text comes back as it was, apart from accents; text in neither
    language comes back partly rewritten at most, and the grammar refuses it.
    """
    s = _fold(text)
    for i, (words, pattern, repl) in enumerate(_RULES_SOURCE):
        # Looked at again after each rule: a rule's output may hold another's words.
        padded = " " + s.replace("-", " ") + " "
        if not any(word in padded for word in words):
            continue
        compiled = _compiled.get(i)
        if compiled is None:
            compiled = _compiled[i] = re.compile(pattern, re.ASCII)
        s = compiled.sub(repl, s)
    return s
