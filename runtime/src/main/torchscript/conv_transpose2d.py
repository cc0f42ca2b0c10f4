#!/usr/bin/env python3
"""Writes runtime/src/main/resources/io/ganpoet/runtime/nn/conv_transpose2d.pt.

DJL's Java API has no transposed convolution on the PyTorch engine, but libtorch has one
(oneDNN's kernel on a CPU, cuDNN's on a GPU). This module is the smallest way to reach it: a
TorchScript function that TransposedConv2d loads once per device with DJL's JniUtils.loadModule and
runs with IValueUtils.forward(..., isTrain=true), so libtorch's autograd records it and supplies the
backward pass. The weight and bias are inputs, not module parameters, so the file holds no data.

Integer arguments come in one int64 tensor (DJL passes tensors only):
  params = [stride_h, stride_w, pad_h, pad_w, out_pad_h, out_pad_w, groups, dil_h, dil_w, has_bias]
Without a bias, pass any tensor as `b` (it is not read) and has_bias = 0.

Run with Debian's python3-torch (1.13) or any later PyTorch; the file loads in libtorch 2.7.1:
  /usr/bin/python3 runtime/src/main/torchscript/conv_transpose2d.py
"""
import os
from typing import List

import torch
import torch.nn.functional as F


class ConvTranspose2d(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, params: torch.Tensor) -> torch.Tensor:
        p: List[int] = params.tolist()
        bias = b if p[9] != 0 else None
        return F.conv_transpose2d(x, w, bias, [p[0], p[1]], [p[2], p[3]], [p[4], p[5]], p[6], [p[7], p[8]])


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "resources", "io", "ganpoet", "runtime", "nn", "conv_transpose2d.pt")
    torch.jit.script(ConvTranspose2d()).save(os.path.normpath(out))
    print("wrote", os.path.normpath(out), os.path.getsize(out), "bytes")
