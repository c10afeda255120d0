"""dlref.data: splits, bundled and generated datasets, sequences, text, CIFAR-10 files, tf.data."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import sklearn.datasets
import sklearn.preprocessing
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref.data.cifar import (
    CIFAR10_CLASSES,
    CIFAR10_URL,
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
    WordVocabulary,
    char_sequences,
    char_vocabulary,
    load_text_corpus,
    word_tokens,
    word_vocabulary,
)

# --- splits and the bundled scikit-learn sets ------------------------------------------------


def test_load_digits_split_is_stratified_complete_and_scaled():
    data = load_digits((0.7, 0.15, 0.15), seed=0)
    assert isinstance(data, Dataset) and data.class_names == tuple("0123456789")
    assert sum(data.sizes()) == 1797 and data.x_train.shape[1:] == (64,)
    assert data.x_train.dtype == np.float32 and data.y_train.dtype == np.int64
    assert data.x_train.min() >= 0.0 and data.x_train.max() == 1.0
    # Every split keeps the class proportions within two samples per class.
    full = np.bincount(sklearn.datasets.load_digits().target) / 1797
    for y in (data.y_train, data.y_val, data.y_test):
        assert np.all(np.abs(np.bincount(y, minlength=10) - full * len(y)) <= 2.0)
    # The splits partition the data: every original image appears exactly once.
    raw = sklearn.datasets.load_digits().data.astype(np.float32) / 16
    joined = np.concatenate([data.x_train, data.x_val, data.x_test])
    assert np.array_equal(np.unique(joined, axis=0), np.unique(raw, axis=0))


def test_load_digits_seed_reproducible_and_test_fraction():
    a, b, c = load_digits(0.25, seed=3), load_digits(0.25, seed=3), load_digits(0.25, seed=4)
    np.testing.assert_array_equal(a.x_train, b.x_train)
    assert not np.array_equal(a.y_train, c.y_train)
    assert a.x_val.shape == (0, 64) and len(a.x_test) == 450


def test_load_digits_images_and_upsampling():
    plain = load_digits(0.2, image=True, scale=False)
    assert plain.x_train.shape[1:] == (8, 8, 1) and plain.x_train.max() == 16.0
    big = load_digits(0.2, upsample=16)
    assert big.x_train.shape[1:] == (16, 16, 1)
    expected = np.kron(load_digits(0.2, image=True).x_train[..., 0], np.ones((2, 2)))
    np.testing.assert_array_equal(big.x_train[..., 0], expected)
    smooth = load_digits(0.2, upsample=32, upsample_method="bilinear")
    assert smooth.x_test.shape[1:] == (32, 32, 1) and smooth.x_test.max() <= 1.0 + 1e-6


@pytest.mark.parametrize("size", [5, 13, 16, 32])
@pytest.mark.parametrize("method", ["nearest", "bilinear"])
def test_resize_matches_tf_image_resize(size, method):
    import tensorflow as tf

    images = np.random.default_rng(size).random((3, 8, 8, 2)).astype(np.float32)
    expected = tf.image.resize(images, (size, size), method=method).numpy()
    np.testing.assert_allclose(resize_images(images, size, method), expected, atol=1e-6)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 20), st.integers(1, 40), st.sampled_from(["nearest", "bilinear"]))
def test_resize_matrix_rows_are_averaging_weights(n_in, n_out, method):
    matrix = resize_matrix(n_in, n_out, method)
    assert matrix.shape == (n_out, n_in) and matrix.min() >= 0
    np.testing.assert_allclose(matrix.sum(axis=1), 1.0)  # constant images stay constant


@pytest.mark.parametrize(
    ("loader", "features", "names"),
    [
        (load_iris, 4, ("setosa", "versicolor", "virginica")),
        (load_breast_cancer, 30, ("malignant", "benign")),
    ],
)
def test_tabular_sets_are_standardised_on_train(loader, features, names):
    data = loader(seed=1)
    assert data.class_names == names and data.x_train.shape[1] == features
    np.testing.assert_allclose(data.x_train.mean(axis=0), 0.0, atol=1e-5)
    np.testing.assert_allclose(data.x_train.std(axis=0), 1.0, atol=1e-4)
    assert abs(float(data.x_test.mean())) < 0.5  # same transform, not refitted on the test set
    raw = loader(scale=False, seed=1)
    assert raw.x_train.std() > 2.0


def test_standardize_keeps_a_constant_feature_at_zero():
    # np.std of seven copies of 0.7 is 1.1e-16, not 0: dividing by it would blow the column up
    rng = np.random.default_rng(0)
    x = np.column_stack([rng.normal(3.0, 2.0, 7), np.full(7, 0.7)])
    assert np.std(x[:, 1]) > 0
    data = standardize(Dataset(x, np.zeros(7), x[:2], np.zeros(2), x[:3], np.zeros(3), ()))
    reference = sklearn.preprocessing.StandardScaler().fit(x)
    np.testing.assert_allclose(data.x_train, reference.transform(x), atol=1e-6)
    np.testing.assert_allclose(data.x_train[:, 1], 0.0, atol=1e-12)  # not +-1
    np.testing.assert_allclose(data.x_test, reference.transform(x[:3]), atol=1e-6)
    assert data.x_train.dtype == data.x_val.dtype == np.float32


def test_split_arguments_are_checked():
    with pytest.raises(ValueError, match="split fractions must sum to 1"):
        load_digits((0.5, 0.2, 0.2))
    with pytest.raises(ValueError, match=r"split\[1\]"):
        load_iris((0.8, -0.1, 0.3))
    with pytest.raises(TypeError, match="split"):
        load_digits("half")
    with pytest.raises(ValueError, match="split"):
        load_digits(1.0)
    with pytest.raises(ValueError, match="upsample"):
        load_digits(upsample=4)
    with pytest.raises(ValueError, match="upsample_method"):
        load_digits(upsample=16, upsample_method="cubic")
    with pytest.raises(TypeError, match="seed"):
        load_digits(seed=0.5)
    with pytest.raises(ValueError, match="same number of samples"):
        split_dataset(np.zeros((10, 2)), np.zeros(9))


# --- generated data --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (
            lambda: make_moons(150, noise=0.1, seed=2),
            lambda: sklearn.datasets.make_moons(150, noise=0.1, random_state=2),
        ),
        (
            lambda: make_circles(120, noise=0.05, factor=0.3, seed=1),
            lambda: sklearn.datasets.make_circles(120, noise=0.05, factor=0.3, random_state=1),
        ),
        (
            lambda: make_blobs(90, centers=4, n_features=3, cluster_std=0.5, seed=5),
            lambda: sklearn.datasets.make_blobs(
                90, n_features=3, centers=4, cluster_std=0.5, random_state=5
            ),
        ),
    ],
)
def test_classification_generators_wrap_sklearn(ours, theirs):
    x, y = ours()
    x_ref, y_ref = theirs()
    assert x.dtype == np.float32 and y.dtype == np.int64
    np.testing.assert_allclose(x, x_ref, rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(y, y_ref)


def test_generator_arguments_are_checked():
    with pytest.raises(ValueError, match="factor"):
        make_circles(factor=1.5)
    with pytest.raises(ValueError, match="noise"):
        make_moons(noise=-1.0)
    with pytest.raises(TypeError, match="n_samples"):
        make_blobs(10.0)
    with pytest.raises(ValueError, match="weights"):
        make_regression_data(weights=[])


def test_regression_data_follows_its_rule():
    x, y = make_regression_data(2000, weights=(2.0, -3.0), bias=0.5, noise=0.1, seed=0)
    assert x.shape == (2000, 2) and y.shape == (2000,) and y.dtype == np.float32
    design = np.column_stack([x, np.ones(len(x))])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    np.testing.assert_allclose(coef, [2.0, -3.0, 0.5], atol=0.02)
    residual = y - design @ coef
    assert abs(residual.std() - 0.1) < 0.01  # the noise is the irreducible error
    xn, yn = make_regression_data(50, weights=(1.5,), bias=0.0, noise=0.0, nonlinear=True)
    np.testing.assert_allclose(yn, 1.5 * np.sin(np.pi * xn[:, 0]), atol=1e-6)


# --- sequences -------------------------------------------------------------------------------


def test_sine_waves_target_is_the_next_point():
    x, y = sine_waves(64, 30, noise=0.0, seed=1)
    assert x.shape == (64, 30, 1) and y.shape == (64, 1) and x.dtype == np.float32
    s = np.concatenate([x[..., 0], y], axis=1).astype(np.float64)
    # A sampled sinusoid obeys s[t+1] = 2 cos(w) s[t] - s[t-1]; estimate cos(w) from the start.
    c = (s[:, 2] + s[:, 0]) / (2 * s[:, 1])
    np.testing.assert_allclose(2 * c * s[:, -2] - s[:, -3], s[:, -1], atol=2e-3)
    noisy = sine_waves(64, 30, noise=0.1, seed=1)[0]
    assert 0.05 < np.std(noisy - x) < 0.15


def test_adding_problem_markers_and_target():
    x, y = adding_problem(500, 40, seed=0)
    assert x.shape == (500, 40, 2) and y.shape == (500,)
    markers = x[..., 1]
    assert np.all(markers.sum(axis=1) == 2)
    assert np.all(markers[:, :20].sum(axis=1) == 1) and np.all(markers[:, 20:].sum(axis=1) == 1)
    np.testing.assert_allclose(y, (x[..., 0] * markers).sum(axis=1), rtol=1e-6)
    assert abs(np.mean((y - 1.0) ** 2) - 1 / 6) < 0.03  # the predict-1 baseline
    with pytest.raises(ValueError, match="length"):
        adding_problem(10, 1)


# --- text ------------------------------------------------------------------------------------


def test_corpus_is_bundled_plain_text():
    text = load_text_corpus()
    assert 20_000 <= len(text.encode()) <= 40_000
    assert text.isascii() and "\n\n" in text
    vocab = char_vocabulary(text)
    assert 30 <= len(vocab) <= 80 and list(vocab.chars) == sorted(vocab.chars)
    assert vocab.decode(vocab.encode(text)) == text


def test_char_sequences_next_and_shifted_targets():
    text = "the cat sat on the mat"
    x, y, vocab = char_sequences(text, 5)
    assert x.shape == (len(text) - 5, 5) and y.shape == (len(text) - 5,)
    assert vocab.decode(x[0]) == "the c" and vocab.decode(y[:3]) == "at "
    np.testing.assert_array_equal(x[1:, -1], y[:-1])
    xs, ys, _ = char_sequences(text, 5, step=3, shifted=True)
    assert ys.shape == xs.shape and vocab.decode(ys[1]) == vocab.decode(xs[1])[1:] + text[8]
    with pytest.raises(ValueError, match="seq_len"):
        char_sequences("abc", 3)
    with pytest.raises(ValueError, match="outside the vocabulary"):
        vocab.encode("dog!")
    with pytest.raises(ValueError, match="ids"):
        vocab.decode([0, 99])


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="abcde ", min_size=2, max_size=60), st.integers(1, 8), st.integers(1, 4))
def test_char_sequences_windows_rebuild_the_text(text, seq_len, step):
    if len(text) < seq_len + 1:
        return
    x, y, vocab = char_sequences(text, seq_len, step=step)
    assert len(x) == (len(text) - seq_len - 1) // step + 1
    for k in (0, len(x) - 1):
        assert (
            vocab.decode(x[k]) + vocab.decode(y[k : k + 1])
            == text[k * step : k * step + seq_len + 1]
        )


# --- tf.data ---------------------------------------------------------------------------------


def test_to_tf_dataset_batches_shuffles_and_prefetches():
    x = np.arange(50, dtype=np.float32).reshape(25, 2)
    y = np.arange(25)
    ds = to_tf_dataset(x, y, batch_size=8, seed=1)
    assert "Prefetch" in type(ds).__name__
    batches = list(ds.as_numpy_iterator())
    assert [len(b[1]) for b in batches] == [8, 8, 8, 1]
    seen = np.concatenate([b[1] for b in batches])
    assert sorted(seen) == list(range(25)) and not np.array_equal(seen, np.arange(25))
    for bx, by in batches:
        np.testing.assert_array_equal(bx, x[by])  # pairs stay together
    again = np.concatenate([b[1] for b in to_tf_dataset(x, y, batch_size=8, seed=1)])
    np.testing.assert_array_equal(seen, again)
    plain = list(to_tf_dataset(x, batch_size=10, shuffle=False).as_numpy_iterator())
    np.testing.assert_array_equal(plain[0], x[:10])
    with pytest.raises(ValueError, match="same number of samples"):
        to_tf_dataset(x, y[:-1])
    with pytest.raises(ValueError, match="batch_size"):
        to_tf_dataset(x, y, batch_size=0)


# --- CIFAR-10 from local files ---------------------------------------------------------------


@pytest.fixture
def cifar_root(tmp_path):
    write_cifar10_fixture(tmp_path, n_train_per_batch=12, n_test=7)
    return tmp_path


def test_cifar_loader_reads_the_official_format(cifar_root):
    folder = cifar10_dir(cifar_root)
    batch = pickle.loads((folder / "data_batch_2").read_bytes(), encoding="bytes")
    assert set(batch) == {b"batch_label", b"labels", b"data", b"filenames"}
    data = load_cifar10(cifar_root)
    assert data.x_train.shape == (60, 32, 32, 3) and data.x_test.shape == (7, 32, 32, 3)
    assert data.x_train.dtype == np.uint8 and data.y_train.dtype == np.int64
    assert data.x_val.shape == (0, 32, 32, 3) and data.class_names == CIFAR10_CLASSES
    assert data.y_train.min() >= 0 and data.y_train.max() <= 9
    # Row layout: 1024 red, 1024 green, 1024 blue values, each plane row-major.
    image = 3  # the fourth image of data_batch_2 is training image 12 + 3
    for channel, row, col in [(0, 0, 0), (1, 5, 7), (2, 31, 30), (0, 17, 2)]:
        value = batch[b"data"][image, channel * 1024 + row * 32 + col]
        assert data.x_train[12 + image, row, col, channel] == value
    np.testing.assert_array_equal(data.y_train[12:24], batch[b"labels"])


def test_cifar_validation_split_scale_and_env_dir(cifar_root, monkeypatch):
    monkeypatch.setenv("DLREF_DATA_DIR", str(cifar_root))
    data = load_cifar10(val_size=10, scale=True)
    assert len(data.x_train) == 50 and len(data.x_val) == 10
    assert data.x_train.dtype == np.float32 and 0.0 <= data.x_val.min() <= data.x_val.max() <= 1.0
    direct = load_cifar10(cifar10_dir(cifar_root))  # the cifar-10-batches-py folder itself
    assert len(direct.x_train) == 60


def test_cifar_missing_files_say_where_to_put_what(tmp_path):
    with pytest.raises(FileNotFoundError) as error:
        load_cifar10(tmp_path / "nowhere")
    message = str(error.value)
    expected_dir = str(tmp_path / "nowhere" / "cifar-10-batches-py")
    assert expected_dir in message and CIFAR10_URL in message
    for name in ("data_batch_1", "data_batch_5", "test_batch", "batches.meta", "DLREF_DATA_DIR"):
        assert name in message
    assert not (tmp_path / "nowhere").exists()  # nothing created, nothing downloaded


def test_cifar_pickles_from_old_numpy_load_and_code_is_refused(cifar_root):
    folder = cifar10_dir(cifar_root)
    path = folder / "test_batch"
    # The official files were written by NumPy 1.x, whose ndarray lives in numpy.core.
    path.write_bytes(path.read_bytes().replace(b"numpy._core.multiarray", b"numpy.core.multiarray"))
    assert len(load_cifar10(cifar_root).x_test) == 7

    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))

    path.write_bytes(pickle.dumps({b"data": Evil()}, protocol=2))
    with pytest.raises(pickle.UnpicklingError, match=r"may not reference .*print"):
        load_cifar10(cifar_root)


def test_cifar_malformed_batch_is_reported(cifar_root):
    path = cifar10_dir(cifar_root) / "data_batch_3"
    bad = {b"data": np.zeros((4, 100), np.uint8), b"labels": [0, 1, 2, 3]}
    path.write_bytes(pickle.dumps(bad, protocol=2))
    with pytest.raises(ValueError, match=r"data_batch_3.*\(n, 3072\)"):
        load_cifar10(cifar_root)


# --- words: tokeniser and vocabulary (attention/embeddings) ----------------------------------


def test_word_tokens_lower_case_letters_and_inner_apostrophes():
    assert word_tokens("Don't stop-start 2 times.\nThe END'") == [
        "don't", "stop", "start", "times", "the", "end",
    ]  # fmt: skip
    assert word_tokens("") == [] and word_tokens(" 42 -- ! ") == []
    assert word_tokens("Äpfel und Birnen") == ["äpfel", "und", "birnen"]
    with pytest.raises(TypeError, match="text must be a str"):
        word_tokens(["a"])


def test_word_vocabulary_orders_by_count_then_alphabet_and_reserves_pad_and_unk():
    vocab = word_vocabulary("b a c b a b d")
    assert vocab.words == ("b", "a", "c", "d") and len(vocab) == 6
    assert vocab.tokens[:2] == (WordVocabulary.PAD, WordVocabulary.UNK) == ("<pad>", "<unk>")
    ids = vocab.encode("A b, zebra!")
    assert ids.dtype == np.int32 and ids.tolist() == [3, 2, 1]  # zebra is unknown
    assert vocab.encode(["b", "zebra"]).tolist() == [2, 1] and vocab.encode("").size == 0
    assert vocab.decode([0, 3, 1, 2]) == "<pad> a <unk> b" and vocab.decode([]) == ""
    assert word_vocabulary("b a c b a b d", min_count=2).words == ("b", "a")
    assert word_vocabulary("b a c b a b d", max_words=3).words == ("b", "a", "c")


def test_word_vocabulary_round_trips_the_corpus():
    text = load_text_corpus()
    vocab = word_vocabulary(text)
    ids = vocab.encode(text)
    assert ids.min() >= 2 and len(ids) == len(word_tokens(text))  # no pads, no unknowns
    assert vocab.decode(ids).split() == word_tokens(text)
    counts = np.bincount(ids, minlength=len(vocab))[2:]
    assert np.all(np.diff(counts) <= 0)  # most frequent first


def test_word_vocabulary_rejects_bad_arguments():
    with pytest.raises(ValueError, match="at least one word"):
        word_vocabulary("123 !")
    with pytest.raises(ValueError, match="min_count must be >= 1"):
        word_vocabulary("a b", min_count=0)
    with pytest.raises(TypeError, match="max_words must be an int"):
        word_vocabulary("a b", max_words=2.0)
    with pytest.raises(ValueError, match="reserved tokens"):
        WordVocabulary(("a", "<unk>"))
    with pytest.raises(ValueError, match="distinct"):
        WordVocabulary(("a", "a"))
    with pytest.raises(TypeError, match="tuple of str"):
        WordVocabulary(["a"])
    vocab = WordVocabulary(("a",))
    with pytest.raises(ValueError, match=r"ids must lie in \[0, 2\]"):
        vocab.decode([3])
    with pytest.raises(ValueError, match="1-D integer"):
        vocab.decode([[1]])
    with pytest.raises(TypeError, match="sequence of str"):
        vocab.encode([1, 2])
