"""OAuth2 access tokens for IMAP and SMTP (SASL XOAUTH2), for mailboxes where password logins
are switched off (Microsoft 365, Google Workspace).

Two grants, chosen by the settings:

* refresh token (``MEDIADESK_OAUTH2_REFRESH_TOKEN`` set): a delegated mailbox, e.g. Google
  Workspace or a Microsoft 365 user who consented once. A rotated refresh token returned by the
  endpoint replaces the configured one for the life of the process.
* client credentials (otherwise): an application permission, e.g. Microsoft 365 with
  ``MEDIADESK_OAUTH2_SCOPE=https://outlook.office365.com/.default``.

One ``TokenProvider`` per configuration and process caches the access token and fetches a new
one before it expires (60 s early, or at half its lifetime for short-lived tokens). It is
thread-safe, and concurrent callers share one request. Tokens and secrets are never logged:
every token fetched is registered with ``mediadesk.logs`` for masking.
"""

from __future__ import annotations

import hashlib
import json
import smtplib
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable

import structlog

from mediadesk import logs

log = structlog.get_logger("mediadesk.oauth2")

REFRESH_MARGIN = 60.0
DEFAULT_LIFETIME = 300.0  # when the endpoint does not say (it always should)


class OAuth2Error(RuntimeError):
    """The token endpoint refused (bad client, revoked grant) or answered nonsense: fix settings."""


class OAuth2Unavailable(OAuth2Error, ConnectionError):
    """The token endpoint could not be reached or failed (5xx, 429): try again later."""


