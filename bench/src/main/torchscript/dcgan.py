#!/usr/bin/env python3
"""Writes the anchor networks of the benchmarks: bench/src/main/resources/io/ganpoet/bench/dcgan_{d,g}.pt.

The PyTorch DCGAN tutorial's discriminator (returning logits) and generator, as TorchScript
functions of their weights: every parameter, batch-norm running statistics included, is an
input in the order DJL lists the generated block's parameters, so the files hold no data
(a few KB) and the benchmark runs them with the very same arrays the generated blocks use.
Batch norm runs in training mode (DJL's momentum 0.9 is PyTorch's 0.1) and updates the
running statistics in place, as DJL's BatchNorm does.

  /usr/bin/python3 bench/src/main/torchscript/dcgan.py      # Debian's python3-torch 1.13 is enough
"""
import os

import torch
import torch.nn.functional as F

Tensor = torch.Tensor


def bn(x: Tensor, gamma: Tensor, beta: Tensor, mean: Tensor, var: Tensor) -> Tensor:
    return F.batch_norm(x, mean, var, gamma, beta, True, 0.1, 1e-5)


class Discriminator(torch.nn.Module):
    def forward(self, x: Tensor, w1: Tensor,
                w2: Tensor, g2: Tensor, b2: Tensor, m2: Tensor, v2: Tensor,
                w3: Tensor, g3: Tensor, b3: Tensor, m3: Tensor, v3: Tensor,
                w4: Tensor, g4: Tensor, b4: Tensor, m4: Tensor, v4: Tensor,
                w5: Tensor) -> Tensor:
        x = F.leaky_relu(F.conv2d(x, w1, None, 2, 1), 0.2)
        x = F.leaky_relu(bn(F.conv2d(x, w2, None, 2, 1), g2, b2, m2, v2), 0.2)
        x = F.leaky_relu(bn(F.conv2d(x, w3, None, 2, 1), g3, b3, m3, v3), 0.2)
        x = F.leaky_relu(bn(F.conv2d(x, w4, None, 2, 1), g4, b4, m4, v4), 0.2)
        return F.conv2d(x, w5)


class Generator(torch.nn.Module):
    def forward(self, z: Tensor,
                w5: Tensor, g5: Tensor, b5: Tensor, m5: Tensor, v5: Tensor,
                w4: Tensor, g4: Tensor, b4: Tensor, m4: Tensor, v4: Tensor,
                w3: Tensor, g3: Tensor, b3: Tensor, m3: Tensor, v3: Tensor,
                w2: Tensor, g2: Tensor, b2: Tensor, m2: Tensor, v2: Tensor,
                w1: Tensor) -> Tensor:
        x = F.relu(bn(F.conv_transpose2d(z, w5), g5, b5, m5, v5))
        x = F.relu(bn(F.conv_transpose2d(x, w4, None, 2, 1), g4, b4, m4, v4))
        x = F.relu(bn(F.conv_transpose2d(x, w3, None, 2, 1), g3, b3, m3, v3))
        x = F.relu(bn(F.conv_transpose2d(x, w2, None, 2, 1), g2, b2, m2, v2))
        return torch.tanh(F.conv_transpose2d(x, w1, None, 2, 1))


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.normpath(os.path.join(here, "..", "resources", "io", "ganpoet", "bench"))
    for name, module in (("dcgan_d.pt", Discriminator()), ("dcgan_g.pt", Generator())):
        path = os.path.join(out, name)
        torch.jit.script(module).save(path)
        print("wrote", path, os.path.getsize(path), "bytes")
