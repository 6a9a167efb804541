"""Typed settings, read once from ``MEDIADESK_*`` environment variables and ``.env``.

Every component reads the same object, so ``mediadesk list`` run where ``demo`` ran
sees the demo's database. Errors name the environment variable to fix.
"""

from __future__ import annotations

import getpass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from mediadesk.vocabulary import CATEGORIES, LANGUAGE_CODES, PRIORITIES  # noqa: F401  (re-exported)

# The languages mediadesk ships acknowledgement templates for (worker/drafting/templates/<lang>;
# tests/test_office_drafts.py holds the two equal).
TEMPLATE_LANGUAGES = ("ar", "en", "fr")

# Hours to first response and to resolution, by priority; a category may tighten them.
DEFAULT_SLA_HOURS = {
    "urgent": {"first_response": 2, "resolution": 24},
    "high": {"first_response": 8, "resolution": 72},
    "normal": {"first_response": 24, "resolution": 120},
    "low": {"first_response": 72, "resolution": 240},
}


class SettingsError(RuntimeError):
    """Settings are invalid; the message names the environment variable(s) to fix."""


class MailboxConfig(BaseModel):
    """One watched address (media@, presse@, إعلام@): what differs from the top-level settings.

    Fields left unset inherit the top-level value (e.g. the IMAP host shared by every mailbox).
    """

    name: str = Field(min_length=1, max_length=64, pattern=r"^[\w.-]+$")
    imap_host: str | None = None
    imap_port: int | None = Field(default=None, ge=1, le=65535)
    imap_user: str | None = None
    imap_password: SecretStr | None = None
    imap_ssl: bool | None = None
    imap_folder: str | None = None
    processed_policy: Literal["leave", "seen", "move"] | None = None
    processed_folder: str | None = None
    sent_folder: str | None = None
    media_address: str | None = None
    organisation: str | None = None
    signature: str | None = None
    default_language: str | None = Field(default=None, min_length=2, max_length=8)

    def overrides(self) -> dict:
        values = {k: v for k, v in self.model_dump(exclude={"name", "default_language"}).items() if v is not None}
        if self.imap_password is not None:
            values["imap_password"] = self.imap_password  # keep it a SecretStr
        if self.default_language:
            # Mail in a language we have no template for is answered in the mailbox's own.
            values["fallback_languages"] = [self.default_language]
        return values


