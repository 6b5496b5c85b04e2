"""The lrnotes benchmark: one run measures everything and writes benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/run.py            # everything (about 10 minutes)
    .venv/bin/python benchmarks/run.py --quick    # smaller sizes, no test-suite or build timing

Measured, as ratios where a target exists (targets from the foundation issue):
- ``simulate`` against a bare hand-written torch loop doing the same steps (target <= 1.05x);
- each closed form against torch stepping, equal within 1e-12 (target >= 1000x at 10^6);
- peak memory of a 10^6-step ``simulate``;
- wall time of the README test command and of a book rebuild with nothing changed;
- size of each built chapter page with its images.
Speed goals live here, never in a timed test.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.optim.lr_scheduler import (
    ConstantLR,
    CosineAnnealingLR,
    CosineAnnealingWarmRestarts,
    CyclicLR,
    ExponentialLR,
    LambdaLR,
    LinearLR,
    LRScheduler,
    MultiplicativeLR,
    MultiStepLR,
    OneCycleLR,
    PolynomialLR,
    StepLR,
)

import lrnotes
from lrnotes import formulas

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def best_of(repeats: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeats`` wall times of ``run()``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_loop(make: Callable[[torch.optim.Optimizer], LRScheduler], steps: int) -> list[float]:
    """What a reader writes by hand: record the lr, optimizer.step(), scheduler.step()."""
    weight = torch.nn.Parameter(torch.zeros(1))
    optimizer = torch.optim.SGD([{"params": [weight], "lr": 0.1}], lr=0.1)
    scheduler = make(optimizer)
    lrs = []
    for _ in range(steps):
        lrs.append(float(optimizer.param_groups[0]["lr"]))
        optimizer.step()
        scheduler.step()
    return lrs


def half(epoch: int) -> float:
    return 0.9999**epoch


def without_lr(closed: Callable[..., Any]) -> Callable[..., Any]:
    """CyclicLR and OneCycleLR set their own lrs: their closed forms take no ``lr``."""

    def call(t: Any, lr: float, **kwargs: Any) -> Any:
        return closed(t, **kwargs)

    return call


#: scheduler class, its arguments, and the closed form with the same arguments.
CASES: list[tuple[type[LRScheduler], dict[str, Any], Callable[..., Any]]] = [
    (StepLR, {"step_size": 1000, "gamma": 0.5}, formulas.steplr),
    (MultiStepLR, {"milestones": [10, 1000, 5000, 50_000], "gamma": 0.5}, formulas.multisteplr),
    (ExponentialLR, {"gamma": 0.99999}, formulas.exponentiallr),
    (CosineAnnealingLR, {"T_max": 1000, "eta_min": 0.001}, formulas.cosineannealinglr),
    (LambdaLR, {"lr_lambda": half}, formulas.lambdalr),
    (MultiplicativeLR, {"lr_lambda": lambda epoch: 0.99999}, formulas.multiplicativelr),
    (ConstantLR, {"factor": 0.5, "total_iters": 5000}, formulas.constantlr),
    (LinearLR, {"start_factor": 0.01, "total_iters": 50_000}, formulas.linearlr),
    (PolynomialLR, {"total_iters": 1_000_000, "power": 2.0}, formulas.polynomiallr),
    (CosineAnnealingWarmRestarts, {"T_0": 1000, "T_mult": 2, "eta_min": 0.001}, formulas.cosineannealingwarmrestarts),
    (CyclicLR, {"base_lr": 0.001, "max_lr": 0.1, "step_size_up": 2000}, without_lr(formulas.cycliclr)),
    (OneCycleLR, {"max_lr": 0.1, "total_steps": 1_000_000}, without_lr(formulas.onecyclelr)),
]


def simulate_overhead(sizes: list[int]) -> list[str]:
    rows = ["| steps | bare torch loop (s) | `simulate` (s) | ratio (target <= 1.05) |", "|---:|---:|---:|---:|"]
    # Best of 9 (10^3, 10^4) or 3 (10^5) runs of each, alternating.
    bare_loop(lambda opt: StepLR(opt, 1000), 200)  # warm torch up before timing
    for steps in sizes:
        repeats = 9 if steps <= 10_000 else 3
        bare_times, our_times = [], []
        for _ in range(repeats):  # alternate the two, so a busy moment hits both alike
            bare_times.append(best_of(1, lambda: bare_loop(lambda opt: StepLR(opt, 1000, 0.5), steps)))  # noqa: B023
            our_times.append(best_of(1, lambda: lrnotes.simulate(StepLR, steps, lr=0.1, step_size=1000, gamma=0.5)))  # noqa: B023
        bare, ours = min(bare_times), min(our_times)
        rows.append(f"| {steps:,} | {bare:.3f} | {ours:.3f} | {ours / bare:.3f}x |")
    return rows


def closed_forms(sizes: list[int]) -> list[str]:
    rows = [
        "| scheduler | steps | torch stepping (s) | closed form (s) | speed-up (target >= 1000x at 10^6) "
        "| max relative difference |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for cls, kwargs, closed in CASES:
        for steps in sizes:
            start = time.perf_counter()
            torch_lrs = np.array(bare_loop(lambda opt: cls(opt, **kwargs), steps))  # noqa: B023
            torch_time = time.perf_counter() - start
            t = np.arange(steps)
            closed_time = best_of(5, lambda: closed(t, lr=0.1, **kwargs))  # noqa: B023
            values = closed(t, lr=0.1, **kwargs)
            difference = float(np.max(np.abs(values - torch_lrs) / np.maximum(np.abs(torch_lrs), 1e-300)))
            rows.append(
                f"| {cls.__name__} | {steps:,} | {torch_time:.2f} | {closed_time * 1000:.2f} ms "
                f"| {torch_time / closed_time:,.0f}x | {difference:.1e} |"
            )
    return rows


def peak_memory(steps: int) -> list[str]:
    tracemalloc.start()
    trace = lrnotes.simulate(StepLR, steps, lr=0.1, step_size=1000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del trace
    return [f"Peak Python memory of `simulate(StepLR, {steps:,})` (tracemalloc): **{peak / 2**20:.1f} MiB**."]


def real_training() -> list[str]:
    """The real-training chapters' building blocks, as the notebooks call them (best of 3)."""
    data = lrnotes.load_digits()
    model = lrnotes.make_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    batches = data.batches(32)
    cases: list[tuple[str, Callable[[], object]]] = [
        ("`load_digits()` (scikit-learn's shipped data, split)", lrnotes.load_digits),
        ("`train(epochs=20)` (43 batches of 32 per epoch, float64)", lambda: lrnotes.train(epochs=20, data=data)),
        (
            "`lr_range_test(steps=100)` on the digits model",
            lambda: lrnotes.lr_range_test(model, optimizer, torch.nn.functional.cross_entropy, batches),
        ),
    ]
    rows = ["| what | seconds (best of 3) |", "|---|---:|"]
    rows += [f"| {name} | {best_of(3, run):.3f} |" for name, run in cases]
    return rows


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)  # no terminal colours in the table
    tail = [line for line in text.strip().splitlines() if line.strip("=- ")][-1:] or [""]
    return elapsed, f"exit {result.returncode}: {tail[0]}"


