"""lrnotes: the companion package of the book on PyTorch learning-rate schedulers.

Importing it changes nothing; a notebook starts with ``lrnotes.setup("en")`` (or "ko",
"zh"). The modules, each named for what it holds:

- :mod:`lrnotes.simulation`: :func:`simulate` runs a scheduler, returns a :class:`Trace`.
- :mod:`lrnotes.tables`: :func:`print_table` prints a trace's lr table.
- :mod:`lrnotes.plotting`: :func:`plot` draws traces on one Axes.
- :mod:`lrnotes.widgets`: :func:`explore` builds the interactive explorer.
- :mod:`lrnotes.formulas`: closed forms of the schedulers.
- :mod:`lrnotes.training`: :func:`train` trains a small network on real digits, :func:`print_results`.
- :mod:`lrnotes.rangetest`: :func:`lr_range_test`, the LR range test, and its plot.
- :mod:`lrnotes.catalog`: the schedulers of torch and the chapter on each.
- :mod:`lrnotes.i18n`, :mod:`lrnotes.fonts`: languages, words and CJK figure fonts.
"""

from .catalog import SCHEDULERS, get_scheduler_class, scheduler_names
from .i18n import LANGUAGES, current_language, message
from .notebook import setup
from .plotting import plot, plot_style
from .rangetest import RangeTest, lr_range_test, plot_range_test
from .simulation import Trace, simulate
from .tables import format_catalog, format_table, print_catalog, print_table
from .training import Digits, History, format_results, load_digits, make_model, plot_history, print_results, train
from .widgets import explore, slider

__all__ = [
    "LANGUAGES",
    "SCHEDULERS",
    "Digits",
    "History",
    "RangeTest",
    "Trace",
    "current_language",
    "explore",
    "format_catalog",
    "format_results",
    "format_table",
    "get_scheduler_class",
    "load_digits",
    "lr_range_test",
    "make_model",
    "message",
    "plot",
    "plot_history",
    "plot_range_test",
    "plot_style",
    "print_catalog",
    "print_results",
    "print_table",
    "scheduler_names",
    "setup",
    "simulate",
    "slider",
    "train",
]
__version__ = "0.1.0"
