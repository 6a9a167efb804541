"""Local OAuth2 for the tests: a token endpoint, Dovecot's oauth2 passdb pointed at it, and an
SMTP server that takes XOAUTH2. Nothing leaves 127.0.0.1.

``OAuthServer``     an authorization server on a free port: ``POST /token`` (client-credentials
                    and refresh-token grants, short-lived random access tokens, optional refresh
                    token rotation), ``POST /introspect`` (RFC 7662: ``token=…`` →
                    ``{"active": …, "username": …}``), and counters of every request.
``OAuthDovecot``    the harness Dovecot plus ``passdb { driver = oauth2 }`` (Dovecot 2.3) asking
                    that introspection endpoint, so IMAP ``AUTHENTICATE XOAUTH2`` is checked by
                    the real server; password logins keep working for seeding mail.
``AuthSMTPServer``  an aiosmtpd sink with AUTH XOAUTH2 (checked against the same endpoint) and
                    PLAIN/LOGIN with fixed passwords (a wrong one gets 535, not silence).
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import urllib.parse
import urllib.request
import warnings
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .servers import HOST, Dovecot, ReceivedMail, Unavailable, _Managed, free_port


@dataclass(frozen=True)
class OAuthClient:
    """One registered application, acting for ``user`` (the mailbox)."""

    client_id: str
    client_secret: str
    user: str
    refresh_token: str | None = None


@dataclass
class _Issued:
    user: str
    client_id: str
    expires_at: float  # time.monotonic()


@dataclass
class OAuthStats:
    token_requests: int = 0
    tokens_issued: int = 0
    refused: int = 0
    introspections: int = 0
    introspected: list[tuple[str, bool]] = field(default_factory=list)  # (token, active)
    grants: list[str] = field(default_factory=list)


class OAuthServer(_Managed):
    """A tiny authorization server; ``lifetime`` is the access tokens' ``expires_in`` in seconds."""

    def __init__(self, lifetime: float = 3600.0, *, rotate_refresh_tokens: bool = False):
        self.lifetime = lifetime
        self.rotate = rotate_refresh_tokens
        self.clients: dict[str, OAuthClient] = {}
        self.refresh_tokens: dict[str, str] = {}  # refresh token → client_id
        self.tokens: dict[str, _Issued] = {}
        self.stats = OAuthStats()
        self.fail_next: list[int] = []  # HTTP statuses to answer the next token requests with
        self.port = 0
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    # -- lifecycle

    def start(self) -> "OAuthServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_):  # quiet
                pass

            def _form(self) -> dict[str, str]:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                return {k: v[0] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}

            def _reply(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                path = urllib.parse.urlparse(self.path).path
                form = self._form()
                if path == "/token":
                    self._reply(*server._token(form, self.headers.get("Authorization")))
                elif path == "/introspect":
                    self._reply(200, server._introspect(form.get("token", "")))
                else:
                    self._reply(404, {"error": "not_found"})

        self.port = free_port()
        self._httpd = ThreadingHTTPServer((HOST, self.port), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, name="oauth-server", daemon=True).start()
        self._register()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    # -- configuration

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def token_url(self) -> str:
        return self.url + "/token"

    @property
    def introspection_url(self) -> str:
        return self.url + "/introspect"

    def add_client(self, user: str, *, refresh_token: bool = False) -> OAuthClient:
        client = OAuthClient(f"app-{secrets.token_hex(4)}", "cs-" + secrets.token_urlsafe(18), user,
                             ("rt-" + secrets.token_urlsafe(24)) if refresh_token else None)
        with self._lock:
            self.clients[client.client_id] = client
            if client.refresh_token:
                self.refresh_tokens[client.refresh_token] = client.client_id
        return client

    def env(self, client: OAuthClient, *, imap: bool = True, smtp: bool = False, scope: str = "mail") -> dict[str, str]:
        """``MEDIADESK_*`` for XOAUTH2 with ``client`` (client-credentials, or refresh-token when it has one)."""
        env = {"MEDIADESK_OAUTH2_TOKEN_URL": self.token_url, "MEDIADESK_OAUTH2_CLIENT_ID": client.client_id,
               "MEDIADESK_OAUTH2_CLIENT_SECRET": client.client_secret, "MEDIADESK_OAUTH2_SCOPE": scope}
        if client.refresh_token:
            env["MEDIADESK_OAUTH2_REFRESH_TOKEN"] = client.refresh_token
        if imap:
            env |= {"MEDIADESK_IMAP_AUTH": "xoauth2", "MEDIADESK_IMAP_PASSWORD": ""}
        if smtp:
            env |= {"MEDIADESK_SMTP_AUTH": "xoauth2", "MEDIADESK_SMTP_USER": client.user}
        return env

    def revoke_all(self) -> None:
        with self._lock:
            self.tokens.clear()

    # -- the endpoints

    def _token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict]:
        with self._lock:
            self.stats.token_requests += 1
            if self.fail_next:
                return self.fail_next.pop(0), {"error": "temporarily_unavailable"}
            client_id, secret = form.get("client_id", ""), form.get("client_secret")
            if authorization and authorization.startswith("Basic "):
                client_id, _, secret = base64.b64decode(authorization[6:]).decode().partition(":")
            client = self.clients.get(client_id)
            grant = form.get("grant_type")
            self.stats.grants.append(grant or "")
            if client is None or secret != client.client_secret:
                self.stats.refused += 1
                return 401, {"error": "invalid_client", "error_description": "unknown client or wrong secret"}
            if grant == "refresh_token":
                if self.refresh_tokens.get(form.get("refresh_token", "")) != client_id:
                    self.stats.refused += 1
                    return 400, {"error": "invalid_grant", "error_description": "refresh token unknown or used"}
            elif grant != "client_credentials":
                self.stats.refused += 1
                return 400, {"error": "unsupported_grant_type"}
            token = "at-" + secrets.token_urlsafe(24)
            self.tokens[token] = _Issued(client.user, client_id, time.monotonic() + self.lifetime)
            self.stats.tokens_issued += 1
            reply = {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime,
                     "scope": form.get("scope", "")}
            if grant == "refresh_token" and self.rotate:
                del self.refresh_tokens[form["refresh_token"]]
                new = "rt-" + secrets.token_urlsafe(24)
                self.refresh_tokens[new] = client_id
                reply["refresh_token"] = new
            return 200, reply

    def validate(self, token: str) -> str | None:
        """The user an access token stands for, or None when it is unknown or expired."""
        with self._lock:
            issued = self.tokens.get(token)
            return issued.user if issued and issued.expires_at > time.monotonic() else None

    def _introspect(self, token: str) -> dict:
        user = self.validate(token)
        with self._lock:
            self.stats.introspections += 1
            self.stats.introspected.append((token, user is not None))
        if user is None:
            return {"active": False}
        return {"active": True, "username": user, "token_type": "Bearer"}

    def introspect_remote(self, token: str) -> str | None:
        """Ask the endpoint over HTTP, as a mail server would (used by AuthSMTPServer)."""
        data = urllib.parse.urlencode({"token": token}).encode()
        with urllib.request.urlopen(self.introspection_url, data=data, timeout=10) as response:
            answer = json.loads(response.read())
        return answer.get("username") if answer.get("active") else None


