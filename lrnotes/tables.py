"""Deterministic lr tables printed from a :class:`~lrnotes.simulation.Trace`.

Taught in: the StepLR chapter (``book/*/steplr.ipynb``), the table after the minimal code.
The numbers are formatted with the fewest significant digits (at least 4) that still show
every real change between two neighbouring rows, so a table never hides a change and never
prints float noise such as ``0.0010000000000000002``.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Sequence

from ._checks import traces as checked_traces
from ._checks import whole_number
from .catalog import SCHEDULERS
from .i18n import Language, message
from .simulation import Trace

__all__ = ["choose_digits", "format_catalog", "format_table", "is_change", "print_catalog", "print_table"]

#: Two values closer than this (relative) are the same lr: float noise, not a change.
REL_TOL = 1e-12
MIN_DIGITS = 4
MAX_DIGITS = 15


def is_change(before: float, after: float) -> bool:
    """True if ``after`` differs from ``before`` by more than float noise.

    >>> is_change(0.01, 0.001), is_change(0.001, 0.0010000000000000002)
    (True, False)
    """
    return not math.isclose(before, after, rel_tol=REL_TOL, abs_tol=0.0)


def choose_digits(columns: Sequence[Sequence[float]]) -> int:
    """The fewest significant digits (4 to 15) that show every change within each column.

    >>> choose_digits([[0.1, 0.1000001]])
    7
    """
    for digits in range(MIN_DIGITS, MAX_DIGITS + 1):
        if all(
            f"{a:.{digits}g}" != f"{b:.{digits}g}"
            for column in columns
            for a, b in itertools.pairwise(column)
            if is_change(a, b)
        ):
            return digits
    return MAX_DIGITS


def _width(text: str) -> int:
    """Columns a string takes in a monospace font (Hangul and Han characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _render(header: list[str], body: list[list[str]], right: list[bool]) -> str:
    """Align the columns of a text table (numbers to the right, words to the left)."""
    widths = [max(_width(cell) for cell in column) for column in zip(header, *body, strict=True)]
    lines = []
    for line in [header, *body]:
        cells = []
        for cell, width, to_right in zip(line, widths, right, strict=True):
            fill = " " * (width - _width(cell))
            cells.append(fill + cell if to_right else cell + fill)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _columns(trace: Trace, name: str | None, lang: Language | None) -> tuple[list[str], list[list[float]]]:
    """Headers and values of one trace's columns: its lrs, then its momenta if cycled.

    ``name`` prefixes every header (the trace's label when several traces share a table).
    """
    headers: list[str] = []
    columns: list[list[float]] = []
    series: list[tuple[str, tuple[tuple[float, ...], ...]]] = [(message("lr", lang), trace.lrs)]
    if trace.momenta is not None and trace.momentum_name is not None:
        series.append((message(trace.momentum_name, lang), trace.momenta))
    for word, rows in series:
        for group in range(trace.groups):
            header = word if name is None else f"{name} {word}" if word != message("lr", lang) else name
            headers.append(header if trace.groups == 1 else f"{header}[{group}]")
            columns.append([row[group] for row in rows])
    return headers, columns


def _is_momentum(header: str, lang: Language | None) -> bool:
    names = (message("momentum", lang), message("beta1", lang))
    return any(
        header == name or header.startswith((f"{name}[", f"{name} ")) or header.endswith(f" {name}") for name in names
    )


def _plateau_columns(trace: Trace, lang: Language | None) -> tuple[list[str], list[list[str]]]:
    """ReduceLROnPlateau's state after each ``step(metric)``: metric, best, bad epochs, cooldown."""
    if trace.plateau is None:
        return [], []
    metrics = [row[0] for row in trace.plateau]
    bests = [row[1] for row in trace.plateau]
    shown = choose_digits([metrics, bests])
    headers = [message(key, lang) for key in ("metric", "best", "bad_epochs", "cooldown")]
    cells = [[f"{row[0]:.{shown}g}", f"{row[1]:.{shown}g}", str(row[2]), str(row[3])] for row in trace.plateau]
    return headers, cells


def format_table(
    *traces: Trace,
    changes_only: bool = False,
    epoch_starts: bool = False,
    steps: Sequence[int] | None = None,
    momentum: bool = True,
    digits: int | None = None,
    lang: Language | None = None,
) -> str:
    """The lr table of one trace, or of several side by side, as text; one row per step.

    Columns: ``epoch`` (and ``step`` first, when an epoch has several steps), one ``lr``
    column per param group, and the momentum (or Adam's beta1) when the scheduler cycles it.
    Several traces (same number of steps and of steps per epoch) get one column each, headed
    by the trace's label (``simulate(..., label="...")``) or else its settings.
    ``changes_only=True`` keeps the first row and the rows where any value changes;
    ``epoch_starts=True`` keeps the first step of every epoch (for per-batch traces);
    ``steps=[...]`` keeps only those steps (e.g. around a restart). ``momentum=False``
    leaves out the momentum (beta1) columns. The digits are chosen from the rows printed.
    A ReduceLROnPlateau trace also shows, after each ``step(metric)``, the metric, the best
    value so far, the count of bad epochs and the cooldown counter.
    ``digits`` fixes the significant digits; by default :func:`choose_digits` picks them.

    >>> from lrnotes import simulate
    >>> print(format_table(simulate("StepLR", 4, lr=0.01, step_size=2), lang="en"))
    epoch     lr
        0   0.01
        1   0.01
        2  0.001
        3  0.001
    >>> fast = simulate("StepLR", 4, lr=0.01, step_size=1, label="every step")
    >>> slow = simulate("StepLR", 4, lr=0.01, step_size=2, label="every 2")
    >>> print(format_table(fast, slow, lang="en"))
    epoch  every step  every 2
        0        0.01     0.01
        1       0.001     0.01
        2      0.0001    0.001
        3       1e-05    0.001
    """
    shown_traces = checked_traces(traces, "format_table")
    if digits is not None:
        whole_number(digits, "digits", 1, 17)
    chosen: set[int] = set()
    if steps is not None:
        if isinstance(steps, (str, bytes)) or not isinstance(steps, Sequence | range):
            raise TypeError(f"steps must be a list of step numbers; got {type(steps).__name__}")
        chosen = {whole_number(k, f"steps[{i}]", 0, shown_traces[0].steps - 1) for i, k in enumerate(steps)}
    first = shown_traces[0]
    for other in shown_traces[1:]:
        if other.steps != first.steps or other.batches_per_epoch != first.batches_per_epoch:
            raise ValueError(
                "traces side by side must have the same steps and batches_per_epoch; got "
                f"{first.steps} and {other.steps} steps, {first.batches_per_epoch} and "
                f"{other.batches_per_epoch} per epoch"
            )
    value_headers: list[str] = []
    value_columns: list[list[float]] = []
    for trace in shown_traces:
        name = trace.describe(lang) if len(shown_traces) > 1 else None
        headers, columns = _columns(trace, name, lang)
        value_headers += headers
        value_columns += columns
    if not momentum:
        keep = [i for i, header in enumerate(value_headers) if not _is_momentum(header, lang)]
        value_headers = [value_headers[i] for i in keep]
        value_columns = [value_columns[i] for i in keep]

    rows = [
        step
        for step in range(first.steps)
        if (not changes_only or step == 0 or any(is_change(column[step - 1], column[step]) for column in value_columns))
        and (not epoch_starts or step % first.batches_per_epoch == 0)
        and (steps is None or step in chosen)
    ]
    # The fewest digits that show every change between the rows printed (not the hidden ones).
    shown = digits if digits is not None else choose_digits([[column[k] for k in rows] for column in value_columns])
    state_headers, state_cells = _plateau_columns(first, lang) if len(shown_traces) == 1 else ([], [])
    index_headers = [message("epoch", lang)]
    if first.batches_per_epoch > 1:
        index_headers.insert(0, message("step", lang))
    header = index_headers + value_headers + state_headers
    body = []
    for step in rows:
        index = [str(first.epoch(step))]
        if first.batches_per_epoch > 1:
            index.insert(0, str(step))
        state = state_cells[step] if state_cells else []
        body.append(index + [f"{column[step]:.{shown}g}" for column in value_columns] + state)
    return _render(header, body, [True] * len(header))


def print_table(
    *traces: Trace,
    changes_only: bool = False,
    epoch_starts: bool = False,
    steps: Sequence[int] | None = None,
    momentum: bool = True,
    digits: int | None = None,
    lang: Language | None = None,
) -> None:
    """Print :func:`format_table` of one or several traces (the form chapters use).

    >>> print_table(None)
    Traceback (most recent call last):
    TypeError: print_table takes Trace objects from simulate(); got NoneType
    """
    checked_traces(traces, "print_table")
    text = format_table(
        *traces,
        changes_only=changes_only,
        epoch_starts=epoch_starts,
        steps=steps,
        momentum=momentum,
        digits=digits,
        lang=lang,
    )
    print(text)


def format_catalog(lang: Language | None = None) -> str:
    """The book's road map: every scheduler of torch, how it is stepped, and its chapter.

    >>> print(format_catalog("en").splitlines()[3])
     3  StepLR                       steplr                       per epoch
    """
    # The widest localized column goes last: CJK text in a browser's fallback font is not
    # exactly two monospace columns wide, so a column after it would drift.
    header = ["#", message("scheduler", lang), message("chapter", lang), message("stepping", lang)]
    body = [
        [str(number), info.name, info.chapter or message("planned", lang), message(f"stepping.{info.stepping}", lang)]
        for number, info in enumerate(SCHEDULERS, start=1)
    ]
    return _render(header, body, [True, False, False, False])


def print_catalog(lang: Language | None = None) -> None:
    """Print :func:`format_catalog` (the introduction does)."""
    print(format_catalog(lang))
