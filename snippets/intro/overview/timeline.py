from matplotlib.figure import Figure

from dlref.plot import save_figure

# (year, event); only milestones with well-established dates
milestones = [
    (1943, "McCulloch & Pitts: threshold neuron model"),
    (1958, "Rosenblatt: perceptron"),
    (1969, "Minsky & Papert: Perceptrons (limits of one layer)"),
    (1986, "Rumelhart, Hinton & Williams: backpropagation"),
    (1989, "LeCun et al.: CNN trained by backprop on zip codes"),
    (1997, "Hochreiter & Schmidhuber: LSTM"),
    (1998, "LeCun et al.: LeNet-5"),
    (2006, "Hinton et al.: deep belief networks"),
    (2012, "Krizhevsky et al.: AlexNet wins ImageNet"),
    (2014, "Goodfellow et al.: GANs"),
    (2015, "He et al.: ResNet"),
    (2017, "Vaswani et al.: Transformer"),
    (2018, "BERT, GPT: pre-trained Transformers"),
    (2022, "ChatGPT: large language models reach the public"),
]
years = [year for year, _ in milestones]
assert years == sorted(years)

fig = Figure(figsize=(6.4, 5.2), layout="constrained")
ax = fig.subplots()
ax.axvline(0, color="0.5", linewidth=1.5)
for i, (year, event) in enumerate(milestones):
    y = len(milestones) - i
    ax.plot(0, y, "o", color="tab:blue", markersize=6)
    ax.text(-0.08, y, str(year), ha="right", va="center", fontsize=10, weight="bold")
    ax.text(0.08, y, event, ha="left", va="center", fontsize=10)
ax.set_xlim(-0.7, 5.0)
ax.set_ylim(0.3, len(milestones) + 0.7)
ax.axis("off")
ax.set_title("Milestones of neural networks and deep learning")
save_figure(fig, "intro-overview-timeline.svg")
print(f"{len(milestones)} milestones, {years[0]}-{years[-1]}")
