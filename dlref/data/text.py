"""The bundled text corpus, and character- and word-level encodings for language models."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import ClassVar

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


#: A word: letters (any script, no digits), with an apostrophe allowed between two letters.
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def word_tokens(text: str) -> list[str]:
    """The words of ``text``, lower-cased: runs of letters, with an apostrophe kept between letters.

    Everything else (spaces, digits, punctuation, line breaks) only separates words and is
    dropped, so ``"Don't stop-start 2 times."`` gives ``["don't", "stop", "start", "times"]``.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str; got {type(text).__name__}")
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class WordVocabulary:
    """Known words with ids for an embedding; id 0 pads a sequence, id 1 is any unknown word.

    Word ``words[k]`` has id ``k + 2``. ``len`` counts the two reserved ids, so it is the
    ``input_dim`` of a `keras.layers.Embedding` with ``mask_zero=True``, which treats id 0 as
    padding. `word_vocabulary` builds one from a text.
    """

    words: tuple[str, ...]
    PAD: ClassVar[str] = "<pad>"
    UNK: ClassVar[str] = "<unk>"
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.words, tuple) or not all(isinstance(w, str) for w in self.words):
            raise TypeError(f"words must be a tuple of str; got {type(self.words).__name__}")
        if len(set(self.words)) != len(self.words) or not all(self.words):
            raise ValueError("words must be distinct, non-empty strings")
        reserved = {self.PAD, self.UNK} & set(self.words)
        if reserved:
            raise ValueError(f"words must not contain the reserved tokens; got {sorted(reserved)}")
        index = {self.PAD: 0, self.UNK: 1} | {w: k + 2 for k, w in enumerate(self.words)}
        object.__setattr__(self, "_index", index)

    def __len__(self) -> int:
        return len(self.words) + 2

    @property
    def tokens(self) -> tuple[str, ...]:
        """All tokens in id order: ``PAD``, ``UNK``, then ``words``."""
        return (self.PAD, self.UNK, *self.words)

    def encode(self, text: str | Sequence[str]) -> NDArray[np.int32]:
        """Ids of the words of ``text`` (split by `word_tokens`) or of a sequence of tokens.

        A word outside the vocabulary gets id 1 (``UNK``).
        """
        if isinstance(text, str):
            tokens: Sequence[str] = word_tokens(text)
        elif isinstance(text, Sequence) and all(isinstance(t, str) for t in text):
            tokens = text
        else:
            raise TypeError(f"text must be a str or a sequence of str; got {type(text).__name__}")
        ids = (self._index.get(t, 1) for t in tokens)
        return np.fromiter(ids, dtype=np.int32, count=len(tokens))

    def decode(self, ids: ArrayLike | Iterable[int]) -> str:
        """The tokens whose ids are ``ids`` (a 1-D sequence), joined by single spaces."""
        array = np.asarray(ids)
        if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
            raise ValueError(f"ids must be a 1-D integer sequence; got {array.dtype} {array.shape}")
        if array.size and (array.min() < 0 or array.max() >= len(self)):
            raise ValueError(
                f"ids must lie in [0, {len(self) - 1}]; got range [{array.min()}, {array.max()}]"
            )
        tokens = self.tokens
        return " ".join(tokens[i] for i in array.tolist())


def word_vocabulary(
    text: str, *, min_count: int = 1, max_words: int | None = None
) -> WordVocabulary:
    """The vocabulary of the words of ``text`` (split by `word_tokens`), most frequent first.

    Words are ordered by decreasing count, ties alphabetically; a word is kept if it occurs at
    least ``min_count`` times, and at most ``max_words`` words are kept (the two reserved ids
    come on top, so ``len`` is at most ``max_words + 2``).
    """
    min_count = check_int(min_count, "min_count", minimum=1)
    if max_words is not None:
        max_words = check_int(max_words, "max_words", minimum=1)
    counts = Counter(word_tokens(text))
    if not counts:
        raise ValueError("text must contain at least one word")
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    words = tuple(w for w, c in ranked if c >= min_count)[:max_words]
    return WordVocabulary(words)


__all__ = [
    "CORPUS_FILE",
    "CharVocabulary",
    "WordVocabulary",
    "char_sequences",
    "char_vocabulary",
    "load_text_corpus",
    "word_tokens",
    "word_vocabulary",
]
