"""Problems found in input files, each naming the file, the line and the field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{place}: {self.field}: {self.message}" if self.field else f"{place}: {self.message}"


class InputFileError(Exception):
    """An input file (scenario, baseline, orders, save) was refused; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class ScenarioError(InputFileError):
    """A scenario, its action catalogue or its baseline was refused."""
