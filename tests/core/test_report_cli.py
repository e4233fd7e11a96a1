"""`facilitator export` for the write-up: pdf and html, variants, paper, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from facilitator.report.document import VARIANTS
from tests.core.test_cli import run


@pytest.fixture
def demo_id(db_path: Path) -> str:
    status, out, _ = run(db_path, "demo")
    assert status == 0
    return out.strip()


def test_pdf_with_variant_and_paper(db_path: Path, demo_id: str, tmp_path: Path) -> None:
    target = tmp_path / "pre-read.pdf"
    status, out, err = run(
        db_path, "export", demo_id, "--format", "pdf", "--variant", "pre-read",
        "--paper", "letter", "-o", str(target),
    )  # fmt: skip
    assert (status, out, err) == (0, "", "")
    page = PdfReader(target).pages[0]
    assert round(float(page.mediabox.width)) == 612


def test_html_to_stdout_is_the_self_contained_document(db_path: Path, demo_id: str) -> None:
    status, out, _ = run(db_path, "export", demo_id, "--format", "html", "--variant", "public")
    assert status == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "Priya Raman" not in out
    assert "<svg" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "a PDF export needs a file to write; add -o FILE.pdf."),
        (
            ["--format", "json", "--variant", "public"],
            "is a pdf, html or md variant; json is always full.",
        ),
    ],
)
def test_bad_export_requests_exit_2_with_one_sentence(
    db_path: Path, demo_id: str, args: list[str], message: str
) -> None:
    status, out, err = run(db_path, "export", demo_id, *args)
    assert status == 2
    assert out == ""
    assert err.startswith("facilitator: ")
    assert err.strip().endswith(message)
    assert err.count("\n") == 1


def test_unknown_variant_is_refused_by_the_parser(db_path: Path, demo_id: str) -> None:
    status, _, err = run(db_path, "export", demo_id, "--format", "pdf", "--variant", "x")
    assert status == 2
    assert "invalid choice" in err


def test_the_command_line_knows_every_variant() -> None:
    from facilitator import cli

    assert cli.EXPORT_VARIANTS == VARIANTS
