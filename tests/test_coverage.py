# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""Every public scheduler of the installed torch has a chapter in every language."""

from __future__ import annotations

import torch.optim.lr_scheduler as torch_schedulers

from conftest import BOOK, load_notebook, source
from lrnotes.catalog import SCHEDULERS
from lrnotes.i18n import LANGUAGES


def public_scheduler_classes() -> list[str]:
    """Subclasses of LRScheduler that torch exports, without the base classes."""
    bases = {torch_schedulers.LRScheduler, torch_schedulers._LRScheduler}
    return sorted(
        name
        for name, value in vars(torch_schedulers).items()
        if isinstance(value, type)
        and issubclass(value, torch_schedulers.LRScheduler)
        and value not in bases
        and not name.startswith("_")
    )


def test_every_torch_scheduler_has_a_chapter_in_every_language():
    chapters = {info.name: info.chapter for info in SCHEDULERS}
    missing = []
    for name in public_scheduler_classes():
        chapter = chapters.get(name)
        for lang in LANGUAGES:
            path = BOOK / lang / f"{chapter}.ipynb"
            if chapter is None or not path.exists():
                missing.append(f"{name} ({lang})")
                continue
            title = source(load_notebook(path)["cells"][0]).splitlines()[0]
            if name not in title:
                missing.append(f"{name} ({lang}: {path.name} is titled {title!r})")
    assert not missing, f"no chapter for: {', '.join(missing)}"


def test_the_enumeration_finds_the_fifteen_of_torch_2_13():
    found = public_scheduler_classes()
    assert len(found) == 15 and "LambdaLR" in found and "LRScheduler" not in found
