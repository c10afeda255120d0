import numpy as np
from matplotlib.figure import Figure

from dlref.data import char_vocabulary, load_text_corpus, word_tokens, word_vocabulary
from dlref.plot import save_figure

text = load_text_corpus()
chars = char_vocabulary(text)  # every distinct character
words = word_tokens(text)  # lower-case runs of letters
vocab = word_vocabulary(text)  # words by decreasing count, ties alphabetical
print(f"characters: {len(chars):>5} distinct, sequence of {len(text):,} tokens")
print(f"words:      {len(vocab.words):>5} distinct, sequence of {len(words):,} tokens")
print(f"{len(text) / len(words):.1f} characters per word token (spaces and punctuation included)")

counts = np.bincount(vocab.encode(words), minlength=len(vocab))[2:]  # ids 0 and 1 are reserved
print(
    "most frequent:", ", ".join(f"{w} {c}" for w, c in zip(vocab.words[:8], counts, strict=False))
)
print(f"{np.sum(counts == 1)} of {len(counts)} words occur exactly once")
print(f"the 10 most frequent words are {counts[:10].sum() / counts.sum():.0%} of the word tokens")
assert len(vocab.words) > 20 * len(chars) and 2 * np.sum(counts == 1) > len(counts)

# The same split as the text-generation notebook: the last 10% of the characters is held out.
split = int(0.9 * len(text))
train_vocab = word_vocabulary(text[:split])
held_out = train_vocab.encode(text[split:])
unknown = np.mean(held_out == 1)  # id 1 is <unk>
new_chars = set(text[split:]) - set(text[:split])
print(f"held-out word tokens unknown to the training vocabulary: {unknown:.1%}")
print(f"held-out characters unknown to the training characters: {len(new_chars)}")
assert unknown > 0.1 and not new_chars

fig = Figure(figsize=(5.5, 3.4), layout="constrained")
ax = fig.add_subplot()
ranks = np.arange(1, len(counts) + 1)
ax.loglog(ranks, counts, ".", markersize=3, label="corpus words")
ax.loglog(ranks, counts[0] / ranks, "--", linewidth=1, label="count of rank 1 / rank")
ax.set_xlabel("rank of the word")
ax.set_ylabel("count in the corpus")
ax.legend()
save_figure(fig, "attention-embeddings-word-counts.svg")
