"""CIFAR-10 from the official "python version" files on disk. This module never downloads.

The archive ``cifar-10-python.tar.gz`` unpacks to a folder ``cifar-10-batches-py/`` holding
five training batches of 10,000 images (``data_batch_1`` .. ``data_batch_5``), ``test_batch``
and ``batches.meta``. Each batch is a pickled dict: ``b"data"`` is a uint8 array of shape
``(n, 3072)`` whose row is the red, then green, then blue 32x32 plane, each row-major;
``b"labels"`` is a list of ``n`` ints in 0-9. ``batches.meta`` holds ``b"label_names"``.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from dlref._validate import check_int
from dlref.data.splits import Dataset, check_seed

#: Environment variable naming the data folder when ``data_dir`` is not given.
DATA_DIR_ENV = "DLREF_DATA_DIR"
#: Data folder used when neither ``data_dir`` nor ``$DLREF_DATA_DIR`` is set.
DEFAULT_DATA_DIR = Path("~/.dlref/data")
CIFAR10_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
CIFAR10_FOLDER = "cifar-10-batches-py"
CIFAR10_TRAIN_FILES = tuple(f"data_batch_{i}" for i in range(1, 6))
CIFAR10_FILES = (*CIFAR10_TRAIN_FILES, "test_batch", "batches.meta")
CIFAR10_CLASSES = (
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
)  # fmt: skip
_SIDE = 32
_PIXELS = 3 * _SIDE * _SIDE

# Globals a CIFAR pickle may name: the ndarray reconstruction helpers and a bytes encoder, nothing
# else, so a tampered file cannot run code when it is loaded.
_ALLOWED_GLOBALS = {
    ("numpy.core.multiarray", "_reconstruct"): ("numpy._core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"): ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.multiarray", "scalar"): ("numpy._core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"): ("numpy._core.multiarray", "scalar"),
    ("numpy", "ndarray"): ("numpy", "ndarray"),
    ("numpy", "dtype"): ("numpy", "dtype"),
    ("_codecs", "encode"): ("_codecs", "encode"),  # bytes in protocol-2 pickles from Python 3
}


class _BatchUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        target = _ALLOWED_GLOBALS.get((module, name))
        if target is None:
            raise pickle.UnpicklingError(f"CIFAR batch files may not reference {module}.{name}")
        import importlib

        return getattr(importlib.import_module(target[0]), target[1])


def _read_pickle(path: Path) -> dict[bytes, Any]:
    with path.open("rb") as handle:
        content = _BatchUnpickler(handle, encoding="bytes").load()
    if not isinstance(content, dict):
        raise ValueError(f"{path} must hold a pickled dict; got {type(content).__name__}")
    return content


def cifar10_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The ``cifar-10-batches-py`` folder: in ``data_dir``, ``$DLREF_DATA_DIR`` or ~/.dlref/data.

    ``data_dir`` may also be the ``cifar-10-batches-py`` folder itself.
    """
    base = data_dir if data_dir is not None else os.environ.get(DATA_DIR_ENV, DEFAULT_DATA_DIR)
    folder = Path(base).expanduser()
    return folder if folder.name == CIFAR10_FOLDER else folder / CIFAR10_FOLDER


def _missing_message(folder: Path, missing: list[str]) -> str:
    return (
        f"CIFAR-10 files not found: {', '.join(missing)} missing in {folder}. "
        f"Put the python-version files {', '.join(CIFAR10_FILES)} in {folder}/ : download "
        f"{CIFAR10_URL} yourself and unpack it with `tar -xzf cifar-10-python.tar.gz -C "
        f"{folder.parent}`. Pass data_dir=... or set ${DATA_DIR_ENV} to use another folder. "
        "dlref never downloads data."
    )


def _read_batch(path: Path, num_classes: int) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    batch = _read_pickle(path)
    if b"data" not in batch or b"labels" not in batch:
        raise ValueError(f"{path} must hold keys b'data' and b'labels'; got {sorted(batch)}")
    data = np.asarray(batch[b"data"])
    labels = np.asarray(batch[b"labels"], dtype=np.int64)
    if data.dtype != np.uint8 or data.ndim != 2 or data.shape[1] != _PIXELS:
        raise ValueError(
            f"{path}: b'data' must be uint8 of shape (n, {_PIXELS}); got {data.dtype} {data.shape}"
        )
    if labels.shape != (data.shape[0],):
        raise ValueError(f"{path}: {labels.size} labels for {data.shape[0]} images")
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(f"{path}: labels must lie in [0, {num_classes - 1}]")
    # (n, 3072) -> (n, 3, 32, 32) planes -> (n, 32, 32, 3) channels-last.
    images = data.reshape(-1, 3, _SIDE, _SIDE).transpose(0, 2, 3, 1)
    return np.ascontiguousarray(images), labels


