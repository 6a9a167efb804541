"""Drafts read as a press office writes: with no organisation set they still read naturally (no
"contacting Press Office", no doubled sign-off), a named office is thanked and signs, and mail in
a language the office does not write gets the fallback languages of the setting, English first
by default."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from mediadesk.settings import TEMPLATE_LANGUAGES, Settings, SettingsError, load_settings
from mediadesk.storage.db import engine_for, upgrade
from mediadesk.worker.drafting import create_draft
from mediadesk.worker.drafting.testing import inquiry_bytes, stand_in_from_bytes

TEMPLATES = Path(__file__).resolve().parents[1] / "worker" / "drafting" / "templates"
README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def session(tmp_path):
    url = f"sqlite:///{tmp_path / 'md.db'}"
    upgrade(url)
    with Session(engine_for(url), expire_on_commit=False) as session:
        yield session


def settings(**values) -> Settings:
    return Settings(_env_file=None, media_address="media@gims.example", **values)


def draft_text(session, settings, language: str, subject: str = "Interview request") -> tuple[str, str]:
    ticket, message, parsed = stand_in_from_bytes(session, inquiry_bytes(subject=subject),
                                                  category="interview_request", language=language)
    draft, reason = create_draft(session, ticket, message, parsed, settings)
    assert draft is not None, reason
    return draft.language, draft.body_text


def test_the_shipped_template_languages_are_the_settings_list():
    assert sorted(p.name for p in TEMPLATES.iterdir() if (p / "default.j2").is_file()) == sorted(TEMPLATE_LANGUAGES)


@pytest.mark.parametrize("language, thanks, office", [
    ("en", "Thank you for writing to us.", "The Press Office"),
    ("fr", "Nous vous remercions de nous avoir écrit.", "Le service de presse"),
    ("ar", "نشكركم على تواصلكم معنا.", "المكتب الإعلامي"),
])
def test_with_no_organisation_set_a_draft_still_reads_naturally(session, language, thanks, office):
    _, text = draft_text(session, settings(), language)
    assert thanks in text
    assert text.rstrip().endswith(office)  # signed once, as the press office, in the letter's language
    assert "Press Office\nPress Office" not in text and "contacting Press Office" not in text
    assert text.count(office) == 1


@pytest.mark.parametrize("language, thanks, signoff", [
    ("en", "Thank you for contacting GIMS.", "The Press Office\nGIMS"),
    ("fr", "Nous vous remercions d'avoir contacté GIMS.", "Le service de presse\nGIMS"),
    ("ar", "نشكركم على تواصلكم مع GIMS.", "المكتب الإعلامي\nGIMS"),
])
def test_a_named_office_is_thanked_and_signs(session, language, thanks, signoff):
    _, text = draft_text(session, settings(organisation="GIMS"), language)
    assert thanks in text and text.rstrip().endswith(signoff)


def test_a_signature_that_names_the_office_is_not_followed_by_it_again(session):
    _, text = draft_text(session, settings(organisation="GIMS", signature="The GIMS Media Office"), "en")
    assert text.rstrip().endswith("Kind regards,\n\nThe GIMS Media Office")
    _, text = draft_text(session, settings(organisation="GIMS", signature="Media Relations Team"), "en")
    assert text.rstrip().endswith("Media Relations Team\nGIMS")


def test_a_spanish_inquiry_gets_english_first_by_default(session):
    language, text = draft_text(session, settings(), "es", subject="Solicitud de entrevista")
    assert language == "en+ar"
    assert text.index("Thank you") < text.index("نشكركم")


def test_the_fallback_languages_and_their_order_are_a_setting(session, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("MEDIADESK_FALLBACK_LANGUAGES", "en, fr,ar")
    chosen = load_settings(media_address="media@gims.example")
    assert chosen.fallback_languages == ["en", "fr", "ar"]
    language, text = draft_text(session, chosen, "es", subject="Solicitud de entrevista")
    assert language == "en+fr+ar"
    assert text.index("Thank you") < text.index("Nous vous remercions") < text.index("نشكركم")
    monkeypatch.setenv("MEDIADESK_FALLBACK_LANGUAGES", '["fr"]')  # JSON too
    assert load_settings().fallback_languages == ["fr"]


@pytest.mark.parametrize("value, says", [("en,xx", "no acknowledgement templates for xx"), ("", "at least one"),
                                         ("en,EN", "named twice"), ("es", "no acknowledgement templates for es")])
def test_fallback_languages_are_validated_naming_the_variable(monkeypatch, tmp_path, value, says):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MEDIADESK_FALLBACK_LANGUAGES", value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "MEDIADESK_FALLBACK_LANGUAGES" in str(caught.value) and says in str(caught.value)


def test_a_language_added_in_the_templates_dir_may_be_a_fallback(monkeypatch, tmp_path):
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "default.j2").write_text("Hola {{ name }}, ref {{ ref }}.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MEDIADESK_TEMPLATES_DIR", str(tmp_path))
    monkeypatch.setenv("MEDIADESK_FALLBACK_LANGUAGES", "es,en")
    assert load_settings().fallback_languages == ["es", "en"]


def test_the_readme_documents_the_setting():
    text = README.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| `MEDIADESK_FALLBACK_LANGUAGES`"))
    assert "`en,ar`" in row and "en,fr,ar" in row
