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

    ``lang`` is ``"en"``, ``"ko"`` or ``"zh"`` (common spellings such as ``"ko-KR"``,
    ``"zh-CN"`` or ``"zh-Hans"`` are accepted). Exactly these things change, and nothing else:

    - the language of lrnotes' tables and figures (:func:`lrnotes.i18n.set_language`);
    - the seeds of Python's ``random``, NumPy's global generator and torch, set to ``seed``;
    - torch's intra-op CPU threads, set to ``threads`` (``torch.set_num_threads``), so that
      results are the same on every machine;
    - matplotlib's font list gains the two shipped CJK subsets (``fontManager.addfont``);
    - matplotlib's ``rcParams`` take the keys of :func:`lrnotes.plotting.plot_style`;
    - under IPython (a notebook), the inline backend draws figures as "retina" PNGs: twice
      the pixels, shown at the same size, so they stay sharp on phones and hi-DPI screens.

    Importing ``lrnotes`` changes none of these (``tests/test_imports.py``). It prints
    nothing and is safe to run again.
    """
    import matplotlib.style
    import numpy
    import torch

    from .plotting import plot_style

    whole_number(seed, "seed", 0, 2**32 - 1)
    whole_number(threads, "threads", 1, 1024)
    set_language(lang)
    random.seed(seed)
    numpy.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    register_fonts()
    matplotlib.style.use(plot_style(lang))
    _retina_figures()


def _retina_figures() -> None:
    """Ask IPython's inline backend for 2x PNGs (no-op outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return
    if get_ipython() is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("retina")  # type: ignore[no-untyped-call]  # matplotlib_inline has no hints
