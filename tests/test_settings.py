"""The settings file (journal/settings.py): defaults, damage, unknown keys, private atomic writes."""
from __future__ import annotations

import os
import stat
import tomllib

import pytest

from journal import settings as settings_module
from journal.settings import (
    Settings,
    SettingsError,
    load_settings,
    settings_path,
    update_settings,
    with_changes,
)


def test_tests_never_use_the_real_settings_file(settings_file):
    assert settings_path() == settings_file
    assert "config" in str(settings_file)


def test_without_platform_override_the_file_is_in_the_platforms_config_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv("NETJOURNAL_SETTINGS")
    assert settings_path() == platformdirs.user_config_path("netjournal") / "settings.toml"


def test_no_file_means_the_defaults_and_no_problem(settings_file):
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert loaded.problems == []
    assert loaded.settings.start_screen == "auto"
    assert loaded.settings.keep_in_touch_days == 30
    assert not settings_file.exists()


def test_every_key_is_read(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(
        'theme = "nord"\nfirst_weekday = "sunday"\nstart_screen = "timeline"\n'
        'keep_in_touch_days = 45\npeople_sort = "overdue"\nlang = "pt-BR"\n'
    )
    loaded = load_settings()
    assert loaded.problems == []
    assert loaded.settings == Settings(
        theme="nord", first_weekday=6, start_screen="timeline", keep_in_touch_days=45, people_sort="overdue", lang="pt-BR"
    )


def test_a_file_that_is_not_toml_is_reported_and_ignored(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('theme = "nord\nstart_screen = [')
    loaded = load_settings()
    assert loaded.settings == Settings()
    [problem] = loaded.problems
    assert str(settings_file) in problem
    assert "not valid TOML" in problem
    assert "default settings are used" in problem
    assert loaded.writable is False


def test_a_file_that_is_not_utf8_is_reported(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_bytes(b'theme = "\xff"\n')
    loaded = load_settings()
    assert loaded.settings == Settings()
    assert "not UTF-8" in loaded.problems[0]


def test_wrong_types_are_each_reported_and_the_good_keys_kept(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(
        'theme = 3\nfirst_weekday = 9\nstart_screen = "people"\nkeep_in_touch_days = true\n'
        'people_sort = "name"\nlang = ""\n'
    )
    loaded = load_settings()
    assert loaded.settings == Settings(people_sort="name")
    problems = "\n".join(loaded.problems)
    assert len(loaded.problems) == 5
    assert 'start_screen = \'people\' was ignored: it must be one of "auto", "agenda", "timeline"' in problems
    assert "keep_in_touch_days = True was ignored: it must be a whole number of days from 1 to 36500" in problems
    assert "first_weekday = 9 was ignored" in problems


def test_unknown_keys_are_kept_when_writing(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('future_key = "keep me"\ntheme = "nord"\n[colours]\naccent = "red"\n')
    loaded = load_settings()
    assert loaded.problems == []
    assert loaded.settings.unknown == {"future_key": "keep me", "colours": {"accent": "red"}}
    new = update_settings({"start_screen": "agenda"})
    assert new.start_screen == "agenda" and new.theme == "nord"
    on_disk = tomllib.loads(settings_file.read_text())
    assert on_disk == {"future_key": "keep me", "theme": "nord", "colours": {"accent": "red"}, "start_screen": "agenda"}


def test_a_write_keeps_keys_with_bad_values_it_does_not_change(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('first_weekday = 12\n')
    update_settings({"theme": "nord"})
    assert tomllib.loads(settings_file.read_text()) == {"first_weekday": 12, "theme": "nord"}


def test_writing_creates_a_private_folder_and_file(settings_file):
    update_settings({"theme": "gruvbox", "keep_in_touch_days": 14})
    assert stat.S_IMODE(os.stat(settings_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(settings_file.parent).st_mode) == 0o700
    assert load_settings().settings == Settings(theme="gruvbox", keep_in_touch_days=14)
    assert [p.name for p in settings_file.parent.iterdir()] == ["settings.toml"]  # no temp file left


def test_a_bad_value_is_refused_and_nothing_written(settings_file):
    with pytest.raises(ValueError, match="one of"):
        update_settings({"start_screen": "sideways"})
    assert not settings_file.exists()


def test_none_removes_a_key(settings_file):
    update_settings({"theme": "nord", "lang": "pt-BR"})
    update_settings({"lang": None})
    assert tomllib.loads(settings_file.read_text()) == {"theme": "nord"}


def test_a_file_that_is_not_toml_is_never_written_over(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text("this is [not toml")
    with pytest.raises(SettingsError, match="could not be read .* Fix or delete it"):
        update_settings({"theme": "nord"})
    assert settings_file.read_text() == "this is [not toml"


def test_a_failed_write_leaves_the_old_file(settings_file, monkeypatch):
    update_settings({"theme": "nord"})

    def full(path, payload):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(settings_module, "_write_private", full)
    with pytest.raises(SettingsError, match="No space left on device"):
        update_settings({"theme": "gruvbox"})
    assert load_settings().settings.theme == "nord"


def test_with_changes_checks_values_and_none_restores_the_default():
    current = Settings(start_screen="agenda")
    assert with_changes(current, {"first_weekday": "sun"}).first_weekday == 6
    assert with_changes(current, {"start_screen": None}).start_screen == "auto"
    with pytest.raises(ValueError):
        with_changes(current, {"keep_in_touch_days": 0})


def test_the_readmes_example_settings_file_is_read_without_a_problem(settings_file):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```toml\n(.*?)```", readme, re.S)
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(example)
    loaded = load_settings()
    assert loaded.problems == []
    assert set(tomllib.loads(example)) == set(settings_module.KEYS)
