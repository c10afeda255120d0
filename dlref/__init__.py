"""dlref: the small library behind the dlref deep-learning reference.

Subpackages are imported on demand so that ``import dlref`` stays cheap:

- `dlref.math`: from-scratch NumPy deep learning (activations, losses, layers, backprop,
  optimisers, regularisation, convolution, recurrent cells), each checked against Keras.
- `dlref.classic`: classical machine learning from scratch, checked against scikit-learn.
- `dlref.models`: Keras model builders (MLP, LeNet-5, AlexNet, VGG, GoogLeNet, ResNet,
  recurrent sequence models, GAN) that validate their arguments first.
- `dlref.data`: offline datasets (scikit-learn's bundled sets, generated data, a bundled
  text corpus) and the real CIFAR-10 loader.
- `dlref.train`: training recipes (``fit`` with a divergence guard, ``evaluate``,
  augmentation, saving and export, hyperparameter search).
- `dlref.plot`: plotting helpers that return matplotlib figures.
- `dlref.device`: devices, memory growth, mixed precision and ``tf.distribute`` strategies.
- `dlref.rl`: tabular reinforcement learning (grid worlds, value and policy iteration,
  Q-learning, multi-armed bandits), checked against exact solutions.
- `dlref.recipes`: small shared models, such as the digits CNN used by pages and benchmarks.

``dlref/corpus`` holds the bundled plain-text corpus that ``dlref.data`` reads.
"""

__version__ = "0.1.0"
