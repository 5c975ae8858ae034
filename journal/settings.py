"""The user's settings: a small TOML file in the platform's config folder.

`settings.toml` lives in platformdirs' user config folder for "netjournal"
(~/.config/netjournal on Linux); NETJOURNAL_SETTINGS names another file (the
tests point it at a temporary one). It is read with tomllib and written with
tomli-w, atomically (a private temp file renamed over it), 0600 in a 0700
folder.

A settings file is a convenience, never a reason to stop: a file that is not
TOML, or a key with a value of the wrong kind, is reported (once, by the
caller) and ignored; the defaults stand in. Keys this version does not know
are kept when the file is written again, so a newer netjournal's settings
survive an older one. What tomli-w cannot keep are comments: a write drops
them. A file that cannot be read is never written over; the write is refused
with a message saying to fix or delete it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .i18n import _

ENV_VAR = "NETJOURNAL_SETTINGS"
FILE_NAME = "settings.toml"

START_SCREENS = ("auto", "agenda", "timeline")
PEOPLE_SORTS = ("name", "last_seen", "most_met", "overdue")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Nobody needs a cadence beyond a century; also keeps date arithmetic in range.
MAX_CADENCE_DAYS = 36500


@dataclass(frozen=True)
class Settings:
    theme: str | None = None  # a Textual theme name; None: Textual's default
    # 0 = Monday .. 6 = Sunday; None: the language's (journal.dates_out.first_weekday:
    # Monday in English, Sunday in pt-BR, from CLDR).
    first_weekday: int | None = None
    start_screen: str = "auto"  # auto: the Agenda when something is due today or overdue
    keep_in_touch_days: int = 30  # the cadence of people who have none of their own
    people_sort: str = "last_seen"
    lang: str | None = None  # e.g. "pt-BR": the command line's language, after --lang (journal.i18n.choose)
    # Keys this version does not know, kept as they were read.
    unknown: dict = field(default_factory=dict, compare=False)


KEYS = tuple(f.name for f in fields(Settings) if f.name != "unknown")


class SettingsError(Exception):
    """The settings file could not be written; the message says why and what to do."""


@dataclass
class Loaded:
    settings: Settings
    path: Path
    # One plain sentence per problem found; empty when the file was fine or absent.
    problems: list[str]
    # False when the file exists but is not TOML: it must not be written over.
    writable: bool = True


def settings_path() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    # Imported only when needed: a fifth of the command line's imports.
    import platformdirs

    return platformdirs.user_config_path("netjournal") / FILE_NAME


# ------------------------------------------------------------- checking


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _weekday(value):
    if _is_int(value) and 0 <= value <= 6:
        return value
    if isinstance(value, str):
        text = value.strip().casefold()
        for number, name in enumerate(WEEKDAYS):
            if text in (name, name[:3]):
                return number
    raise ValueError(_("a weekday: 0 (Monday) to 6 (Sunday), or its English name such as \"sunday\""))


def _choice(options):
    def check(value):
        if isinstance(value, str) and value in options:
            return value
        raise ValueError(_("one of {options}").format(options=", ".join(f'"{o}"' for o in options)))

    return check


def _cadence(value):
    if _is_int(value) and 1 <= value <= MAX_CADENCE_DAYS:
        return value
    raise ValueError(_("a whole number of days from 1 to {most}").format(most=MAX_CADENCE_DAYS))


def _text(value):
    if isinstance(value, str) and value.strip() and value.isprintable():
        return value.strip()
    raise ValueError(_("a non-empty text on one line"))


_CHECKS = {
    "theme": _text,
    "first_weekday": _weekday,
    "start_screen": _choice(START_SCREENS),
    "keep_in_touch_days": _cadence,
    "people_sort": _choice(PEOPLE_SORTS),
    "lang": _text,
}


def check_value(key: str, value):
    """The value as the settings hold it; ValueError says what `key` accepts."""
    return _CHECKS[key](value)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# -------------------------------------------------------------- reading


def _read_raw(path: Path) -> dict | None:
    """The parsed file; None if there is none. Raises ValueError/OSError when it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    # Imported only for a file that exists: the command line reads the settings
    # at every start (their lang), and tomllib costs 5 ms.
    import tomllib

    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError(_("it is not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(_("it is not valid TOML ({problem})").format(problem=exc)) from None


def load_settings(path: Path | None = None) -> Loaded:
    """The settings in `path` (default: settings_path()); never raises for a bad file."""
    path = path or settings_path()
    try:
        raw = _read_raw(path)
    except (ValueError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        problem = _("The settings file {path} could not be read: {reason}. The default settings are used until it is fixed or deleted.").format(
            path=path, reason=reason)
        return Loaded(Settings(), path, [problem], writable=False)
    if raw is None:
        return Loaded(Settings(), path, [])
    values: dict = {}
    problems: list[str] = []
    for key, value in raw.items():
        if key not in _CHECKS:
            continue
        try:
            values[key] = check_value(key, value)
        except ValueError as exc:
            problems.append(
                _("In the settings file {path}, {key} = {value} was ignored: it must be {rule}.").format(
                    path=path, key=key, value=_shown(value), rule=exc)
            )
    unknown = {key: value for key, value in raw.items() if key not in _CHECKS}
    return Loaded(Settings(**values, unknown=unknown), path, problems)


# -------------------------------------------------------------- writing


def update_settings(changes: dict, path: Path | None = None) -> Settings:
    """Write `changes` (key -> value; None removes the key) into the file; the settings now in force.

    The file is read again first, so that a change made meanwhile by hand or
    by another netjournal is kept, and so are keys this version does not
    know. Raises ValueError for a bad value (nothing is written) and
    SettingsError when the file cannot be read or written.
    """
    path = path or settings_path()
    checked = {key: None if value is None else check_value(key, value) for key, value in changes.items()}
    try:
        raw = _read_raw(path) or {}
    except (ValueError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SettingsError(
            _("The settings file {path} could not be read ({reason}), so it was not changed. Fix or delete it.").format(
                path=path, reason=reason)
        ) from None
    for key, value in checked.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    import tomli_w

    payload = tomli_w.dumps(raw).encode("utf-8")
    try:
        _write_private(path, payload)
    except OSError as exc:
        raise SettingsError(_("The settings file {path} could not be written: {reason}.").format(
            path=path, reason=exc.strerror or exc)) from None
    return load_settings(path).settings


def _write_private(path: Path, payload: bytes) -> None:
    from .durable import atomic_write_bytes, ensure_private_dir

    ensure_private_dir(path.parent)  # 0700 when netjournal creates it
    atomic_write_bytes(path, payload)  # a 0600 temp file, fsynced, renamed over it


def with_changes(settings: Settings, changes: dict) -> Settings:
    """`settings` with checked `changes` applied in memory (None restores the default)."""
    defaults = Settings()
    values = {
        key: getattr(defaults, key) if value is None else check_value(key, value) for key, value in changes.items()
    }
    return replace(settings, **values)
