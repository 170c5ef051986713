"""A fetch's failure in a newcomer's words: urllib3 and ssl name it by their internals
(`IncompleteRead(300 bytes read, 2003 more expected)`, `[SSL: CERTIFICATE_VERIFY_FAILED] …
(_ssl.c:1006)`), which a desk reading `wirewatch run` cannot act on."""

from __future__ import annotations

import re
import ssl

from urllib3.exceptions import IncompleteRead

MOST_CAUSES = 8
"""Links of an exception's chain looked through (a chain is short; a cycle is not followed)."""
SSL_NOISE = re.compile(r"^\[SSL(?:: [A-Z_0-9]+)?\]\s*|\s*\(_ssl\.c:\d+\)$")
NOT_HTTPS = {"WRONG_VERSION_NUMBER", "HTTP_REQUEST", "UNKNOWN_PROTOCOL",
             "RECORD_LAYER_FAILURE"}


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception, what it wraps (its arguments) and what raised it, nearest first."""
    found: list[BaseException] = []
    waiting = [exc]
    while waiting and len(found) < MOST_CAUSES:
        one = waiting.pop(0)
        if any(one is f for f in found):
            continue
        found.append(one)
        waiting += [a for a in one.args if isinstance(a, BaseException)]
        waiting += [c for c in (one.__cause__, one.__context__) if c is not None]
    return found


def tls_problem(exc: BaseException, host: str | None) -> str:
    """Why TLS with ``host`` failed: a certificate not trusted, a server not speaking https
    (an http:// port), else ssl's words without its codes."""
    found = next((c for c in _causes(exc) if isinstance(c, ssl.SSLError)), None)
    if isinstance(found, ssl.SSLCertVerificationError):
        return (f"the certificate of {host} is not trusted ({found.verify_message}); the "
                "address may name another site, or its certificate expired or is its own: "
                "open it in a browser to see")
    if found is not None and found.reason in NOT_HTTPS:
        return (f"the server at {host} does not speak https on this port (an http:// "
                "address, or the wrong port?)")
    words = SSL_NOISE.sub("", str(found.args[-1] if found and found.args else exc)).strip()
    return f"TLS error talking to {host}: {words[:200]}"


def broke_off(exc: BaseException, *, received: int) -> str:
    """Why a download stopped: the server hanging up before the length it declared, said in
    bytes, or the connection reset."""
    for cause in _causes(exc):
        if isinstance(cause, IncompleteRead):
            whole = cause.partial + cause.expected
            return (f"the server closed the connection after {cause.partial:,} of {whole:,} "
                    "bytes (the site may be busy or restarting)")
        if isinstance(cause, ConnectionResetError):
            return (f"the connection was reset after {received:,} bytes (the site may be busy "
                    "or restarting)")
    text = str(exc.args[-1] if exc.args else exc)
    return text.split(": ", 1)[-1][:200]
