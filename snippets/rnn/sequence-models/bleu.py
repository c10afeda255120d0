import math
from collections import Counter
from fractions import Fraction

corpus = [  # (candidate, reference): one reference per sentence
    ("the cat sat on the mat", "the cat is on the mat"),
    ("there is a cat on mat", "there is a cat on the mat"),
]


def ngrams(words, n):
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def bleu(pairs, max_n=4):
    """Corpus BLEU with uniform weights 1/max_n: counts are pooled over all sentences."""
    matched, total = [0] * max_n, [0] * max_n
    c = r = 0
    for candidate, reference in pairs:
        cand, ref = candidate.split(), reference.split()
        c, r = c + len(cand), r + len(ref)
        for n in range(1, max_n + 1):
            counts, ref_counts = ngrams(cand, n), ngrams(ref, n)
            # clipping: an n-gram counts at most as often as it occurs in the reference
            matched[n - 1] += sum(min(k, ref_counts[g]) for g, k in counts.items())
            total[n - 1] += sum(counts.values())
    precisions = [Fraction(m, t) for m, t in zip(matched, total, strict=True)]
    if min(precisions) == 0:
        return 0.0, precisions, c, r
    brevity = math.exp(min(0.0, 1 - r / c))
    return brevity * math.exp(sum(math.log(p) for p in precisions) / max_n), precisions, c, r


score, precisions, c, r = bleu(corpus)
brevity = math.exp(min(0.0, 1 - r / c))
print("clipped n-gram precisions p_1..p_4:", " ".join(str(p) for p in precisions))
print(f"lengths c = {c} (candidates), r = {r} (references), brevity penalty {brevity:.4f}")
print(f"corpus BLEU = {score:.4f}, or {100 * score:.2f} on the usual 0-100 scale")
sentence_scores = [bleu([pair])[0] for pair in corpus]
for (candidate, _), sentence_score in zip(corpus, sentence_scores, strict=True):
    print(f"sentence BLEU of {candidate!r}: {sentence_score:.4f}")
average = sum(sentence_scores) / len(sentence_scores)
print(f"average of the sentence scores: {average:.4f} (not the corpus BLEU)")
assert abs(average - score) > 0.1

# by hand: sentence 1 matches 5/6, 3/5, 1/4, 0/3 n-grams, sentence 2 6/6, 4/5, 3/4, 2/3
assert precisions == [Fraction(11, 12), Fraction(7, 10), Fraction(4, 8), Fraction(2, 6)]
by_hand = math.exp(1 - 13 / 12) * (Fraction(11, 12) * Fraction(7, 10) / 2 / 3) ** 0.25
assert (c, r) == (12, 13) and math.isclose(score, by_hand)
