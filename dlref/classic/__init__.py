"""Classical machine-learning models in NumPy, with scikit-learn's interface.

Each model is written from scratch and tested against its scikit-learn counterpart on the same
data: linear and logistic regression, decision trees, k-nearest neighbours, Gaussian, multinomial
and Bernoulli naive Bayes, a linear SVM (SMO), k-means, agglomerative clustering, DBSCAN,
Gaussian mixtures (EM) and tree ensembles (bagging, random forests, gradient boosting for
regression and classification).
"""

from dlref.classic.cluster import DBSCAN, AgglomerativeClustering, KMeans
from dlref.classic.ensemble import (
    BaggingClassifier,
    GradientBoostingClassifier,
    GradientBoostingRegressor,
    RandomForestClassifier,
)
from dlref.classic.linear import (
    HuberRegressor,
    Lasso,
    LinearRegression,
    LogisticRegression,
    Ridge,
)
from dlref.classic.mixture import GaussianMixture
from dlref.classic.naive_bayes import BernoulliNB, GaussianNB, MultinomialNB
from dlref.classic.neighbors import KNeighborsClassifier, KNeighborsRegressor
from dlref.classic.preprocessing import PolynomialFeatures, StandardScaler
from dlref.classic.svm import LinearSVM
from dlref.classic.tree import DecisionTreeClassifier, DecisionTreeRegressor

__all__ = [
    "DBSCAN",
    "AgglomerativeClustering",
    "BaggingClassifier",
    "BernoulliNB",
    "DecisionTreeClassifier",
    "DecisionTreeRegressor",
    "GaussianMixture",
    "GaussianNB",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
    "HuberRegressor",
    "KMeans",
    "KNeighborsClassifier",
    "KNeighborsRegressor",
    "Lasso",
    "LinearRegression",
    "LinearSVM",
    "LogisticRegression",
    "MultinomialNB",
    "PolynomialFeatures",
    "RandomForestClassifier",
    "Ridge",
    "StandardScaler",
]
