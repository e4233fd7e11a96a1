"""What WeasyPrint may load while it renders a write-up: data: URLs and the app's own files.

By default WeasyPrint fetches whatever a document names: remote stylesheets, images on
any server, and any local file (even embedding one named by `<link rel=attachment>`).
`ResourceFetcher` serves only

- ``data:`` URLs of images and fonts (the evidence pictures the write-up inlines), and
- ``file:`` URLs of regular files under the app's resources/report and resources/fonts
  folders, after resolving symbolic links and ``..``,

with redirects off, and refuses everything else: other schemes, other folders, other
hosts. A refusal is a ValueError, which WeasyPrint reports as a warning and skips.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from facilitator.resources import resource_path

DATA_TYPES = ("image/", "font/", "application/font", "application/x-font")
_DATA = re.compile(r"^data:([^,;]*)[;,]", re.IGNORECASE)
SHOWN = 120  # characters of a refused URL kept for the record


def resource_roots() -> tuple[Path, ...]:
    return (resource_path("report"), resource_path("fonts"))


class ResourceFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
    """A WeasyPrint URL fetcher that serves only data: URLs and the app's report resources."""

    def __init__(self, roots: Iterable[Path] | None = None) -> None:
        super().__init__(timeout=5, allowed_protocols=("data", "file"), allow_redirects=False)
        self.roots = tuple(root.resolve() for root in (roots or resource_roots()))
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            match = _DATA.match(url)
            if match and match.group(1).strip().lower().startswith(DATA_TYPES):
                self.served.append("data:")
                return super().fetch(url, headers)
        elif scheme == "file":
            path = self._local(url)
            if path is not None:
                self.served.append(str(path))
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    url, body=path.read_bytes(), headers={"Content-Type": kind}
                )
        self.refused.append(url[:SHOWN])
        raise ValueError(f"the write-up may not load {url[:SHOWN]!r}")

    def _local(self, url: str) -> Path | None:
        """The file a file: URL names, if it is a regular file inside one of the roots."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            return None
        inside = any(path.is_relative_to(root) for root in self.roots)
        return path if inside and path.is_file() else None