class OAuthDovecot(Dovecot):
    """The harness Dovecot with an oauth2 passdb (XOAUTH2, OAUTHBEARER) in front of the
    passwd-file one; tokens are checked by POSTing them to ``oauth.introspection_url``."""

    def __init__(self, oauth: OAuthServer, workdir: Path | None = None):
        super().__init__(workdir)
        self.oauth = oauth
        self.oauth_conf = self.dir / "dovecot-oauth2.conf.ext"

    def _write_conf(self) -> None:
        super()._write_conf()
        self.oauth_conf.write_text(f"""\
# Dovecot 2.3 oauth2 passdb: RFC 7662 introspection by POST to the test's token server.
introspection_mode = post
introspection_url = {self.oauth.introspection_url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 10000
""")
        self.oauth_conf.chmod(0o644)
        text = self.conf.read_text()
        marker = "passdb {\n  driver = passwd-file"
        if "auth_mechanisms = plain login\n" not in text or marker not in text:
            raise Unavailable("the harness Dovecot config changed: OAuthDovecot cannot add its passdb")
        text = text.replace("auth_mechanisms = plain login\n", "auth_mechanisms = plain login xoauth2 oauthbearer\n")
        text = text.replace(marker, f"""\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {self.oauth_conf}
}}
{marker}""")
        self.conf.write_text(text)

    def kick(self, user: str) -> None:
        """Disconnect every session of ``user`` (the client must reconnect and log in again)."""
        self.doveadm("kick", user)


