from collections import Counter
from itertools import pairwise

from dlref.data import load_text_corpus, word_tokens


def merge(symbols: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    """Replace every adjacent occurrence of ``pair`` in ``symbols`` by one joined symbol."""
    out, i = [], 0
    while i < len(symbols):
        if symbols[i : i + 2] == pair:
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def learn_bpe(word_counts: Counter, n_merges: int) -> list[tuple[str, str]]:
    """Byte-pair encoding: merge the most frequent adjacent pair, ``n_merges`` times."""
    words = {tuple(w): c for w, c in word_counts.items()}  # each word starts as its characters
    merges = []
    for _ in range(n_merges):
        pairs = Counter()
        for symbols, count in words.items():
            for pair in pairwise(symbols):
                pairs[pair] += count
        best = min(pairs, key=lambda p: (-pairs[p], p))  # most frequent; ties alphabetically
        merges.append(best)
        words = {merge(s, best): c for s, c in words.items()}
    return merges


def segment(word: str, merges: list[tuple[str, str]]) -> tuple[str, ...]:
    symbols = tuple(word)
    for pair in merges:  # in the order they were learnt
        symbols = merge(symbols, pair)
    return symbols


text = load_text_corpus()
split = int(0.9 * len(text))  # learn on the first 90%, measure on the held-out 10%
train, held_out = Counter(word_tokens(text[:split])), Counter(word_tokens(text[split:]))
merges = learn_bpe(train, 300)
print("first merges:", " ".join("+".join(p) for p in merges[:10]))

alphabet = {ch for w in train for ch in w}
n_held_out = sum(held_out.values())
lengths = []
for n in (0, 100, 300):
    pieces = {w: segment(w, merges[:n]) for w in held_out}
    n_tokens = sum(len(pieces[w]) * c for w, c in held_out.items())
    per_word = n_tokens / n_held_out
    lengths.append(per_word)
    print(
        f"{n:>3} merges: vocabulary {len(alphabet) + n:>3}, held-out tokens per word {per_word:.2f}"
    )
unseen = sorted(w for w in held_out if w not in train)[:4]
print("unseen words in pieces:", " ".join("|".join(segment(w, merges)) for w in unseen))
assert lengths == sorted(lengths, reverse=True)  # more merges, shorter sequences
assert all(ch in alphabet for w in held_out for ch in w)  # every held-out word can be spelt