def suite_and_build() -> list[str]:
    rows = ["| what | wall time (s) | last line |", "|---|---:|---|"]
    seconds, last = timed([str(BIN / "python"), "-m", "pytest", "-q"], ROOT)
    rows.append(f"| README test command (`python -m pytest`, 2 workers) | {seconds:.1f} | `{last}` |")
    timed([str(BIN / "jupyter-book"), "build", "."], ROOT)  # make sure a build exists
    seconds, last = timed([str(BIN / "jupyter-book"), "build", "."], ROOT)
    rows.append(f"| book rebuild, nothing changed (`jupyter-book build .`) | {seconds:.1f} | `{last[:60]}` |")
    return rows


def page_sizes() -> list[str]:
    html = ROOT / "_build" / "html"
    rows = ["| page | HTML (KB) | images (KB) | total (KB) |", "|---|---:|---:|---:|"]
    if not html.exists():
        return ["(no build found: run without --quick)"]
    for page in sorted((html / "book").glob("*/*.html")):
        text = page.read_text(encoding="utf-8")
        images = {page.parent / src for src in re.findall(r'<img[^>]+src="([^"]+)"', text)}
        image_bytes = sum(path.resolve().stat().st_size for path in images if path.resolve().exists())
        page_bytes = page.stat().st_size
        name = page.relative_to(html).as_posix()
        rows.append(
            f"| {name} | {page_bytes / 1024:.0f} | {image_bytes / 1024:.0f} | {(page_bytes + image_bytes) / 1024:.0f} |"
        )
    return rows


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1) if found else cpu
    return [
        f"- date: {datetime.date.today().isoformat()}",
        f"- machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}, torch {torch.__version__}, numpy {np.__version__}, "
        f"lrnotes {lrnotes.__version__}; torch threads: {torch.get_num_threads()}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes; skip the test suite and the build")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    torch.set_num_threads(1)
    overhead_sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    closed_sizes = [10_000] if args.quick else [10_000, 100_000, 1_000_000]
    memory_steps = 10_000 if args.quick else 1_000_000

    sections = [
        "# lrnotes benchmark results",
        "",
        "Written by `benchmarks/run.py`" + (" --quick" if args.quick else "") + "; numbers from one run.",
        "",
        *machine(),
        "",
        "## `simulate` against a bare torch loop (StepLR)",
        "",
        *simulate_overhead(overhead_sizes),
        "",
        "## Closed forms against torch stepping (closed form: best of 5; torch: one bare loop)",
        "",
        *closed_forms(closed_sizes),
        "",
        "## Memory",
        "",
        *peak_memory(memory_steps),
        "",
        "## Real training (one thread)",
        "",
        *real_training(),
        "",
    ]
    if not args.quick:
        sections += ["## Test command and book build", "", *suite_and_build(), ""]
    sections += ["## Built pages (`_build/html`)", "", *page_sizes(), ""]
    args.out.write_text("\n".join(sections), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
