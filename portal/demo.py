"""Demo content: apps register seed steps that `manage.py seed_demo` runs in order.

Each step must be idempotent: running seed_demo twice leaves the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SeedStep:
    name: str
    # Called as run(scale=..., stdout=..., with_logins=...); scale is "demo" or "large",
    # with_logins says whether demo accounts may be created (DEBUG or --demo-logins).
    run: Callable[..., None]
    order: int = 100


_steps: dict[str, SeedStep] = {}


def register(step: SeedStep) -> None:
    _steps[step.name] = step


def steps() -> list[SeedStep]:
    return sorted(_steps.values(), key=lambda step: (step.order, step.name))
