import keras

from dlref.models import GOOGLENET_BLOCKS, inception_block

c1, r3, c3, r5, c5, cp = GOOGLENET_BLOCKS["3a"]  # 64, 96, 128, 16, 32, 32
inputs = keras.Input((28, 28, 192))  # what block 3a receives in GoogLeNet
block = keras.Model(inputs, inception_block(inputs, c1, r3, c3, r5, c5, cp))
C = 192
by_hand = C * (c1 + r3 + r5 + cp) + 9 * r3 * c3 + 25 * r5 * c5 + (c1 + r3 + c3 + r5 + c5 + cp)
print("block 3a output:", block.output_shape, " channels 64+128+32+32 =", c1 + c3 + c5 + cp)
print(f"parameters: Keras {block.count_params():,}, by hand {by_hand:,}")

# The same four branches without the 1×1 reductions in front of the 3×3 and 5×5 convolutions
naive = C * (c1 + cp) + 9 * C * c3 + 25 * C * c5 + (c1 + c3 + c5 + cp)
print(f"without 1×1 reductions: {naive:,} parameters ({naive / by_hand:.1f}× as many)")

# Global average pooling vs flattening the last GoogLeNet feature map (7×7×1024) into 1000 classes
print(
    f"head on 7×7×1024: flatten + dense {(7 * 7 * 1024 + 1) * 1000:,}, "
    f"global average pooling + dense {(1024 + 1) * 1000:,}"
)
