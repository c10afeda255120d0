"""Grid and random hyperparameter search over a model-building function, and a text table."""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Mapping
from typing import Any

import keras
import numpy as np

from dlref._validate import check_choice, check_int
from dlref.train.callbacks import TrainingDiverged
from dlref.train.loop import fit, unpack_data

SEARCH_MODES = ("grid", "random")


def _grid(space: Mapping[str, Any]) -> list[dict[str, Any]]:
    for name, values in space.items():
        if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
            raise TypeError(f"param_grid[{name!r}] must be a list of values; got {values!r}")
    names = list(space)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*space.values())]


def _draw(name: str, spec: Any, rng: np.random.Generator) -> Any:
    if hasattr(spec, "rvs"):  # a scipy.stats distribution
        return spec.rvs(random_state=rng)
    if callable(spec):
        return spec(rng)
    if isinstance(spec, (list, tuple)) and spec:
        return spec[int(rng.integers(len(spec)))]
    raise TypeError(
        f"param_grid[{name!r}] must be a non-empty list, a callable rng -> value or a "
        f"scipy.stats distribution; got {spec!r}"
    )


def _random(space: Mapping[str, Any], n_iter: int, seed: int) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    return [{name: _draw(name, spec, rng) for name, spec in space.items()} for _ in range(n_iter)]


def search(
    build_fn: Callable[..., keras.Model],
    param_grid: Mapping[str, Any],
    data: Any,
    *,
    mode: str = "grid",
    n_iter: int = 10,
    epochs: int = 10,
    batch_size: int = 32,
    patience: int | None = None,
    metric: str | None = None,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Train one model per parameter set and return rows sorted best first.

    ``build_fn(**params)`` returns a compiled model. ``mode="grid"`` tries every combination of
    the value lists in ``param_grid``; ``mode="random"`` draws ``n_iter`` sets, each value from a
    list, a callable ``rng -> value`` or a ``scipy.stats`` distribution. ``data`` must include
    validation data. Each row is ``{"params": ..., metric: best epoch value, "seconds": ...}``;
    ``metric`` defaults to ``val_accuracy`` when the model reports it, else ``val_loss`` (lower is
    better for a metric whose name contains "loss" or "error"). A run that diverges scores NaN and
    goes last. Every model starts from ``keras.utils.set_random_seed(seed)``.
    """
    if not callable(build_fn):
        raise TypeError(f"build_fn must be callable; got {type(build_fn).__name__}")
    if not isinstance(param_grid, Mapping) or not param_grid:
        raise ValueError("param_grid must be a non-empty dict of parameter name -> values")
    mode = check_choice(mode, "mode", SEARCH_MODES)
    seed = check_int(seed, "seed", minimum=0)
    if unpack_data(data)[2] is None:
        raise ValueError("data must include validation data: search compares validation scores")
    candidates = (
        _grid(param_grid)
        if mode == "grid"
        else _random(param_grid, check_int(n_iter, "n_iter", minimum=1), seed)
    )
    runs = []
    for params in candidates:
        keras.utils.set_random_seed(seed)
        model = build_fn(**params)
        start = time.perf_counter()
        try:
            history = fit(
                model, data, epochs=epochs, batch_size=batch_size, patience=patience
            ).history
        except TrainingDiverged:
            history = {}
        runs.append((params, history, time.perf_counter() - start))
    logged = next((h for _, h, _ in runs if h), {})
    chosen = metric or ("val_accuracy" if "val_accuracy" in logged else "val_loss")
    if logged and chosen not in logged:
        raise ValueError(f"metric {chosen!r} is not logged; available: {sorted(logged)}")
    lower = _lower_is_better(chosen)
    rows = []
    for params, history, seconds in runs:
        values = [v for v in history.get(chosen, []) if math.isfinite(v)]
        score = (min(values) if lower else max(values)) if values else math.nan
        rows.append({"params": params, chosen: score, "seconds": seconds})
    return sorted(rows, key=lambda r: (math.isnan(r[chosen]), r[chosen] if lower else -r[chosen]))


def _lower_is_better(metric: str) -> bool:
    return "loss" in metric or "error" in metric


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def format_table(rows: list[dict[str, Any]]) -> str:
    """A plain-text table of `search` rows: one column per parameter, then the scores."""
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise ValueError("rows must be a non-empty list of dicts, as returned by search")
    params = list(dict.fromkeys(k for row in rows for k in row.get("params", {})))
    scores = list(dict.fromkeys(k for row in rows for k in row if k != "params"))
    header = ["rank", *params, *scores]
    body = [
        [str(i), *(_cell(row.get("params", {}).get(p, "")) for p in params)]
        + [_cell(row.get(s, "")) for s in scores]
        for i, row in enumerate(rows, start=1)
    ]
    widths = [max(len(line[c]) for line in [header, *body]) for c in range(len(header))]
    lines = [
        "  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True))
        for line in [header, *body]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


__all__ = ["SEARCH_MODES", "format_table", "search"]
