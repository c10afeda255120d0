import keras

from dlref.models import lenet5

# Table I of LeCun et al. (1998): the S2 maps (0-5) that each of the 16 C3 maps reads
C3_TABLE = (
    [[(i + j) % 6 for j in range(3)] for i in range(6)]  # maps 0-5: 3 neighbouring maps
    + [[(i + j) % 6 for j in range(4)] for i in range(6)]  # maps 6-11: 4 neighbouring maps
    + [[0, 1, 3, 4], [1, 2, 4, 5], [0, 2, 3, 5]]  # maps 12-14: 4 maps, not all neighbours
    + [[0, 1, 2, 3, 4, 5]]  # map 15: all six
)

paper = {  # parameters of each layer of the 1998 network
    "C1": (5 * 5 * 1 + 1) * 6,
    "S2": 2 * 6,  # one trainable coefficient and one bias per map
    "C3": sum(5 * 5 * len(inputs) + 1 for inputs in C3_TABLE),
    "S4": 2 * 16,
    "C5": (5 * 5 * 16 + 1) * 120,
    "F6": (120 + 1) * 84,
    "output": 10 * 84,  # 10 Euclidean RBF units, one centre of 84 values each
}
with keras.StatelessScope(initialize_variables=False):
    model = lenet5()
ours = {name: model.get_layer(name.lower()).count_params() for name in paper}  # c1, s2, ...

print(f"{'layer':<7}{'1998 paper':>11}{'lenet5()':>10}")
for name in paper:
    print(f"{name:<7}{paper[name]:>11,}{ours[name]:>10,}")
print(f"{'total':<7}{sum(paper.values()):>11,}{model.count_params():>10,}")
assert paper["C3"] == 1_516 and sum(paper.values()) == 60_840
assert sum(ours.values()) == model.count_params() == 61_706
