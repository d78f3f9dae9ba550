"""Render sample PDFs and run a PDF/UA-1 checker over them; not part of the test suite.

    .venv/bin/python scripts/check_pdf_ua.py [--out DIR] [--checker verapdf|outloud]

The samples: the summary of every example file in tests/examples (with and without the
appendix), a 20-row and a 150-row draft, and the request for omprövning of the example with a
decision. The checker:
- veraPDF (`verapdf` on PATH, or VERAPDF=/path/to/verapdf), profile PDF/UA-1: the validator the
  issue asks for. It is not on PyPI, npm or Debian, and Maven Central is not reachable here,
  so it could not be installed on this machine; the script uses it wherever it is.
- outloud (PyPI, Apache-2.0; `pip install outloud` into a venv of its own, since it pulls in
  PyMuPDF, which is AGPL): a Python checker of the machine-checkable PDF/UA-1 (Matterhorn)
  checkpoints plus some semantic checks. Not a conformance validator, but it reads the tag
  tree, the table headers, the artifacts and the fonts. OUTLOUD=/path/to/outloud picks one
  outside PATH.
Exits 1 when the checker reports an error (outloud's warnings are printed, not counted).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINTED_ON = date(2026, 11, 22)


def samples(out: Path) -> list[Path]:
    os.environ.setdefault("DJANGO_SECRET_KEY", "check-only-not-a-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "behovsraknare.settings")
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    import django

    django.setup()
    from bench_pdf import sample_rows

    from assessments import files, pdf, rules

    written = []

    def write(name: str, body: bytes) -> None:
        path = out / f"{name}.pdf"
        path.write_bytes(body)
        written.append(path)

    examples = sorted((ROOT / "tests" / "examples").glob("*.json"))
    for path in (p for p in examples if not p.name.endswith(".expected.json")):
        draft = files.read(path.read_bytes())
        write(path.stem, pdf.render_summary(draft, printed_on=PRINTED_ON))
        write(
            f"{path.stem}-bilaga", pdf.render_summary(draft, printed_on=PRINTED_ON, appendix=True)
        )
        if draft.decision is not None:
            write(
                f"{path.stem}-omprovning", pdf.render_reconsideration(draft, printed_on=PRINTED_ON)
            )
    for count in (20, 150):
        draft = rules.Assessment(date(2024, 11, 22), sample_rows(count), age=9)
        write(f"rader-{count}", pdf.render_summary(draft, printed_on=PRINTED_ON))
    return written


def find(name: str) -> str | None:
    return os.environ.get(name.upper()) or shutil.which(name)


def run_verapdf(verapdf: str, paths: list[Path]) -> bool:
    done = subprocess.run(
        [verapdf, "--flavour", "ua1", "--format", "text", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    print(done.stdout, done.stderr, sep="")
    return done.returncode == 0


def run_outloud(outloud: str, paths: list[Path]) -> bool:
    done = subprocess.run([outloud, "--no-info", *map(str, paths)], capture_output=True, text=True)
    print(done.stdout, done.stderr, sep="")
    return done.returncode == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the PDFs in this folder")
    parser.add_argument("--checker", choices=["verapdf", "outloud"])
    args = parser.parse_args()

    out = args.out or Path(tempfile.mkdtemp(prefix="pdf-ua-"))
    out.mkdir(parents=True, exist_ok=True)
    paths = samples(out)
    print(f"{len(paths)} PDFs in {out}")
    checkers = [args.checker] if args.checker else ["verapdf", "outloud"]
    for name in checkers:
        if program := find(name):
            ok = (run_verapdf if name == "verapdf" else run_outloud)(program, paths)
            sys.exit(0 if ok else 1)
    sys.exit(f"No PDF/UA checker found ({', '.join(checkers)}): see this script's docstring.")


if __name__ == "__main__":
    main()
