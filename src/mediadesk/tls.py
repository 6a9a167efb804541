"""One TLS policy for IMAP and SMTP: certificates verified unless a setting says otherwise."""

from __future__ import annotations

import ssl


def tls_context(verify: bool = True) -> ssl.SSLContext:
    """The system's trust store and hostname checks; ``verify=False`` only for a test server."""
    context = ssl.create_default_context()
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context
