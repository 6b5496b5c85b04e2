# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""lrnotes.catalog: exactly the schedulers of the installed torch, and their chapters."""

from __future__ import annotations

import inspect
import re

import pytest
import torch.optim.lr_scheduler as torch_schedulers

from conftest import BOOK, ROOT
from lrnotes import SCHEDULERS, get_scheduler_class, scheduler_names
from lrnotes.i18n import LANGUAGES


def test_catalog_lists_every_public_scheduler_of_torch():
    public = {
        name
        for name in torch_schedulers.__all__
        if inspect.isclass(getattr(torch_schedulers, name))
        and issubclass(getattr(torch_schedulers, name), torch_schedulers.LRScheduler)
        and name != "LRScheduler"
    }
    assert set(scheduler_names()) == public
    assert len(scheduler_names()) == len(set(scheduler_names())) == 15


def test_chapters_exist_in_every_language_and_in_the_toc():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    chapters = [info.chapter for info in SCHEDULERS if info.chapter]
    assert chapters, "at least one chapter is written"
    for chapter in chapters:
        for lang in LANGUAGES:
            assert (BOOK / lang / f"{chapter}.ipynb").is_file()
            assert f"file: book/{lang}/{chapter}\n" in toc


def test_lookup_by_name():
    assert get_scheduler_class("StepLR") is torch_schedulers.StepLR
    with pytest.raises(
        ValueError, match=re.escape("unknown scheduler 'steplr'; did you mean 'StepLR'? Allowed: LambdaLR,")
    ):
        get_scheduler_class("steplr")
    with pytest.raises(TypeError, match="scheduler name must be a str, one of the catalog's names; got int"):
        get_scheduler_class(3)  # type: ignore[arg-type]
