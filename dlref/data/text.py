"""The bundled text corpus and character-level encodings for character language models."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validate import check_int

#: File inside the ``dlref.corpus`` package that `load_text_corpus` reads.
CORPUS_FILE = "essays.txt"


def load_text_corpus() -> str:
    """The bundled corpus: about 26 KB of original English essays on learning and machines.

    Written for this project (no third-party text), plain ASCII, paragraphs separated by blank
    lines; small enough to train a character model on a CPU in seconds.
    """
    return resources.files("dlref.corpus").joinpath(CORPUS_FILE).read_text(encoding="utf-8")


@dataclass(frozen=True)
class CharVocabulary:
    """A sorted character set with ``encode`` (text to ids) and ``decode`` (ids to text)."""

    chars: tuple[str, ...]
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.chars:
            raise ValueError("chars must not be empty")
        if len(set(self.chars)) != len(self.chars) or any(len(c) != 1 for c in self.chars):
            raise ValueError("chars must be distinct single characters")
        object.__setattr__(self, "_index", {c: i for i, c in enumerate(self.chars)})

    def __len__(self) -> int:
        return len(self.chars)

    def encode(self, text: str) -> NDArray[np.int32]:
        """Ids of the characters of ``text``; a character outside the vocabulary is an error."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str; got {type(text).__name__}")
        unknown = sorted(set(text) - self._index.keys())
        if unknown:
            raise ValueError(f"text holds characters outside the vocabulary: {unknown[:10]!r}")
        return np.fromiter((self._index[c] for c in text), dtype=np.int32, count=len(text))

    def decode(self, ids: ArrayLike | Iterable[int]) -> str:
        """The text whose character ids are ``ids`` (a 1-D sequence)."""
        array = np.asarray(ids)
        if array.ndim != 1 or array.dtype.kind not in "iu":
            raise ValueError(f"ids must be a 1-D integer sequence; got {array.dtype} {array.shape}")
        if array.size and (array.min() < 0 or array.max() >= len(self.chars)):
            raise ValueError(
                f"ids must lie in [0, {len(self.chars) - 1}]; got range "
                f"[{array.min()}, {array.max()}]"
            )
        return "".join(np.asarray(self.chars)[array])


def char_vocabulary(text: str) -> CharVocabulary:
    """The vocabulary of the distinct characters of ``text``, sorted by code point."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str; got {type(text).__name__}")
    if not text:
        raise ValueError("text must not be empty")
    return CharVocabulary(tuple(sorted(set(text))))


def char_sequences(
    text: str,
    seq_len: int,
    *,
    step: int = 1,
    shifted: bool = False,
    vocabulary: CharVocabulary | None = None,
) -> tuple[NDArray[np.int32], NDArray[np.int32], CharVocabulary]:
    """Windows of ``seq_len`` character ids and the character(s) that follow.

    Window ``k`` starts at ``k * step``. The target is the next id, shape ``(n,)``, or with
    ``shifted=True`` the window moved one character on, shape ``(n, seq_len)`` (a prediction at
    every step). Returns ``(x, y, vocabulary)``; ``vocabulary`` defaults to the one of ``text``.
    """
    seq_len = check_int(seq_len, "seq_len", minimum=1)
    step = check_int(step, "step", minimum=1)
    vocab = vocabulary if vocabulary is not None else char_vocabulary(text)
    ids = vocab.encode(text)
    if ids.size < seq_len + 1:
        raise ValueError(
            f"text must have at least seq_len + 1 = {seq_len + 1} characters; got {ids.size}"
        )
    windows = np.lib.stride_tricks.sliding_window_view(ids, seq_len + 1)[::step]
    x = np.ascontiguousarray(windows[:, :-1])
    y = np.ascontiguousarray(windows[:, 1:] if shifted else windows[:, -1])
    return x, y, vocab


__all__ = ["CORPUS_FILE", "CharVocabulary", "char_sequences", "char_vocabulary", "load_text_corpus"]
