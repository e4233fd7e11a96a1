"""The look: theme tokens, the .qss templates filled from them, the shipped font, zoom.

Colours and sizes live in `resources/styles/tokens.json`; `app.qss` and `presentation.qss`
name them as dollar-prefixed tokens. The theme follows the system colour scheme unless one
is forced (the screenshot tool forces each in turn); the zoom is remembered in QSettings.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from string import Template
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from facilitator.resources import resource_path

# The same widget shapes on every platform, under our sheet. `run` gives the style to the
# QApplication it creates (`fusion_app`); through `setStyle` instead, PySide builds the Python
# enums of QStyle for the QStyle it returns, 4 ms of start-up.
FUSION_GIVEN = "facilitatorFusion"

ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)
ZOOM_KEY = "view/zoom"
FONT_FAMILY = "Inter"
# Inter covers Latin, Greek and Cyrillic; these take over for other scripts.
FALLBACK_FAMILIES = ("DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica Neue", "sans-serif")


@cache
def tokens() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("styles", "tokens.json").read_text("utf-8"))
    return data


def palette_of(theme: str) -> dict[str, str]:
    """The colour tokens of a theme: light, dark, presentation-light, presentation-dark."""
    themes: dict[str, dict[str, str]] = tokens()["themes"]
    return themes[theme]


def severity_color(severity: str) -> QColor:
    return QColor(tokens()["severity"].get(severity, "#8C8C8C"))


# The words for the timeline kinds (facilitator.db.models.KINDS); glyphs and colours are in
# tokens.json, so the table, the walkthrough and the report draw a kind the same way.
KIND_LABELS = {
    "detection": "Detection",
    "alert": "Alert",
    "action": "Action",
    "decision": "Decision",
    "communication": "Communication",
    "escalation": "Escalation",
    "mitigation": "Mitigation",
    "resolution": "Resolution",
    "note": "Note",
}


class KindLook(NamedTuple):
    """How a timeline kind is drawn: a glyph, its colour on this theme, and its label —
    never the colour alone (DESIGN section 9)."""

    glyph: str
    color: str
    label: str


def kind_look(kind: str, *, dark: bool = False) -> KindLook:
    """The look of a timeline kind on a light or a dark background."""
    spec = tokens()["kinds"].get(kind, tokens()["kinds"]["note"])
    label = KIND_LABELS.get(kind, kind.capitalize())
    return KindLook(
        spec["glyph"], spec["dark" if dark else "light"], QCoreApplication.translate("kinds", label)
    )


def key_star_color(*, dark: bool = False) -> str:
    """The star of a key event: a warm colour beside the filled shape that carries it."""
    colors: dict[str, str] = tokens()["key_star"]
    return colors["dark" if dark else "light"]


def fusion_app(argv: list[str]) -> QApplication:
    """A QApplication made with the Fusion style (see FUSION_GIVEN)."""
    app = QApplication([*argv[:1], "-style", "Fusion"])
    app.setProperty(FUSION_GIVEN, True)
    return app


def is_dark(palette: QPalette) -> bool:
    """Whether a widget is drawn on a dark background (which kind colours to use)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


# The faces the library window draws with (body text; headings and its primary button are
# semibold). The other faces are registered after its first paint: each file is ~2 ms of
# start-up (DESIGN section 7), and nothing on that window is bold or italic.
FIRST_FACES = ("Inter-Regular.otf", "Inter-SemiBold.otf")


def load_fonts(wanted: Callable[[str], bool] = lambda _name: True) -> str:
    """Register the shipped OFL font's faces (the files `wanted` by name); return the family
    to use (the system's if none could be registered)."""
    families: list[str] = []
    for path in sorted(resource_path("fonts").glob("*.otf")):
        if wanted(path.name):
            font_id = QFontDatabase.addApplicationFont(str(path))
            families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return FONT_FAMILY if FONT_FAMILY in families else QFont().defaultFamily()


