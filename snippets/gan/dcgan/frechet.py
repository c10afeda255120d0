import numpy as np
from scipy.linalg import sqrtm

from dlref.data import load_digits


def fit_gaussian(features):
    """Mean vector and covariance matrix of feature vectors, one vector per row."""
    return features.mean(axis=0), np.cov(features, rowvar=False)


def frechet_distance(mean_1, cov_1, mean_2, cov_2):
    """||m1 - m2||² + Tr(S1 + S2 - 2 (S1 S2)^(1/2)), the quantity FID reports."""
    # Tr (S1 S2)^(1/2) = Tr (S1^(1/2) S2 S1^(1/2))^(1/2), a symmetric matrix, so eigh applies,
    # even when a covariance is singular (a pixel that is 0 in every image)
    values, vectors = np.linalg.eigh(cov_1)
    root_1 = vectors @ np.diag(np.sqrt(np.clip(values, 0.0, None))) @ vectors.T
    trace_root = np.sum(np.sqrt(np.clip(np.linalg.eigvalsh(root_1 @ cov_2 @ root_1), 0.0, None)))
    return np.sum((mean_1 - mean_2) ** 2) + np.trace(cov_1) + np.trace(cov_2) - 2 * trace_root


# 1) the formula with scipy's matrix square root, on two random 5×5 covariances
rng = np.random.default_rng(0)
a, b = rng.normal(size=(2, 5, 5))
cov_1, cov_2 = a @ a.T + 0.1 * np.eye(5), b @ b.T + 0.1 * np.eye(5)
mean_1, mean_2 = rng.normal(size=(2, 5))
with_sqrtm = np.sum((mean_1 - mean_2) ** 2) + np.trace(
    cov_1 + cov_2 - 2 * sqrtm(cov_1 @ cov_2).real
)
same = np.isclose(frechet_distance(mean_1, cov_1, mean_2, cov_2), with_sqrtm)
print("frechet_distance == the formula with scipy.linalg.sqrtm:", same)
# in one dimension it is (m1 - m2)² + (s1 - s2)²: here 3² + 1² for N(1, 2²) and N(-2, 3²)
one_d = frechet_distance(np.array([1.0]), np.array([[4.0]]), np.array([-2.0]), np.array([[9.0]]))
print(f"N(1, 2²) and N(-2, 3²): {one_d:.1f}")
assert same and np.isclose(one_d, 10.0)

# 2) Gaussians fitted to the 64 pixels of digit images, each set against the training digits
data = load_digits(0.2, seed=0)  # the page's split: 1437 and 360 images of 64 pixels in [0, 1]
train, held_out = data.x_train.astype("float64"), data.x_test.astype("float64")
independent = np.stack([rng.choice(train[:, j], 360) for j in range(64)], axis=1)  # exercise 2
reference = fit_gaussian(train)
print(f"{'Fréchet distance to the training digits':<40}{'means':>6}{'covariances':>13}{'total':>7}")
terms = {}
for name, pixels in [
    ("360 held-out real digits", held_out),
    ("60 held-out real digits", held_out[:60]),
    ("360 images, pixels drawn independently", independent),
]:
    mean, cov = fit_gaussian(pixels)
    total = frechet_distance(*reference, mean, cov)
    means = np.sum((reference[0] - mean) ** 2)  # the first term; the rest is the trace term
    terms[name] = means, total - means
    print(f"{name:<40}{means:6.2f}{total - means:13.2f}{total:7.2f}")

real, few, shuffled = terms.values()
assert shuffled[0] < 0.05 and shuffled[1] > 10 * real[1]  # right means, wrong covariances
assert sum(few) > 3 * sum(real)  # the same distribution, fewer samples: a larger distance