def load_cifar10(
    data_dir: str | os.PathLike[str] | None = None,
    *,
    val_size: int = 0,
    scale: bool = False,
    seed: int = 0,
) -> Dataset:
    """CIFAR-10 read from disk: 50,000 training and 10,000 test images of shape (32, 32, 3).

    Images stay uint8 in [0, 255] (``scale=True`` gives float32 in [0, 1], four times the
    memory); labels are int64 in 0-9. ``val_size`` images are moved, at random, from the training
    set to the validation set. The folder is looked up as described in `cifar10_dir`;
    missing files raise ``FileNotFoundError`` that says where to put which files.
    """
    folder = cifar10_dir(data_dir)
    missing = [name for name in CIFAR10_FILES if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(_missing_message(folder, missing))
    meta = _read_pickle(folder / "batches.meta")
    names = tuple(
        n.decode() if isinstance(n, bytes) else str(n) for n in meta.get(b"label_names", ())
    )
    if not names:
        raise ValueError(f"{folder / 'batches.meta'} must hold b'label_names'")
    parts = [_read_batch(folder / name, len(names)) for name in CIFAR10_TRAIN_FILES]
    x_train = np.concatenate([p[0] for p in parts])
    y_train = np.concatenate([p[1] for p in parts])
    x_test, y_test = _read_batch(folder / "test_batch", len(names))
    val_size = check_int(val_size, "val_size", minimum=0, maximum=len(x_train) - 1)
    order = np.random.default_rng(check_seed(seed)).permutation(len(x_train))
    val, train = order[:val_size], np.sort(order[val_size:])  # training keeps the file order
    arrays = [x_train[train], y_train[train], x_train[val], y_train[val], x_test, y_test]
    if scale:
        arrays[0::2] = [a.astype(np.float32) / 255.0 for a in arrays[0::2]]
    return Dataset(*arrays, class_names=names)


def write_cifar10_fixture(
    directory: str | os.PathLike[str],
    *,
    n_train_per_batch: int = 20,
    n_test: int = 20,
    seed: int = 0,
) -> Path:
    """Write tiny CIFAR-10 files in the official format into ``directory/cifar-10-batches-py``.

    Pixels are random uint8 and labels cycle through 0-9. Used to test `load_cifar10` and
    to demonstrate it without the real 170 MB archive. Returns the ``cifar-10-batches-py`` path.
    """
    n_train = check_int(n_train_per_batch, "n_train_per_batch", minimum=1)
    n_test = check_int(n_test, "n_test", minimum=1)
    rng = np.random.default_rng(check_seed(seed))
    folder = cifar10_dir(directory)
    folder.mkdir(parents=True, exist_ok=True)
    batches = [(f"data_batch_{i}", f"training batch {i} of 5", n_train) for i in range(1, 6)]
    batches.append(("test_batch", "testing batch 1 of 1", n_test))
    for file_name, label, n in batches:
        content = {
            b"batch_label": label.encode(),
            b"labels": [i % 10 for i in range(n)],
            b"data": rng.integers(0, 256, size=(n, _PIXELS), dtype=np.uint8),
            b"filenames": [f"{file_name}_{i:05d}.png".encode() for i in range(n)],
        }
        with (folder / file_name).open("wb") as handle:
            pickle.dump(content, handle, protocol=2)
    meta = {
        b"num_cases_per_batch": n_train,
        b"label_names": [name.encode() for name in CIFAR10_CLASSES],
        b"num_vis": _PIXELS,
    }
    with (folder / "batches.meta").open("wb") as handle:
        pickle.dump(meta, handle, protocol=2)
    return folder


__all__ = [
    "CIFAR10_CLASSES",
    "CIFAR10_FILES",
    "CIFAR10_URL",
    "DATA_DIR_ENV",
    "cifar10_dir",
    "load_cifar10",
    "write_cifar10_fixture",
]
