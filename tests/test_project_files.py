# mypy: allow-untyped-defs, allow-incomplete-defs, allow-untyped-calls
"""The project's own files agree: pins, the table of contents, README and CI."""

from __future__ import annotations

import re
import tomllib

import yaml

from conftest import BOOK, ROOT
from lrnotes.i18n import LANGUAGES


def pyproject_requirements() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = set(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        found |= set(extra)
    return {requirement.replace(" ", "") for requirement in found}


def environment_requirements() -> set[str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    assert "python=3.11" in environment["dependencies"]
    return {requirement.replace(" ", "") for requirement in pip if not requirement.startswith("-e")}


def test_environment_yml_installs_the_same_pinned_set_as_pyproject():
    assert environment_requirements() == pyproject_requirements()


def test_the_non_negotiable_pins():
    requirements = pyproject_requirements()
    assert "torch==2.13.0" in requirements
    assert "jupyter-book>=1.0.4.post1,<2" in requirements
    unpinned = [r for r in requirements if not re.search(r"==|<", r)]
    assert not unpinned, f"pin these: {unpinned}"


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert toc["format"] == "jb-book"
    files = [toc["root"]]
    for part in toc["parts"]:
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def test_toc_has_one_part_per_language_with_the_same_chapters():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    parts = toc["parts"]
    assert len(parts) == len(LANGUAGES)
    stems = []
    for part, lang in zip(parts, LANGUAGES, strict=True):
        files = [chapter["file"] for chapter in part["chapters"]]
        assert all(f.startswith(f"book/{lang}/") for f in files), part["caption"]
        stems.append([f.split("/")[-1] for f in files])
    assert stems[1] == stems[0] and stems[2] == stems[0]


def test_every_toc_entry_exists_and_every_page_is_in_the_toc():
    entries = toc_files()
    for entry in entries:
        matches = [p for p in (ROOT / f"{entry}.ipynb", ROOT / f"{entry}.md") if p.exists()]
        assert len(matches) == 1, f"_toc.yml entry {entry} has no page (or two)"
    pages = {
        str(path.relative_to(ROOT).with_suffix(""))
        for pattern in ("*.ipynb", "*.md")
        for path in BOOK.rglob(pattern)
        if ".ipynb_checkpoints" not in path.parts and path.name != "GLOSSARY.md"
    }
    assert pages == set(entries)


def test_book_renders_stored_outputs_and_never_executes():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["execute"]["execute_notebooks"] == "off"


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```(?:bash|sh)\n(.*?)```", readme, flags=re.DOTALL)


def test_ci_runs_exactly_the_readme_test_command():
    test_commands = [block.strip() for block in readme_commands() if "pytest" in block]
    assert len(test_commands) == 1, "README has one test command"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_commands[0] in ci
    assert not re.search(r"nbval-lax|--deselect|-k |--ignore", ci + test_commands[0])


def test_readme_build_command_sets_up_and_builds_into_build_html():
    build = [block.strip() for block in readme_commands() if "jupyter-book build" in block]
    assert len(build) == 1, "README has one build command"
    assert build[0].startswith("python3.11 -m venv .venv && .venv/bin/pip install -e")
    assert ".venv/bin/jupyter-book build ." in build[0] and "_build/html" in build[0]
