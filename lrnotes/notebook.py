"""The one call at the top of every chapter notebook.

Taught in: the introduction (``book/*/intro.ipynb``). The call is the only line of code
that differs between the English, Korean and Chinese version of a chapter.
"""

from __future__ import annotations

import random

from ._checks import whole_number
from .fonts import register_fonts
from .i18n import Language, set_language

__all__ = ["setup"]


def setup(lang: Language = "en", *, seed: int = 0, threads: int = 1) -> None:
    """Prepare a notebook: language, seeds, thread count and the figure style.

    Sets the language of tables and figures, seeds Python, NumPy and torch with ``seed``,
    limits torch to ``threads`` CPU threads (same results on every machine), registers the
    Korean and Chinese font subsets and applies :func:`lrnotes.plotting.plot_style`.
    Printing nothing, it is safe to run again.
    """
    import matplotlib.style
    import numpy
    import torch

    from .plotting import plot_style

    set_language(lang)
    whole_number(seed, "seed", 0)
    whole_number(threads, "threads", 1)
    random.seed(seed)
    numpy.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    register_fonts()
    matplotlib.style.use(plot_style(lang))
