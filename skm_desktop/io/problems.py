"""One problem found in an imported file, and a bounded list of them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .limits import MAX_PROBLEMS_KEPT


@dataclass
class Problem:
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        prefix = (", ".join(where).capitalize() + ": ") if where else ""
        return prefix + self.message


class ProblemList:
    """Keeps the first ``limit`` problems and counts the rest, so that a file
    with millions of bad cells cannot exhaust memory; ``len()`` is the total."""

    def __init__(self, limit: int = MAX_PROBLEMS_KEPT):
        self.limit = limit
        self._kept: list[Problem] = []
        self.total = 0

    def append(self, p: Problem) -> None:
        self.total += 1
        if len(self._kept) < self.limit:
            self._kept.append(p)

    def extend(self, ps: Iterable[Problem]) -> None:
        for p in ps:
            self.append(p)

    @property
    def full(self) -> bool:
        return len(self._kept) >= self.limit

    @property
    def omitted(self) -> int:
        return self.total - len(self._kept)

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._kept)

    def __getitem__(self, i):
        return self._kept[i]
