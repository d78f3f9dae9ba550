"""Time `manage.py summary` against one bare tagged WeasyPrint table of the same rows (issue 22
item 4), interleaved in one run, through the command's own path.

Not a test: it writes a draft of `--rows` rows (the mix of scripts/bench_pdf.py) as an
assessment file, then, in turn, round after round:
- in-process (`--mode process` leaves it out): the command as `call_command("summary", FILE,
  output=PDF)` in this process, which reads and checks the file, calculates, renders the
  template and lays out the PDF, against `bench_pdf.render_bare` (the rows calculated, one bare
  table, A4, DejaVu Sans, PDF/UA-1) in the same process. Imports and Django's start are paid
  once, before the rounds, by both;
- as a process (`--mode inprocess` leaves it out): `python manage.py summary FILE -o PDF`, as a
  person runs it, against `python -c` that imports WeasyPrint and writes the same bare table's
  PDF (its HTML made beforehand). Both pay Python's start and their imports every time; the
  command also pays Django's.
The in-process rounds also time the PDF button's path, `render_pool.render_summary` on the
same draft stored in the (throw-away) database: the HTML built here and laid out in a process
forked from the fork server, as the view does.
`--mode render` (this checkout only) times the render alone instead: the summary's HTML with
its whole style inline and fonts loaded anew (as before issue 22), the same with the
stylesheet and fonts kept (now; the same PDF, checked), and the bare table, in turn.
Each line prints the medians and the fastest of both, the ratio of the medians and the load
average. Both PDFs are checked to be PDF/UA-1 and to hold their text.

Usage (from the project root):
    .venv/bin/python scripts/bench_summary.py [--rounds 5] [--rows 20] [--mode both] [--root DIR]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

# `--root DIR` measures another checkout (e.g. `git worktree add --detach /tmp/before 6394edb`)
# with the same rows and bare table: its own bench_pdf.py, manage.py and code.
ROOT = Path(__file__).resolve().parent.parent
if "--root" in sys.argv:
    ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
sys.path.insert(0, str(ROOT / "scripts"))

import bench_pdf  # noqa: E402 - the rows and the bare table are bench_pdf's

PRINTED_ON = bench_pdf.PRINTED_ON.isoformat()

# The bare table as a process: WeasyPrint's import, the parse, the layout and the PDF, nothing
# else (no Django, no rules: its HTML is made once beforehand).
BARE_PROCESS = """
import sys, weasyprint
html = open(sys.argv[1], encoding="utf-8").read()
pdf = weasyprint.HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1")
open(sys.argv[2], "wb").write(pdf)
"""


def cpu_seconds() -> float:
    """This process's CPU time and that of its ended children (user and system)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(function, cpu: list[float]) -> float:
    """Wall-clock milliseconds; the CPU milliseconds go to `cpu` (a machine busy with other
    work slows the wall clock more than the CPU time)."""
    start, start_cpu = time.perf_counter(), cpu_seconds()
    function()
    cpu.append((cpu_seconds() - start_cpu) * 1000)
    return (time.perf_counter() - start) * 1000


def load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def check_pdf(path: Path, text: str) -> None:
    from pypdf import PdfReader  # a test dependency, installed with .[test]

    catalog = PdfReader(path).trailer["/Root"]
    assert b'pdfuaid:part="1"' in catalog["/Metadata"].get_object().get_data(), path
    assert "/StructTreeRoot" in catalog, path
    shown = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text in shown, f"{text!r} not in {path}"


def report(label, rows, command, bare, cpu, *, counted_cpu=True) -> None:
    ratio = statistics.median(command) / statistics.median(bare)
    command_cpu, bare_cpu = (statistics.median(times) for times in cpu)
    # The button's render process is the fork server's child, not this process's: its CPU
    # time is not counted here.
    cpu_text = (
        f"CPU time {command_cpu:.0f} ms and {bare_cpu:.0f} ms: ratio {command_cpu / bare_cpu:.2f}"
        if counted_cpu
        else f"CPU time of the bare table {bare_cpu:.0f} ms"
    )
    print(
        f"{label}, {rows} rows, {len(command)} rounds: summary command median "
        f"{statistics.median(command):.0f} ms (min {min(command):.0f}), bare table median "
        f"{statistics.median(bare):.0f} ms (min {min(bare):.0f}): ratio {ratio:.2f} "
        f"(min {min(command) / min(bare):.2f}); {cpu_text}; load average {load()}",
        flush=True,
    )


