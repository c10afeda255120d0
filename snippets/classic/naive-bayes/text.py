import re

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import BernoulliNB as SkBernoulliNB
from sklearn.naive_bayes import MultinomialNB as SkMultinomialNB

from dlref.classic.naive_bayes import BernoulliNB, MultinomialNB
from dlref.data import load_text_corpus, word_tokens

# Documents: the sentences of the bundled essays; label: the essay a sentence comes from.
paragraphs = load_text_corpus().split("\n\n")
documents, labels, titles = [], [], []
for paragraph in paragraphs:
    if "\n" not in paragraph.strip() and not paragraph.strip().endswith("."):  # a title
        titles.append(paragraph.strip())
        continue
    for sentence in re.split(r"(?<=[.!?])\s+", paragraph.strip()):
        if len(word_tokens(sentence)) >= 3:
            documents.append(sentence)
            labels.append(len(titles) - 1)
y = np.array(labels)
print(f"{len(titles)} essays, {len(documents)} sentences")

train_docs, test_docs, y_train, y_test = train_test_split(
    documents, y, test_size=0.3, stratify=y, random_state=0
)
vectorizer = CountVectorizer(analyzer=word_tokens)  # word counts: one column per word
X_train = vectorizer.fit_transform(train_docs).toarray()
X_test = vectorizer.transform(test_docs).toarray()
chance = np.bincount(y_test).max() / len(y_test)  # always the largest essay
print(f"vocabulary: {X_train.shape[1]} words, chance accuracy {chance:.3f}")

accuracy = {}
for alpha in (1.0, 0.1):  # 1: Laplace smoothing; below 1: Lidstone
    for ours, theirs in (
        (MultinomialNB(alpha=alpha), SkMultinomialNB(alpha=alpha)),
        (BernoulliNB(alpha=alpha), SkBernoulliNB(alpha=alpha)),
    ):
        ours.fit(X_train, y_train)
        theirs.fit(X_train, y_train)
        same = all(
            np.allclose(a, b, rtol=0, atol=1e-10)
            for a, b in (
                (ours.feature_log_prob_, theirs.feature_log_prob_),
                (ours.class_log_prior_, theirs.class_log_prior_),
                (ours.predict_proba(X_test), theirs.predict_proba(X_test)),
            )
        )
        name = type(ours).__name__
        accuracy[name, alpha] = ours.score(X_test, y_test)
        print(f"{name:<13} α = {alpha}: test accuracy {accuracy[name, alpha]:.3f}", end="")
        print(f"  same as scikit-learn (1e-10): {same}")
        assert same

assert accuracy["MultinomialNB", 1.0] > 2 * chance  # word counts identify the essay
assert accuracy["BernoulliNB", 1.0] <= chance + 1e-12  # absent words swamp the evidence
assert accuracy["BernoulliNB", 0.1] > accuracy["BernoulliNB", 1.0]
assert accuracy["MultinomialNB", 0.1] > accuracy["MultinomialNB", 1.0]
