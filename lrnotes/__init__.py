"""lrnotes: the companion package of the book on PyTorch learning-rate schedulers.

Importing it changes nothing; a notebook starts with ``lrnotes.setup("en")`` (or "ko",
"zh"). The modules, each named for what it holds:

- :mod:`lrnotes.simulation`: :func:`simulate` runs a scheduler, returns a :class:`Trace`.
- :mod:`lrnotes.tables`: :func:`print_table` prints a trace's lr table.
- :mod:`lrnotes.plotting`: :func:`plot` draws traces on one Axes.
- :mod:`lrnotes.widgets`: :func:`explore` builds the interactive explorer.
- :mod:`lrnotes.formulas`: closed forms of the schedulers.
- :mod:`lrnotes.catalog`: the schedulers of torch and the chapter on each.
- :mod:`lrnotes.i18n`, :mod:`lrnotes.fonts`: languages, words and CJK figure fonts.
"""

from .catalog import SCHEDULERS, get_scheduler_class, scheduler_names
from .i18n import LANGUAGES, current_language, message
from .notebook import setup
from .plotting import plot, plot_style
from .simulation import Trace, simulate
from .tables import format_catalog, format_table, print_catalog, print_table
from .widgets import explore, slider

__all__ = [
    "LANGUAGES",
    "SCHEDULERS",
    "Trace",
    "current_language",
    "explore",
    "format_catalog",
    "format_table",
    "get_scheduler_class",
    "message",
    "plot",
    "plot_style",
    "print_catalog",
    "print_table",
    "scheduler_names",
    "setup",
    "simulate",
    "slider",
]
__version__ = "0.1.0"