def set_role(widget: QWidget, role: str, name: str = "role") -> None:
    """Give a widget a style role (`h1`, `muted`, `error`…) and re-apply the style sheet."""
    if widget.property(name) == role:
        # Unchanged: re-polishing recomputes the sheet's rules for the widget and lays its
        # window out again; the running timer asked for that three times a second.
        return
    widget.setProperty(name, role)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return  # not styled yet: the sheet reads the role when it first is
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two `#RRGGBB` colours."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def render(template: str, theme: str, scale: dict[str, float], zoom: float, family: str) -> str:
    values: dict[str, str] = dict(palette_of(theme))
    values.update({name: f"{size * zoom:.1f}pt" for name, size in scale.items()})
    fonts = ", ".join(f'"{f}"' for f in (family, *FALLBACK_FAMILIES) if f != "sans-serif")
    values["font_family"] = f"{fonts}, sans-serif"
    shade = "dark" if "dark" in theme else "light"
    values["chevron"] = resource_path("icons", f"chevron-down-{shade}.svg").as_posix()
    text = resource_path("styles", template).read_text("utf-8")
    return Template(text).substitute(values)


class Style(QObject):
    """The app's theme and zoom; `changed` fires when either changes so windows restyle."""

    changed = Signal()

    def __init__(
        self,
        app: QApplication,
        settings: QSettings,
        scheme: str | None = None,
        *,
        first_faces_only: bool = False,
    ):
        super().__init__(app)
        self._app = app
        self._settings = settings
        self._forced = scheme
        self._all_faces = not first_faces_only
        self.family = load_fonts(lambda name: self._all_faces or name in FIRST_FACES)
        self.zoom = float(settings.value(ZOOM_KEY, 1.0, type=float))  # type: ignore[arg-type]
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self.apply)
        if app.property(FUSION_GIVEN) is None:
            app.setStyle("Fusion")

    def load_all_faces(self) -> None:
        """Register the faces `first_faces_only` left out (see FIRST_FACES): once the library
        has been painted, and before any other window is built."""
        if not self._all_faces:
            self._all_faces = True
            load_fonts(lambda name: name not in FIRST_FACES)

    @property
    def scheme(self) -> str:
        if self._forced:
            return self._forced
        dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
        return "dark" if dark else "light"

    def force_scheme(self, scheme: str | None) -> None:
        self._forced = scheme
        self.apply()

    def colors(self, presenting: bool = False) -> dict[str, str]:
        return palette_of(f"presentation-{self.scheme}" if presenting else self.scheme)

    def apply(self) -> None:
        colors = self.colors()
        palette = QPalette()
        for role, token in (
            (QPalette.ColorRole.Window, "bg"),
            (QPalette.ColorRole.Base, "bg"),
            (QPalette.ColorRole.AlternateBase, "surface"),
            (QPalette.ColorRole.Text, "text"),
            (QPalette.ColorRole.WindowText, "text"),
            (QPalette.ColorRole.ButtonText, "text"),
            (QPalette.ColorRole.Button, "surface_strong"),
            (QPalette.ColorRole.Highlight, "selection"),
            (QPalette.ColorRole.HighlightedText, "text"),
            (QPalette.ColorRole.PlaceholderText, "muted"),
            (QPalette.ColorRole.ToolTipBase, "surface_strong"),
            (QPalette.ColorRole.ToolTipText, "text"),
        ):
            palette.setColor(role, QColor(colors[token]))
        self._app.setPalette(palette)
        font = QFont(self.family)
        font.setFamilies([self.family, *FALLBACK_FAMILIES[:-1]])
        font.setPointSizeF(tokens()["type_scale_pt"]["body"] * self.zoom)
        self._app.setFont(font)
        scale = tokens()["type_scale_pt"]
        self._app.setStyleSheet(render("app.qss", self.scheme, scale, self.zoom, self.family))
        self.changed.emit()

    def presentation_sheet(self) -> str:
        scale = tokens()["presentation_scale_pt"]
        theme = f"presentation-{self.scheme}"
        return render("presentation.qss", theme, scale, self.zoom, self.family)

    def zoom_in(self) -> None:
        self._set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 1e-6), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        smaller = [z for z in ZOOM_STEPS if z < self.zoom - 1e-6]
        self._set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def zoom_reset(self) -> None:
        self._set_zoom(1.0)

    def _set_zoom(self, zoom: float) -> None:
        if abs(zoom - self.zoom) < 1e-6:
            return
        self.zoom = zoom
        self._settings.setValue(ZOOM_KEY, zoom)
        self.apply()