def _listed(value):
    """A list setting as written in the environment: comma-separated (ar,en,fr) or a JSON list."""
    if not isinstance(value, str):
        return value
    value = value.strip()
    if not value.startswith("["):
        return value.split(",")
    import json

    try:
        return json.loads(value)
    except ValueError:
        raise ValueError('not a JSON list: write the values comma-separated (ar,en,fr) or as a JSON list (["ar", "en"])') from None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MEDIADESK_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # IMAP mailbox
    imap_host: str | None = None
    imap_port: int | None = Field(default=None, ge=1, le=65535)
    imap_user: str | None = None
    imap_password: SecretStr | None = None
    imap_ssl: bool = True
    imap_starttls: bool = False
    imap_verify_tls: bool = True
    imap_folder: str = "INBOX"
    imap_idle: bool = True
    poll_interval: float = Field(default=30.0, gt=0)
    fetch_batch: int = Field(default=200, ge=1, le=5000)
    processed_policy: Literal["leave", "seen", "move"] = "leave"
    processed_folder: str = "Processed"
    sent_folder: str | None = None

    # Several watched addresses, as a JSON list of MailboxConfig (empty: just the one above).
    mailboxes: list[MailboxConfig] = []
    mailbox_name: str | None = None  # set on a per-mailbox copy (see for_mailbox)

    # Storage and queue
    database_url: str = "sqlite:///mediadesk.db"
    redis_url: str = "redis://localhost:6379/0"
    data_dir: Path = Path("mediadesk-data")
    max_message_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    max_attachment_bytes: int = Field(default=10 * 1024 * 1024, ge=0)
    max_attempts: int = Field(default=5, ge=1)
    # Stored messages per ingest task (one transaction); 1 turns batching off.
    ingest_batch: int = Field(default=25, ge=1, le=500)
    sweep_grace_seconds: float = Field(default=120.0, ge=0)
    sweep_interval: float = Field(default=60.0, gt=0)
    # Resident memory (MB) after which a worker pool process is replaced once its task ends
    # (0: never). A message of MEDIADESK_MAX_MESSAGE_BYTES takes up to about 10 times its size
    # to parse and triage.
    worker_max_memory_mb: int = Field(default=600, ge=0)

    # Organisation and acknowledgements. Unset, drafts thank the sender for writing "to us" and
    # sign as the press office in their language; set, "Thank you for contacting {organisation}".
    organisation: str | None = None
    media_address: str = "media@example.org"
    own_addresses: list[str] = []
    # The office's own domains (comma-separated): their mail continuing a ticket is the team's
    # answer, and a forward from them is the original sender's inquiry.
    internal_domains: Annotated[list[str], NoDecode] = []
    # The sign-off's first line (the organisation, when set, follows unless the signature names it).
    signature: str | None = None
    timezone: str = "Asia/Riyadh"
    # Comma-separated (ar,en,fr) or a JSON list, as MEDIADESK_AUTO_SEND_CATEGORIES.
    # Japanese, Korean, Thai, Hindi and Tamil are told by their scripts (no model compared); the European ones
    # also choose which words the deadline reader looks for. Not Czech: its models take a worker's peak from
    # 219 to 266 MB, and Czech letters read as Slovak, whose deadline words are the same. Lithuanian, Latvian and Estonian
    # (stop 59: their letters had read as Malay, Swedish, Finnish) add 6 MB to the peak.
    languages: Annotated[list[str], NoDecode] = ["ar", "en", "fr", "es", "de", "it", "pt", "tr", "ur", "fa", "ru", "zh",
                                                 "bn", "ms", "id", "nl", "sw", "ja", "ko", "th", "hi", "ta", "vi", "pl", "sk", "hr", "sr",
                                                 "uk", "bg", "ro", "el", "fi", "hu", "sv", "da", "nb", "lt", "lv", "et"]
    templates_dir: Path | None = None
    # Mail in a language the office has no templates for is acknowledged in these, one section
    # each, in this order (comma-separated or JSON): English first, then Arabic.
    fallback_languages: Annotated[list[str], NoDecode] = ["en", "ar"]
    rules_file: Path | None = None
    # How much the packaged base model (a text classifier trained on mediadesk's own labelled
    # inquiry sets, worker/triage/base_model.joblib) counts against the rules when triage picks
    # a category; 0 turns it off (the rules alone). Measured in the README (Triage figures).
    base_model_weight: float = Field(default=0.7, ge=0, le=1)
    auto_send_categories: Annotated[list[str], NoDecode] = []
    ack_rate_limit: int = Field(default=3, ge=0)
    ack_rate_window_seconds: int = Field(default=86400, ge=1)
    sla_hours: dict[str, dict[str, float]] = DEFAULT_SLA_HOURS
    # Triage less sure than this (its category's share of the rules' weight, or the language
    # detector's confidence) flags the ticket for review (`list --review`); 0 flags nothing.
    review_confidence: float = Field(default=0.4, ge=0, le=1)
    # Stories (worker/stories.py): an inquiry is compared with the inquiries of this many hours.
    story_window_hours: float = Field(default=72.0, gt=0)

    # Spam. Upstream verdicts (X-Spam-Flag, X-Spamd-Result, Microsoft 365 SCL…) are believed only
    # when the office's own mail server wrote them: turn this off when it does not filter.
    trust_spam_headers: bool = True
    # SpamAssassin's spamd (spamd://host:port, tcp://host:port or host:port): each message is
    # checked there beside triage; a spamd that does not answer leaves the decision to the rules.
    spamd_url: str | None = None
    spamd_timeout: float = Field(default=10.0, gt=0)
    # The spamd score from which a message is spam (spamd's own threshold when None).
    spamd_threshold: float | None = None

    # An outlet's tier (1-3, in the registry) → the least priority its inquiries get, e.g.
    # {"1": "urgent", "2": "high"}; {} turns it off. By default the 32 tier-1 outlets (world
    # agencies, the pan-Arab and big international broadcasters and papers) are at least high.
    tier_priority: dict[int, str] = {1: "high"}

    # SMTP
    smtp_host: str | None = None
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_tls: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_verify_tls: bool = True

    # OAuth2 (XOAUTH2) instead of passwords, for IMAP and/or SMTP: a client-credentials flow,
    # or a refresh-token flow when oauth2_refresh_token is set (Microsoft 365, Google Workspace).
    imap_auth: Literal["password", "xoauth2"] = "password"
    smtp_auth: Literal["password", "xoauth2"] = "password"
    oauth2_token_url: str | None = None
    oauth2_client_id: str | None = None
    oauth2_client_secret: SecretStr | None = None
    oauth2_refresh_token: SecretStr | None = None
    oauth2_scope: str | None = None

    # Prometheus exporter (`mediadesk metrics`)
    metrics_host: str = "127.0.0.1"
    metrics_port: int = Field(default=9464, ge=1, le=65535)

    # Who the CLI records as the actor of a change.
    user: str | None = None

    @field_validator("database_url", "redis_url")
    @classmethod
    def _unambiguous_userinfo(cls, value: str, info) -> str:
        return check_userinfo(value, "MEDIADESK_" + info.field_name.upper())

    @field_validator("database_url")
    @classmethod
    def _absolute_sqlite(cls, value: str) -> str:
        # A relative SQLite path is pinned to the directory the command started in, so the
        # worker and the CLI agree on one file.
        prefix = "sqlite:///"
        if value.startswith(prefix) and not value.startswith(prefix + "/") and value != prefix + ":memory:":
            return prefix + str(Path(value[len(prefix):]).resolve())
        return value

    @field_validator("data_dir")
    @classmethod
    def _absolute_dir(cls, value: Path) -> Path:
        return value.resolve()

    @field_validator("internal_domains", mode="before")
    @classmethod
    def _domain_list(cls, value):
        value = _listed(value)
        domains = [str(d).strip().lower().lstrip("@").rstrip(".") for d in value or []]
        bad = [d for d in domains if d and ("." not in d or "@" in d or " " in d)]
        if bad:
            raise ValueError(f"not a domain: {bad[0]!r} (write them comma-separated, e.g. imctc.org,press.imctc.org)")
        return [d for d in domains if d]

    @field_validator("organisation", "signature")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if isinstance(value, str) else value

    @field_validator("fallback_languages", mode="before")
    @classmethod
    def _language_list(cls, value, info):
        value = _listed(value)
        codes = [str(code).strip().lower() for code in value or [] if str(code).strip()]
        if not codes:
            raise ValueError("name at least one language, comma-separated (e.g. en,fr,ar)")
        templates_dir = info.data.get("templates_dir")
        available = set(TEMPLATE_LANGUAGES)
        if templates_dir is not None and Path(templates_dir).is_dir():
            available |= {p.name for p in Path(templates_dir).iterdir() if (p / "default.j2").is_file()}
        unknown = [code for code in codes if code not in available]
        if unknown:
            raise ValueError(f"no acknowledgement templates for {', '.join(unknown)}: choose from "
                             f"{', '.join(sorted(available))} (or add <lang>/default.j2 to MEDIADESK_TEMPLATES_DIR)")
        if len(set(codes)) != len(codes):
            raise ValueError(f"a language is named twice in {','.join(codes)}")
        return codes

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        # Deadlines count from it and the CLI shows times in it: a typo must stop start-up rather
        # than fall back to UTC unnoticed. ZoneInfoNotFoundError is a KeyError; "", "../x" and
        # absolute paths raise ValueError; a folder such as "Asia" an OSError.
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(value.strip())
        except (KeyError, ValueError, OSError):
            raise ValueError(f"unknown time zone {value!r}: use an IANA name such as Asia/Riyadh, "
                             "Europe/Paris or UTC") from None
        return value.strip()

    @field_validator("tier_priority")
    @classmethod
    def _tier_priorities(cls, value: dict[int, str]) -> dict[int, str]:
        for tier, priority in value.items():
            if tier not in (1, 2, 3) or priority not in PRIORITIES:
                raise ValueError(f"{tier}: {priority!r}: map a tier 1, 2 or 3 to one of {list(PRIORITIES)}, "
                                 'e.g. {"1": "urgent", "2": "high"}')
        return value

    @field_validator("languages", "auto_send_categories", mode="before")
    @classmethod
    def _word_list(cls, value):
        value = _listed(value)
        if not isinstance(value, (list, tuple)):
            raise ValueError('write the values comma-separated (ar,en,fr) or as a JSON list (["ar", "en"])')
        return [str(v).strip().lower() for v in value if str(v).strip()]

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        unknown = [code for code in value if code not in LANGUAGE_CODES]
        if unknown:
            raise ValueError(f"unknown language code(s) {', '.join(unknown)}: use ISO 639-1 codes triage can detect "
                             f"({', '.join(LANGUAGE_CODES)})")
        if not value:
            raise ValueError("name at least one language (e.g. ar,en,fr)")
        return list(dict.fromkeys(value))

    @field_validator("auto_send_categories")
    @classmethod
    def _known_categories(cls, value: list[str]) -> list[str]:
        unknown = [c for c in value if c not in CATEGORIES]
        if unknown:
            raise ValueError(f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}: "
                             f"choose from {', '.join(CATEGORIES)}")
        return value

    @property
    def resolved_imap_port(self) -> int:
        return self.imap_port or (993 if self.imap_ssl else 143)

    @property
    def resolved_smtp_port(self) -> int:
        return self.smtp_port or {"ssl": 465, "starttls": 587, "none": 25}[self.smtp_tls]

    @property
    def actor(self) -> str:
        if self.user:
            return self.user
        try:
            return getpass.getuser()
        except Exception:  # no login name in some containers
            return "unknown"

    @property
    def our_addresses(self) -> set[str]:
        every = [self.media_address, *self.own_addresses, self.imap_user or ""]
        for box in self.mailboxes:  # never acknowledge mail from any of our own addresses
            every += [box.media_address or "", box.imap_user or ""]
        return {a.lower() for a in every if a and "@" in a}

    @property
    def mailbox_key(self) -> str:
        """How tickets and the poller's cursor and lock name this mailbox."""
        return f"{self.imap_user}@{self.imap_host}/{self.imap_folder}"

    def for_mailbox(self, name: str) -> "Settings":
        """These settings as seen by one configured mailbox."""
        for box in self.mailboxes:
            if box.name == name:
                return self.model_copy(update={**box.overrides(), "mailbox_name": box.name})
        known = ", ".join(b.name for b in self.mailboxes) or "none"
        raise SettingsError(f"no mailbox named {name!r} in MEDIADESK_MAILBOXES (configured: {known})")

    def each_mailbox(self) -> list["Settings"]:
        """One settings object per watched mailbox (just self when MEDIADESK_MAILBOXES is empty)."""
        return [self.for_mailbox(b.name) for b in self.mailboxes] or [self]

    def for_mailbox_key(self, key: str | None) -> "Settings":
        """The settings of the mailbox a ticket came in through (replies go out from it)."""
        if key and self.mailboxes:
            for box in self.each_mailbox():
                if box.mailbox_key == key:
                    return box
        return self

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"

    def model_post_init(self, _context) -> None:
        from mediadesk import logs

        logs.add_secrets_from(self)  # known secret values are masked wherever a log line shows them

    def require_imap(self) -> None:
        needed = ("imap_host", "imap_user") + (
            ("oauth2_token_url", "oauth2_client_id") if self.imap_auth == "xoauth2" else ("imap_password",))
        missing = [n for n in needed if not getattr(self, n)]
        if missing:
            raise SettingsError(
                "the poller needs " + ", ".join("MEDIADESK_" + n.upper() for n in missing)
                + " (set them in the environment or in .env)"
            )


