import itertools

import numpy as np

tokens = "abc"
first = np.array([0.5, 0.4, 0.1])  # P(y_1)
after = np.array(  # P(y_t | y_{t-1}): row = previous token, column = next token
    [
        [0.40, 0.35, 0.25],  # after a
        [0.05, 0.15, 0.80],  # after b
        [0.30, 0.10, 0.60],  # after c
    ]
)


def next_log_probs(prefix):
    """log P(next token | prefix) for every token: the model's one step."""
    return np.log(first if not prefix else after[prefix[-1]])


def beam_search(length, beam):
    """Keep the `beam` prefixes with the highest summed log-probability at every step."""
    beams = [((), 0.0)]
    for _ in range(length):
        candidates = [
            ((*prefix, token), score + log_p)
            for prefix, score in beams
            for token, log_p in enumerate(next_log_probs(prefix))
        ]
        beams = sorted(candidates, key=lambda c: c[1], reverse=True)[:beam]
    return beams


def greedy(length):
    prefix = ()
    for _ in range(length):
        prefix += (int(np.argmax(next_log_probs(prefix))),)
    return prefix


def log_prob(sequence):
    return sum(next_log_probs(sequence[:t])[token] for t, token in enumerate(sequence))


def word(sequence):
    return "".join(tokens[t] for t in sequence)


L = 3
g = greedy(L)
print(f"greedy        {word(g)}  P = {np.exp(log_prob(g)):.3f}")
for width in (1, 2, 3):
    best, score = beam_search(L, width)[0]
    print(f"beam width {width}  {word(best)}  P = {np.exp(score):.3f}")
everything = {s: log_prob(s) for s in itertools.product(range(len(tokens)), repeat=L)}
best = max(everything, key=everything.get)
print(f"all {len(everything)} sequences: best {word(best)}  P = {np.exp(everything[best]):.3f}")

assert beam_search(L, 1)[0][0] == g  # a beam of width 1 is greedy decoding
assert everything[best] > log_prob(g) + np.log(2)  # here greedy finds less than half the best P
full = beam_search(L, len(tokens) ** L)  # a beam that keeps everything is exhaustive search
assert full[0][0] == best and len(full) == len(everything)
assert all(np.isclose(score, everything[s]) for s, score in full)

p = np.full(400, 0.1)  # 400 steps, each with probability 0.1
print(f"product of 400 probabilities 0.1: {np.prod(p)}; sum of their logs: {np.log(p).sum():.1f}")