def in_process(file: Path, draft, rounds: int, tmp: Path) -> None:
    from django.core.management import call_command

    from assessments import render_pool
    from assessments.models import Assessment

    out = tmp / "inprocess.pdf"
    stored = Assessment.objects.create_from(draft)

    def command():
        call_command("summary", str(file), output=str(out), printed_on=bench_pdf.PRINTED_ON)

    def button():
        # The PDF button's work in the view: the draft from the database, its size checked,
        # the HTML, and the layout in a process forked from the worker's fork server.
        (tmp / "button.pdf").write_bytes(
            render_pool.render_summary(stored, printed_on=bench_pdf.PRINTED_ON, appendix=False)
        )

    def bare():
        (tmp / "bare-inprocess.pdf").write_bytes(bench_pdf.render_bare(draft))

    render_pool.start()  # as gunicorn's post_worker_init does
    command()  # the first call of each loads fonts and caches, as a server's first PDF does
    button()
    bare()
    check_pdf(out, "Dusch med")
    check_pdf(tmp / "button.pdf", "Dusch med")
    check_pdf(tmp / "bare-inprocess.pdf", "Dusch med")
    times, buttons, floor, cpu = [], [], [], ([], [], [])
    for _round in range(rounds):
        times.append(timed(command, cpu[0]))
        buttons.append(timed(button, cpu[1]))
        floor.append(timed(bare, cpu[2]))
    rows = len(draft.activities)
    report("in-process (call_command)", rows, times, floor, (cpu[0], cpu[2]))
    label = "the PDF button's path (render_pool.render_summary)"
    report(label, rows, buttons, floor, cpu[1:], counted_cpu=False)


def render_alone(draft, rounds: int) -> None:
    """The render alone, three in turn in this process (CPU time): the summary as before issue
    22 (its whole style in the document's <style>, a new font configuration per render,
    WeasyPrint's default), as now (`pdf.html_to_pdf`: the stylesheet parsed once, the fonts
    kept), and the bare table. The first two must be the same PDF."""
    import weasyprint
    from django.template.loader import render_to_string

    from assessments import fonts, pdf

    html = pdf.summary_html(draft, printed_on=bench_pdf.PRINTED_ON)
    style = render_to_string(pdf.SUMMARY_STYLESHEET, {"font_stack": fonts.css_stack()})
    inline = html.replace("<style>", "<style>" + style, 1)

    def inline_anew():
        document = weasyprint.HTML(string=inline, base_url=None, url_fetcher=pdf.NO_NETWORK_FETCHER)
        return document.write_pdf(pdf_variant=pdf.PDF_VARIANT)

    def kept():
        return pdf.html_to_pdf(html, pdf.SUMMARY_STYLESHEET)

    assert inline_anew() == kept(), "not the same PDF"
    bench_pdf.render_bare(draft)
    cpu = {"before": [], "now": [], "bare": []}
    for _round in range(rounds):
        for name, function in (
            ("before", inline_anew),
            ("now", kept),
            ("bare", lambda: bench_pdf.render_bare(draft)),
        ):
            timed(function, cpu[name])
    before, now, bare = (statistics.median(cpu[name]) for name in ("before", "now", "bare"))
    print(
        f"the render alone, {len(draft.activities)} rows, {rounds} rounds, CPU time medians: "
        f"style inline and fonts anew {before:.0f} ms, stylesheet and fonts kept {now:.0f} ms, "
        f"bare table {bare:.0f} ms: ratios {before / bare:.2f} and {now / bare:.2f}; "
        f"load average {load()}",
        flush=True,
    )


def as_process(file: Path, draft, rounds: int, tmp: Path) -> None:
    html = tmp / "bare.html"
    html.write_text(bench_pdf.bare_table_html(draft), encoding="utf-8")
    env = dict(os.environ)
    # As installed: Python may write and use compiled modules (the first run writes them).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    python = sys.executable
    command = [python, str(ROOT / "manage.py"), "summary", str(file), "-o", str(tmp / "p.pdf")]
    command += ["--printed-on", PRINTED_ON]
    bare = [python, "-c", BARE_PROCESS, str(html), str(tmp / "bare-p.pdf")]

    def run(argv):
        subprocess.run(argv, check=True, env=env, cwd=ROOT)

    run(command)
    run(bare)
    check_pdf(tmp / "p.pdf", "Dusch med")
    check_pdf(tmp / "bare-p.pdf", "Dusch med")
    times, floor, cpu = [], [], ([], [])
    for _round in range(rounds):
        times.append(timed(lambda: run(command), cpu[0]))
        floor.append(timed(lambda: run(bare), cpu[1]))
    label = "as a process (python manage.py summary)"
    report(label, len(draft.activities), times, floor, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rows", type=int, default=20)
    parser.add_argument(
        "--mode", choices=["both", "inprocess", "process", "render"], default="both"
    )
    parser.add_argument("--root", default=str(ROOT), help="the checkout to measure")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="No directory at")

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        # Render slots of its own, not the host's.
        os.environ["PDF_RENDER_LOCK_DIR"] = str(tmp / "locks")
        bench_pdf.setup_django(tmp / "bench.sqlite3")
        from assessments import files, rules

        draft = rules.Assessment(
            bench_pdf.date(2024, 11, 22),
            bench_pdf.sample_rows(args.rows),
            age=9,
            title=f"Mätning med {args.rows} rader",
        )
        file = tmp / "draft.json"
        file.write_text(files.write(draft), encoding="utf-8")
        draft = files.read(file.read_bytes())
        if args.mode == "render":
            render_alone(draft, args.rounds)
            return
        if args.mode != "process":
            in_process(file, draft, args.rounds, tmp)
        if args.mode != "inprocess":
            as_process(file, draft, args.rounds, tmp)


if __name__ == "__main__":
    main()