def _describe(error: ValidationError) -> str:
    lines = []
    for item in error.errors():
        name = "MEDIADESK_" + "_".join(str(p) for p in item["loc"]).upper()
        lines.append(f"{name}: {item['msg']}")
    return "invalid settings:\n  " + "\n  ".join(lines)


def load_settings(**overrides) -> Settings:
    """Build settings from the environment and .env, or raise SettingsError naming the variable."""
    from pydantic_settings import SettingsError as SourceError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise SettingsError(_describe(exc)) from None
    except SourceError as exc:  # a value pydantic-settings could not decode (bad JSON for a list or map)
        import re

        field = re.search(r'field "(\w+)"', str(exc))
        name = "MEDIADESK_" + field.group(1).upper() if field else "a MEDIADESK_ variable"
        raise SettingsError(f"invalid settings:\n  {name}: cannot be read (write it as JSON)") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()


def reset_settings_cache() -> None:
    get_settings.cache_clear()


def _userinfo(url: str) -> tuple[str, str, str] | None:
    """``(scheme, userinfo, rest)`` of a server URL with credentials, split at the LAST "@"
    (an unencoded "@" in a password must not leave part of it on the host side); None without."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.startswith("sqlite") or "@" not in rest:
        return None
    userinfo, _, host = rest.rpartition("@")
    return scheme, userinfo, host


def mask_url(url: str) -> str:
    """A URL with its whole userinfo (user and password) replaced, for logs and output."""
    parts = _userinfo(url)
    return url if parts is None else f"{parts[0]}://***@{parts[2]}"


def check_userinfo(url: str, variable: str) -> str:
    """Refuse a URL whose user or password holds a character a URL parser splits on.

    ``postgresql://u:p@ss#word@host/db`` is read as host ``ss#word@host`` (or cut at "#"): it can
    never connect, and its error would show part of the password. The message never does.
    """
    parts = _userinfo(url)
    if parts is not None and any(ch in parts[1] for ch in "@#/?"):
        raise ValueError(
            f"the user or password in {variable} holds '@', '#', '/' or '?': percent-encode them "
            "(@ %40, # %23, / %2F, ? %3F, : %3A, % %25), or leave the password out of the URL "
            "(PostgreSQL then reads it from PGPASSWORD)")
    return url


__all__ = [
    "CATEGORIES",
    "PRIORITIES",
    "Settings",
    "SettingsError",
    "get_settings",
    "load_settings",
    "mask_url",
    "reset_settings_cache",
]
