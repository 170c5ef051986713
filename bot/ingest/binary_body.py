"""What a feed's address answers instead of a feed when that is a file (an image, a PDF, an
archive): told by its first bytes, else by its Content-Type, so the desk is not told of
"malformed XML"."""

from __future__ import annotations

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "an image (PNG)"),
    (b"\xff\xd8\xff", "an image (JPEG)"),
    (b"GIF87a", "an image (GIF)"),
    (b"GIF89a", "an image (GIF)"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
)
"""A file's first bytes, which no feed starts with."""
FILE_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
              "application/gzip", "application/octet-stream", "application/msword",
              "application/vnd.")
"""Content-Types of files that are not text: a body that is no feed under them is one."""


def file_kind(data: bytes) -> str | None:
    """What the body is when it is a file, not text ("an image (PNG)"), by its first bytes;
    None for text."""
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return "an image (WebP)"
    return next((kind for start, kind in SIGNATURES if data.startswith(start)), None)


def file_type(content_type: str | None) -> str | None:
    """A binary file's Content-Type (``image/webp``, ``application/octet-stream``) as said to
    the desk; None for text or none."""
    media = (content_type or "").split(";")[0].strip().lower()
    if not media.startswith(FILE_TYPES):
        return None
    if media.startswith("image/"):
        return f"an image ({media})"
    return f"a binary file ({media})"
