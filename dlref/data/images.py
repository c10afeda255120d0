r"""Image resizing by interpolation matrices, in NumPy.

Resizing a side of length $n$ to $m$ is a linear map $A \in \mathbb{R}^{m
\times n}$, so a whole batch is resized with one ``einsum``: $Y_k = A_h X_k A_w^\top$.
Sample $i$ of the output reads the input at $s_i = (i + \tfrac12)\,n/m - \tfrac12$
(half-pixel centres, as ``tf.image.resize`` does).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import as_float_array, check_choice, check_int

RESIZE_METHODS = ("nearest", "bilinear")


def resize_matrix(n_in: int, n_out: int, method: str = "bilinear") -> NDArray[np.float64]:
    r"""The $(n_{out}, n_{in})$ matrix that resizes one image side.

    ``bilinear`` mixes the two neighbours of $s_i$ with weights $1 - w, w$,
    $w = s_i - \lfloor s_i \rfloor$ (with $s_i$ clamped to the image); ``nearest``
    copies pixel $\lfloor (i + \tfrac12)\,n/m \rfloor$, which for an integer factor equals
    ``np.kron`` with a block of ones.
    """
    n_in = check_int(n_in, "n_in", minimum=1)
    n_out = check_int(n_out, "n_out", minimum=1)
    check_choice(method, "method", RESIZE_METHODS)
    rows = np.arange(n_out)
    matrix = np.zeros((n_out, n_in))
    if method == "nearest":
        cols = np.minimum(((rows + 0.5) * n_in / n_out).astype(int), n_in - 1)
        matrix[rows, cols] = 1.0
        return matrix
    source = np.clip((rows + 0.5) * n_in / n_out - 0.5, 0.0, n_in - 1)
    low = np.floor(source).astype(int)
    high = np.minimum(low + 1, n_in - 1)
    weight = source - low
    np.add.at(matrix, (rows, low), 1.0 - weight)
    np.add.at(matrix, (rows, high), weight)
    return matrix


def resize_images(
    images: ArrayLike, size: int | tuple[int, int], method: str = "bilinear"
) -> NDArray[np.floating]:
    """Resize a batch ``(n, h, w)`` or ``(n, h, w, channels)`` to ``size`` (side or ``(h, w)``)."""
    batch = as_float_array(images, "images")
    if batch.ndim not in (3, 4):
        raise ValueError(
            f"images must be (n, height, width) or (n, height, width, channels); "
            f"got shape {batch.shape}"
        )
    height, width = (size, size) if isinstance(size, (int, np.integer)) else tuple(size)
    height = check_int(height, "size", minimum=1)
    width = check_int(width, "size", minimum=1)
    rows = resize_matrix(batch.shape[1], height, method)
    cols = resize_matrix(batch.shape[2], width, method)
    spec = "oh,nhw...,pw->nop..." if batch.ndim == 4 else "oh,nhw,pw->nop"
    return np.einsum(spec, rows, batch, cols, optimize=True).astype(batch.dtype, copy=False)


__all__ = ["RESIZE_METHODS", "resize_images", "resize_matrix"]
