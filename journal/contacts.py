"""A person's contact fields (emails, phones, links): cleaning, comparing, joining.

The same email means the same person, everywhere: the person form refuses
an email another person has, a merge of two copies joins people who share
one, and an imported vCard finds its person by email first. Emails compare
without case, phones by their digits (a leading + kept), links as typed.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .text import clean_line

# Deliberately loose: one @ with something on both sides and no spaces. Real
# address rules (quoted local parts, IDNs) are the mail server's business;
# this only catches a phone or a name typed in the wrong field.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def email_key(email: str) -> str:
    return clean_line(email).casefold()


def phone_key(phone: str) -> str:
    text = clean_line(phone)
    digits = "".join(ch for ch in text if ch.isdigit())
    return ("+" + digits) if text.startswith("+") and digits else digits


def link_key(link: str) -> str:
    return clean_line(link)


KEYS: dict[str, Callable[[str], str]] = {"emails": email_key, "phones": phone_key, "links": link_key}


def is_email(text: str) -> bool:
    return bool(_EMAIL.fullmatch(clean_line(text)))


def joined(field: str, *groups: Iterable[str]) -> list[str]:
    """The union of contact lists, in order, first spelling kept, cleaned; empty ones dropped."""
    key = KEYS[field]
    seen: dict[str, str] = {}
    for group in groups:
        for value in group:
            value = clean_line(value)
            k = key(value)
            if k and k not in seen:
                seen[k] = value
    return list(seen.values())


def email_keys(emails: Iterable[str]) -> set[str]:
    return {k for k in (email_key(e) for e in emails) if k}
