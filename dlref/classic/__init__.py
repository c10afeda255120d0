"""Classical machine-learning models in NumPy, with scikit-learn's interface."""
