"""Offline datasets for the pages: scikit-learn's bundled sets, generated data, sequences, text,
CIFAR-10 from local files and ``tf.data`` pipelines. Nothing here downloads.

TensorFlow and scikit-learn are imported only by the functions that need them.
"""

from __future__ import annotations

from dlref.data.cifar import (
    CIFAR10_CLASSES,
    CIFAR10_FILES,
    CIFAR10_URL,
    DATA_DIR_ENV,
    cifar10_dir,
    load_cifar10,
    write_cifar10_fixture,
)
from dlref.data.classic import load_breast_cancer, load_digits, load_iris
from dlref.data.images import resize_images, resize_matrix
from dlref.data.pipeline import to_tf_dataset
from dlref.data.sequences import adding_problem, sine_waves
from dlref.data.splits import Dataset, split_dataset, standardize
from dlref.data.synthetic import make_blobs, make_circles, make_moons, make_regression_data
from dlref.data.text import (
    CharVocabulary,
    WordVocabulary,
    char_sequences,
    char_vocabulary,
    load_text_corpus,
    word_tokens,
    word_vocabulary,
)

__all__ = [
    "CIFAR10_CLASSES",
    "CIFAR10_FILES",
    "CIFAR10_URL",
    "DATA_DIR_ENV",
    "CharVocabulary",
    "Dataset",
    "WordVocabulary",
    "adding_problem",
    "char_sequences",
    "char_vocabulary",
    "cifar10_dir",
    "load_breast_cancer",
    "load_cifar10",
    "load_digits",
    "load_iris",
    "load_text_corpus",
    "make_blobs",
    "make_circles",
    "make_moons",
    "make_regression_data",
    "resize_images",
    "resize_matrix",
    "sine_waves",
    "split_dataset",
    "standardize",
    "to_tf_dataset",
    "word_tokens",
    "word_vocabulary",
    "write_cifar10_fixture",
]
