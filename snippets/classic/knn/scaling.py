import numpy as np
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split

from dlref.classic.neighbors import KNeighborsClassifier
from dlref.classic.preprocessing import StandardScaler

data = load_wine()
X_train, X_test, y_train, y_test = train_test_split(
    data.data, data.target, test_size=0.3, stratify=data.target, random_state=0
)
spread = X_train.std(axis=0)
print(
    f"{len(spread)} features, standard deviations from {spread.min():.2f} "
    f"to {spread.max():.0f} ({data.feature_names[spread.argmax()]})"
)

raw = KNeighborsClassifier(5).fit(X_train, y_train)
scaler = StandardScaler().fit(X_train)  # mean and standard deviation of the training set
scaled = KNeighborsClassifier(5).fit(scaler.transform(X_train), y_train)
print(f"test accuracy, raw features:          {raw.score(X_test, y_test):.3f}")
print(f"test accuracy, standardised features: {scaled.score(scaler.transform(X_test), y_test):.3f}")

# share of the squared distance to the nearest neighbour from the two largest-scale features
_, idx = raw.kneighbors(X_test)
diff2 = (X_test - X_train[idx[:, 0]]) ** 2
top2 = np.argsort(spread)[-2:]
share = np.median(diff2[:, top2].sum(axis=1) / diff2.sum(axis=1))
names = [data.feature_names[j] for j in top2]
print(f"raw: {names} make up {share:.1%} of the squared distance (median over test points)")