@dataclass
class AuthRecord:
    mechanism: str
    user: str
    token: str | None
    ok: bool


class AuthSMTPServer(_Managed):
    """An SMTP sink that requires AUTH: XOAUTH2 tokens are checked against ``oauth`` over HTTP,
    PLAIN/LOGIN against ``passwords``. Unauthenticated MAIL FROM is refused (530)."""

    def __init__(self, oauth: OAuthServer | None = None, passwords: dict[str, str] | None = None):
        self.oauth = oauth
        self.passwords = dict(passwords or {})
        self.port = 0
        self.messages: list[ReceivedMail] = []
        self.auths: list[AuthRecord] = []
        self._cond = threading.Condition()
        self.controller = None

    def start(self) -> "AuthSMTPServer":
        import asyncio

        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        server = self

        class Handler:
            async def handle_DATA(self, _server, session, envelope):
                with server._cond:
                    server.messages.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos),
                                                        envelope.original_content))
                    server._cond.notify_all()
                return "250 OK"

            async def auth_XOAUTH2(self, smtp, args):
                try:
                    if len(args) > 1:  # ["XOAUTH2", initial response]
                        raw = base64.b64decode(args[1], validate=True)
                    else:
                        raw = await smtp.challenge_auth("")
                        if not isinstance(raw, bytes):  # the client cancelled with "*"
                            return AuthResult(success=False, handled=False)
                    fields = dict(p.split("=", 1) for p in raw.decode().split("\x01") if "=" in p)
                    user, token = fields["user"], fields["auth"].removeprefix("Bearer ")
                except Exception:
                    return AuthResult(success=False, handled=False, message="501 5.5.2 malformed XOAUTH2")
                valid = server.oauth is not None and await asyncio.to_thread(server.oauth.introspect_remote, token)
                ok = bool(valid) and valid == user
                server.auths.append(AuthRecord("XOAUTH2", user, token, ok))
                if ok:
                    return AuthResult(success=True, auth_data=user)
                # As Google and Microsoft do: the error as a JSON challenge, an empty answer, then 535.
                await smtp.challenge_auth(json.dumps({"status": "401", "schemes": "Bearer"}))
                return AuthResult(success=False, handled=False)

        def authenticator(_server, _session, _envelope, mechanism, auth_data):
            if not isinstance(auth_data, LoginPassword):
                return AuthResult(success=False, handled=False)
            user, password = auth_data.login.decode(), auth_data.password.decode()
            ok = user in server.passwords and server.passwords[user] == password
            server.auths.append(AuthRecord(mechanism, user, None, ok))
            return AuthResult(success=ok, handled=False)

        class QuietController(Controller):
            def factory(self):
                # AUTH in the clear on purpose (127.0.0.1 only): aiosmtpd would warn on every connection.
                with warnings.catch_warnings():
                    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
                    return super().factory()

        self.port = free_port()
        self.controller = QuietController(Handler(), hostname=HOST, port=self.port, ready_timeout=10,
                                          decode_data=False, authenticator=authenticator, auth_require_tls=False,
                                          auth_required=True)
        self.controller.start()
        self._register()
        return self

    def stop(self) -> None:
        if self.controller:
            self.controller.stop()
            self.controller = None

    def env(self) -> dict[str, str]:
        return {"MEDIADESK_SMTP_HOST": HOST, "MEDIADESK_SMTP_PORT": str(self.port), "MEDIADESK_SMTP_TLS": "none"}

    def wait_for(self, n: int, timeout: float = 10) -> list[ReceivedMail]:
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.messages) >= n, timeout):
                raise TimeoutError(f"{len(self.messages)} of {n} messages after {timeout}s")
            return list(self.messages)


__all__ = ["AuthRecord", "AuthSMTPServer", "OAuthClient", "OAuthDovecot", "OAuthServer"]
