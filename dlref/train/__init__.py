"""Keras training helpers: a guarded ``fit``, label checks, metrics, augmentation, saving and
exporting, and hyperparameter search. Importing this package imports Keras.
"""

from __future__ import annotations

from dlref.train.augment import augmentation
from dlref.train.callbacks import (
    DivergenceGuard,
    TrainingDiverged,
    cosine_schedule,
    learning_rate_callback,
    step_schedule,
)
from dlref.train.labels import check_labels
from dlref.train.loop import fit
from dlref.train.metrics import (
    Metrics,
    classification_metrics,
    confusion_matrix,
    evaluate,
    predict_classes,
)
from dlref.train.persistence import export_for_serving, save_and_reload
from dlref.train.search import format_table, search

__all__ = [
    "DivergenceGuard",
    "Metrics",
    "TrainingDiverged",
    "augmentation",
    "check_labels",
    "classification_metrics",
    "confusion_matrix",
    "cosine_schedule",
    "evaluate",
    "export_for_serving",
    "fit",
    "format_table",
    "learning_rate_callback",
    "predict_classes",
    "save_and_reload",
    "search",
    "step_schedule",
]
