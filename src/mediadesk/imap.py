"""The one IMAP login, beside tls.py: the poller reads with it, sending files a copy in Sent with
it, doctor checks it."""

from __future__ import annotations

from imapclient import IMAPClient

from mediadesk.oauth2 import imap_authenticate
from mediadesk.settings import Settings
from mediadesk.tls import tls_context


def imap_connect(settings: Settings, *, timeout: float = 60) -> IMAPClient:
    """Log in (password or XOAUTH2) over TLS (verified) unless MEDIADESK_IMAP_SSL=false."""
    settings.require_imap()
    context = tls_context(settings.imap_verify_tls)
    client = IMAPClient(settings.imap_host, port=settings.resolved_imap_port, ssl=settings.imap_ssl,
                        ssl_context=context if settings.imap_ssl else None, timeout=timeout)
    try:
        if not settings.imap_ssl and settings.imap_starttls:
            client.starttls(context)
        imap_authenticate(client, settings)  # password, or XOAUTH2 (MEDIADESK_IMAP_AUTH)
    except BaseException:
        try:
            client.shutdown()
        except OSError:  # a failed TLS handshake already closed the socket: keep the real error
            pass
        raise
    return client


__all__ = ["imap_connect"]
