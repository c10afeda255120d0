import numpy as np

from dlref.data import char_vocabulary, load_text_corpus

text = load_text_corpus()
vocab = char_vocabulary(text)
V = len(vocab)
ids = vocab.encode(text)
split = int(0.9 * len(text))  # counts from the first 90%, evaluation on the last 10%
train = ids[:split]
previous, target = ids[split - 1 : -1], ids[split:]  # each held-out character and the one before


def report(name: str, p_target: np.ndarray) -> float:
    """Cross-entropy (nats and bits per character) and perplexity of the held-out characters."""
    nats = -np.mean(np.log(p_target))
    print(f"{name:<8} {nats:.3f} nats = {nats / np.log(2):.3f} bits, perplexity {np.exp(nats):.2f}")
    return nats


uniform = report("uniform", np.full(len(target), 1 / V))
unigram_counts = np.bincount(train, minlength=V)
p_unigram = (unigram_counts + 1) / (unigram_counts.sum() + V)  # add-one smoothing
unigram = report("unigram", p_unigram[target])
bigram_counts = np.zeros((V, V))
np.add.at(bigram_counts, (train[:-1], train[1:]), 1)  # row: previous character, column: next
p_bigram = (bigram_counts + 1) / (bigram_counts.sum(axis=1, keepdims=True) + V)
bigram = report("bigram", p_bigram[previous, target])

print(f"V = {V}; uniform perplexity equals V: {np.isclose(np.exp(uniform), V)}")
sums_to_one = np.isclose(p_unigram.sum(), 1) and np.allclose(p_bigram.sum(axis=1), 1)
print("each probability table sums to 1:", sums_to_one)
assert sums_to_one and np.isclose(np.exp(uniform), V) and bigram < unigram < uniform
assert np.exp(unigram) < np.exp(uniform) / 2