def xoauth2_string(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response (before base64)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


class TokenProvider:
    """Access tokens from ``token_url``, cached until shortly before they expire."""

    def __init__(self, token_url: str, client_id: str, *, client_secret: str | None = None,
                 refresh_token: str | None = None, scope: str | None = None,
                 refresh_margin: float = REFRESH_MARGIN, timeout: float = 15.0,
                 clock: Callable[[], float] = time.monotonic):
        if not token_url or not client_id:
            raise OAuth2Error("MEDIADESK_OAUTH2_TOKEN_URL and MEDIADESK_OAUTH2_CLIENT_ID are required for XOAUTH2")
        if not client_secret and not refresh_token:
            raise OAuth2Error("set MEDIADESK_OAUTH2_CLIENT_SECRET (client credentials) "
                              "or MEDIADESK_OAUTH2_REFRESH_TOKEN (refresh-token flow)")
        self.token_url = token_url
        self.client_id = client_id
        self._client_secret = client_secret
        self._refresh_token = refresh_token
        self.scope = scope
        self.refresh_margin = refresh_margin
        self.timeout = timeout
        self.clock = clock
        self._lock = threading.Lock()
        self._token: str | None = None
        self._refresh_at = 0.0
        self._expires_at = 0.0
        self.fetches = 0
        for secret in (client_secret, refresh_token):
            logs.add_secret(secret)

    @property
    def grant(self) -> str:
        return "refresh_token" if self._refresh_token else "client_credentials"

    def __repr__(self) -> str:  # no secrets, no token
        return f"TokenProvider({self.token_url!r}, client_id={self.client_id!r}, grant={self.grant!r})"

    def token(self) -> str:
        """A valid access token: the cached one, or a fresh one when it is due for renewal."""
        with self._lock:
            if self._token is None or self.clock() >= self._refresh_at:
                self._fetch()
            return self._token

    def invalidate(self, token: str | None = None) -> None:
        """Forget the cached token (a server rejected it), so the next ``token()`` fetches anew.
        With ``token``, only if that is still the cached one (another thread may have renewed it)."""
        with self._lock:
            if token is None or token == self._token:
                self._token = None

    @property
    def expires_in(self) -> float:
        """Seconds the cached token is still valid (0 when there is none)."""
        return max(0.0, self._expires_at - self.clock()) if self._token else 0.0

    # -- the request

    def _fetch(self) -> None:
        form = {"grant_type": self.grant, "client_id": self.client_id}
        if self._client_secret:
            form["client_secret"] = self._client_secret
        if self._refresh_token:
            form["refresh_token"] = self._refresh_token
        if self.scope:
            form["scope"] = self.scope
        request = urllib.request.Request(
            self.token_url, data=urllib.parse.urlencode(form).encode(), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
        started = self.clock()
        host = urllib.parse.urlsplit(self.token_url).netloc
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            raise self._refusal(exc) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise OAuth2Unavailable(f"token endpoint {host} unreachable: {reason}") from None
        try:
            answer = json.loads(body)
            token = answer["access_token"]
            if not isinstance(token, str) or not token:
                raise ValueError("empty access_token")
        except (ValueError, KeyError, TypeError) as exc:
            raise OAuth2Error(f"token endpoint {host} answered without an access token ({type(exc).__name__})") from None
        logs.add_secret(token, dynamic=True)
        try:
            lifetime = float(answer.get("expires_in") or DEFAULT_LIFETIME)
        except (TypeError, ValueError):
            lifetime = DEFAULT_LIFETIME
        rotated = answer.get("refresh_token")
        if self._refresh_token and isinstance(rotated, str) and rotated and rotated != self._refresh_token:
            logs.add_secret(rotated, dynamic=True)
            self._refresh_token = rotated  # rotation: the old one may be void now
        self._token = token
        self._expires_at = started + lifetime
        # Renew REFRESH_MARGIN early, or half-way through a lifetime shorter than twice that.
        self._refresh_at = started + lifetime - min(self.refresh_margin, lifetime / 2)
        self.fetches += 1
        log.info("oauth2_token_fetched", endpoint=host, grant=self.grant, expires_in=round(lifetime),
                 rotated=bool(rotated and self._refresh_token == rotated))

    def _refusal(self, exc: urllib.error.HTTPError) -> OAuth2Error:
        host = urllib.parse.urlsplit(self.token_url).netloc
        try:
            answer = json.loads(exc.read() or b"{}")
            error = str(answer.get("error") or "")
            description = str(answer.get("error_description") or "")[:300]
        except Exception:
            error, description = "", ""
        text = f"token endpoint {host} answered {exc.code}" + (f": {error}" if error else "") + \
            (f" ({description})" if description else "")
        text = logs.mask(text)
        if exc.code >= 500 or exc.code in (408, 429):
            return OAuth2Unavailable(text)
        return OAuth2Error(text)


# --------------------------------------------------------------------------- from settings

_providers: dict[tuple, TokenProvider] = {}
_providers_lock = threading.Lock()


def _digest(value) -> str:
    secret = value.get_secret_value() if hasattr(value, "get_secret_value") else (value or "")
    return hashlib.sha256(secret.encode()).hexdigest() if secret else ""


def provider_for(settings) -> TokenProvider:
    """The process-wide TokenProvider for these settings (so reconnects reuse the token)."""
    key = (settings.oauth2_token_url, settings.oauth2_client_id, _digest(settings.oauth2_client_secret),
           _digest(settings.oauth2_refresh_token), settings.oauth2_scope)
    with _providers_lock:
        provider = _providers.get(key)
        if provider is None:
            secret = settings.oauth2_client_secret.get_secret_value() if settings.oauth2_client_secret else None
            refresh = settings.oauth2_refresh_token.get_secret_value() if settings.oauth2_refresh_token else None
            provider = _providers[key] = TokenProvider(settings.oauth2_token_url or "", settings.oauth2_client_id or "",
                                                       client_secret=secret or None, refresh_token=refresh or None,
                                                       scope=settings.oauth2_scope)
        return provider


def reset_providers() -> None:
    with _providers_lock:
        _providers.clear()


# --------------------------------------------------------------------------- IMAP and SMTP


def imap_authenticate(client, settings) -> None:
    """Log ``client`` (an IMAPClient) in: password, or XOAUTH2 when MEDIADESK_IMAP_AUTH=xoauth2."""
    if getattr(settings, "imap_auth", "password") != "xoauth2":
        password = settings.imap_password.get_secret_value() if settings.imap_password else ""
        client.login(settings.imap_user, password)
        return
    from imapclient.exceptions import LoginError

    provider = provider_for(settings)
    token = provider.token()
    try:
        client.oauth2_login(settings.imap_user, token)
    except LoginError:
        # Revoked or expired early on the server's clock: one more try with a fresh token.
        provider.invalidate(token)
        client.oauth2_login(settings.imap_user, provider.token())


def smtp_authenticate(client: smtplib.SMTP, settings) -> None:
    """Log ``client`` in after EHLO: XOAUTH2 when MEDIADESK_SMTP_AUTH=xoauth2, else a password
    login when MEDIADESK_SMTP_USER is set, else nothing.

    A token endpoint that refuses becomes SMTPAuthenticationError (permanent: fix the settings);
    one that cannot be reached stays OAuth2Unavailable, a ConnectionError (transient).
    """
    if getattr(settings, "smtp_auth", "password") != "xoauth2":
        if settings.smtp_user:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            client.login(settings.smtp_user, password)
        return
    user = settings.smtp_user or settings.imap_user
    if not user:
        raise smtplib.SMTPAuthenticationError(530, b"XOAUTH2 needs MEDIADESK_SMTP_USER (or MEDIADESK_IMAP_USER)")
    provider = provider_for(settings)
    try:
        token = provider.token()
        try:
            _smtp_xoauth2(client, user, token)
        except smtplib.SMTPAuthenticationError:
            provider.invalidate(token)
            _smtp_xoauth2(client, user, provider.token())
    except OAuth2Unavailable:
        raise
    except OAuth2Error as exc:
        raise smtplib.SMTPAuthenticationError(535, f"no OAuth2 token: {exc}".encode()) from None


def _smtp_xoauth2(client: smtplib.SMTP, user: str, token: str) -> None:
    initial = xoauth2_string(user, token)
    # On failure the server sends its error as a 334 challenge and waits for an empty line.
    client.auth("XOAUTH2", lambda challenge=None: initial if challenge is None else "", initial_response_ok=True)


__all__ = ["OAuth2Error", "OAuth2Unavailable", "TokenProvider", "imap_authenticate", "provider_for",
           "reset_providers", "smtp_authenticate", "xoauth2_string"]
