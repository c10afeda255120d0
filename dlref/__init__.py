"""dlref: the small library behind the dlref deep-learning reference.

Subpackages are imported on demand so that ``import dlref`` stays cheap:

- :mod:`dlref.math`: from-scratch NumPy implementations (activations, ...).
- :mod:`dlref.plot`: plotting helpers that return matplotlib figures.
"""

__version__ = "0.1.0"
