#!/usr/bin/env python3
"""Writes conv2d_default.pt, conv2d_im2col.pt and conv2d_check.pt into runtime/src/main/resources/io/ganpoet/runtime/kernels/.

Why (docs/NOTES.md, "Right on every CPU"): on some CPUs libtorch 2.7.1's bundled oneDNN computes some
convolution directions wrongly (seen: its `jit:avx512_core` backward-data kernel, which is both a convolution's
input gradient and a transposed convolution's forward pass). ganpoet checks every convolution signature a network
uses once per process and device (conv2d_check.pt) and runs a signature whose default kernel is wrong on a kernel
that never touches oneDNN (conv2d_im2col.pt). Both are TorchScript functions that ganpoet-runtime loads with DJL's
JniUtils.loadModule and runs with IValueUtils.forward, so libtorch's autograd records them like any DJL operation.

conv2d_default.pt -- libtorch's own `conv_transpose2d` (and `conv2d`), the default route: oneDNN's kernel on a CPU,
cuDNN's on a GPU. DJL's Java API has no transposed convolution on the PyTorch engine (its Conv2dTranspose throws
"Not implemented"); this module is the smallest way to reach libtorch's.

conv2d_im2col.pt -- the trusted route. A convolution is im2col (`unfold`) followed by a matrix product; a
transposed convolution is a matrix product followed by col2im (`fold`). unfold, fold and matmul are ATen's own
CPU kernels (im2col/col2im loops and the BLAS sgemm), and each is the other's adjoint, so autograd's backward pass
is built from the same three kernels: no direction of it reaches oneDNN. When the kernel covers the whole input
(the 1x1 <-> kxk heads of a DCGAN) the product is a plain matrix multiplication.

conv2d_check.pt -- the check. Runs one signature's default kernel in float32 (forward, input gradient, weight and
bias gradients, and the forward pass again without autograd, which is another oneDNN kernel; twice, each on memory
poisoned with NaN, to catch kernels that read what they have not written)
against a float64 reference on the CPU: the im2col formulation above in float64, i.e. the definition as
matrix products (float64 never reaches oneDNN, and no convolution operator is called, so nothing depends on the
kernel under test; the formulation itself is tested against the definition's loops and against PyTorch's float64
convolution). When the default disagrees it measures the trusted route against the same reference. Every sample of
the batch is compared through random projections (Conv2dCheck says how), so the reference costs two samples while the
default kernel runs at the real batch size, which changes the kernel oneDNN picks.

Integer arguments come in one int64 tensor (DJL passes tensors only):
  params = [transposed, stride_h, stride_w, pad_h, pad_w, out_pad_h, out_pad_w, groups, dil_h, dil_w, has_bias]
Without a bias, pass any tensor as `b` (it is not read) and has_bias = 0.

Run with Debian's python3-torch (1.13) or any later PyTorch; the files load in libtorch 2.7.1:
  /usr/bin/python3 runtime/src/main/torchscript/conv2d_kernels.py
"""
import os
from typing import List, Optional

import torch
import torch.nn.functional as F


def im2col_conv2d(x: torch.Tensor, w: torch.Tensor, b: Optional[torch.Tensor], p: List[int]) -> torch.Tensor:
    n, c, h, wd = x.shape[0], x.shape[1], x.shape[2], x.shape[3]
    g = p[7]
    if p[0] == 0:
        o, kh, kw = w.shape[0], w.shape[2], w.shape[3]
        oh = (h + 2 * p[3] - p[8] * (kh - 1) - 1) // p[1] + 1
        ow = (wd + 2 * p[4] - p[9] * (kw - 1) - 1) // p[2] + 1
        cols = F.unfold(x, [kh, kw], [p[8], p[9]], [p[3], p[4]], [p[1], p[2]])
        k = (c // g) * kh * kw
        if g == 1:
            y = torch.matmul(w.reshape(o, k), cols)
        else:
            y = torch.matmul(w.reshape(g, o // g, k), cols.reshape(n, g, k, oh * ow))
        y = y.reshape(n, o, oh, ow)
    else:
        og, kh, kw = w.shape[1], w.shape[2], w.shape[3]
        o = og * g
        oh = (h - 1) * p[1] - 2 * p[3] + p[8] * (kh - 1) + p[5] + 1
        ow = (wd - 1) * p[2] - 2 * p[4] + p[9] * (kw - 1) + p[6] + 1
        # col2im places one block per input position; an output padding as large as the stride (allowed when
        # the dilation is larger) makes room for blocks past the input's end, which contribute nothing: zeros.
        bh = (oh + 2 * p[3] - p[8] * (kh - 1) - 1) // p[1] + 1
        bw = (ow + 2 * p[4] - p[9] * (kw - 1) - 1) // p[2] + 1
        if bh != h or bw != wd:
            x = F.pad(x, [0, bw - wd, 0, bh - h])
        k = og * kh * kw
        if g == 1:
            cols = torch.matmul(w.reshape(c, k).t(), x.reshape(n, c, bh * bw))
        else:
            cols = torch.matmul(w.reshape(g, c // g, k).transpose(1, 2), x.reshape(n, g, c // g, bh * bw))
        y = F.fold(cols.reshape(n, o * kh * kw, bh * bw), [oh, ow], [kh, kw], [p[8], p[9]], [p[3], p[4]],
                   [p[1], p[2]])
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y


def default_conv2d(x: torch.Tensor, w: torch.Tensor, b: Optional[torch.Tensor], p: List[int],
                   fault: int = 0) -> torch.Tensor:
    if p[0] == 0:
        y = F.conv2d(x, w, b, [p[1], p[2]], [p[3], p[4]], [p[8], p[9]], p[7])
    else:
        y = F.conv_transpose2d(x, w, b, [p[1], p[2]], [p[3], p[4]], [p[5], p[6]], p[7], [p[8], p[9]])
    # Injected faults (tests only; KernelFault in Java does the same to the block's default kernel).
    if fault == 1:  # a wrong forward pass
        y = y * 1.5
    elif fault == 2:  # a wrong input gradient: adds 0.37 to every element of it, leaves the value alone
        s = x.sum() * 0.37
        y = y + (s - s.detach())
    elif fault == 8 and not torch.is_grad_enabled():  # a wrong inference pass; training-mode passes are right
        y = y * 1.5
    elif fault == 4 and y.shape[0] > 2:  # wrong on one sample only, the one after the middle of the batch
        scale = torch.ones([y.shape[0], 1, 1, 1], dtype=y.dtype, device=y.device)
        scale[y.shape[0] // 2 + 1] = 1.5
        y = y * scale
    return y


def probe(like: torch.Tensor, salt: float) -> torch.Tensor:
    """Values in [-1, 1) that look random, of `like`'s shape, made without libtorch's random generator (the
    check must not shift a seeded run's random numbers): a hash of the index."""
    i = torch.arange(like.numel(), dtype=torch.float64)
    v = torch.sin(i * 12.9898 + salt) * 43758.5453
    return ((v - torch.floor(v)) * 2 - 1).reshape(like.shape).to(like.dtype).to(like.device)


def probe_batch(like: torch.Tensor, salt: float) -> torch.Tensor:
    """A probe batch of `like`'s shape: sample n is s_n B1 + t_n B2 for two probe samples B1, B2 and probe
    coefficients s, t, so only two samples' worth of values are hashed however large the batch (hashing a
    4M-element batch cost up to a second)."""
    first = like[0:1]
    b1 = probe(first, salt)
    b2 = probe(first, salt + 0.25)
    n = like.shape[0]
    coefficients = torch.zeros([n], dtype=torch.float64)
    s = probe(coefficients, salt + 0.5).to(like.dtype).to(like.device).reshape([-1, 1, 1, 1])
    t = probe(coefficients, salt + 0.75).to(like.dtype).to(like.device).reshape([-1, 1, 1, 1])
    return b1 * s + b2 * t


class DefaultConv2d(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, params: torch.Tensor) -> torch.Tensor:
        p: List[int] = params.tolist()
        bias: Optional[torch.Tensor] = b if p[10] != 0 else None
        return default_conv2d(x, w, bias, p)


class Im2colConv2d(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, params: torch.Tensor) -> torch.Tensor:
        p: List[int] = params.tolist()
        bias: Optional[torch.Tensor] = b if p[10] != 0 else None
        return im2col_conv2d(x, w, bias, p)


def relative(a: Optional[torch.Tensor], ref: Optional[torch.Tensor]) -> float:
    """max |a - ref| / max |ref|; NaN or infinity when `a` is not finite; 0 when both are absent."""
    if a is None or ref is None:
        return 0.0
    diff = (a.double().cpu() - ref).abs().max().item()
    scale = ref.abs().max().item()
    if diff != diff:
        return float("nan")
    return diff / max(scale, 1e-30)


def padded16(t: torch.Tensor) -> List[int]:
    """Element counts of `t` with its channel axes rounded up to 16, as oneDNN's blocked layouts store them."""
    c1 = (t.shape[1] + 15) // 16 * 16
    c0 = (t.shape[0] + 15) // 16 * 16
    rest = t.numel() // (t.shape[0] * t.shape[1])
    return [t.shape[0] * c1 * rest, c0 * c1 * rest]


def poison(like: List[torch.Tensor]) -> int:
    """Fills memory the size of each tensor (as is, and as oneDNN's blocked layouts pad it) with NaN and frees
    it again. A kernel that reads memory it has not written (seen on a Zen 5 VM: right when its buffers come
    back zeroed, garbage when they are reused) then returns NaN instead of being right by chance."""
    junk: List[torch.Tensor] = []
    for t in like:
        sizes = [t.numel()] + padded16(t)
        for n in sizes:
            junk.append(torch.full([n], float("nan"), dtype=t.dtype, device=t.device))
    filled = 0  # used by the caller, so no optimisation drops the buffers
    for j in junk:
        filled += j.numel()
    return filled


def run(route: int, x: torch.Tensor, w: torch.Tensor, b: Optional[torch.Tensor], gy: torch.Tensor,
        p: List[int], fault: int) -> List[Optional[torch.Tensor]]:
    x = x.detach().requires_grad_(True)
    w = w.detach().requires_grad_(True)
    inputs = [x, w]
    bias: Optional[torch.Tensor] = None
    if b is not None:
        bias = b.detach().requires_grad_(True)
        inputs.append(bias)
    if route == 0:
        y = default_conv2d(x, w, bias, p, fault)
    else:
        y = im2col_conv2d(x, w, bias, p)
    outputs_grad: List[Optional[torch.Tensor]] = [gy]
    grads = torch.autograd.grad([y], inputs, outputs_grad)
    result: List[Optional[torch.Tensor]] = [y.detach()]
    for gr in grads:
        result.append(gr)
    if len(result) == 3:
        result.append(None)
    return result


def projected(t: torch.Tensor, a: torch.Tensor, ref: Optional[torch.Tensor]) -> float:
    """How far sum_n a_n t_n (over the batch) is from `ref`, relative to the size of the terms: an output of one
    element per sample can sum to nearly nothing, so max |ref| alone would make rounding look like an error.
    NaN when t is not finite. The sums are matrix-vector products in t's own type (float32: rounding far below the
    tolerance for a batch), one pass each over a batch that can hold millions of elements."""
    assert ref is not None
    flat = t.reshape([t.shape[0], -1])
    weights = a.to(t.dtype).to(t.device).reshape([1, -1])
    sums = torch.matmul(weights, flat).double().cpu()
    diff = (sums - ref.reshape([1, -1])).abs().max().item()
    if diff != diff:
        return float("nan")
    size = torch.matmul(weights.abs(), flat.abs()).double().cpu()
    scale = ref.abs().max().item() + size.max().item()
    return diff / max(scale, 1e-30)


def errors(got: List[Optional[torch.Tensor]], ref: List[Optional[torch.Tensor]], a: torch.Tensor,
           errs: List[float]) -> List[float]:
    """Output, input-gradient, weight-gradient and bias-gradient errors; each the worst of `errs` and this run."""
    y = got[0]
    gx = got[1]
    assert y is not None and gx is not None
    out = [projected(y, a, ref[0]), projected(gx, a, ref[1]),
           relative(got[2], ref[2]), relative(got[3], ref[3])]
    for i in range(4):
        out[i] = worse(out[i], errs[i])
    return out


def worse(e: float, f: float) -> float:
    """The larger error, NaN when either is (max() would drop a NaN)."""
    if e != e or f != f:
        return float("nan")
    return max(e, f)


class Conv2dCheck(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, params: torch.Tensor) -> torch.Tensor:
        """Returns [default out, gx, gw, gb, trusted out, gx, gw, gb] relative errors (trusted: -1 if not run).

        x, w and b give shapes, dtype and device only: the values are probes. params: the 11 kernel arguments,
        the tolerance in millionths, the injected fault (0 none), how many times to run the default.

        Every sample of the batch is checked, at the cost of two single-sample references, by linearity: with
        random a_n, sum_n a_n y_n = conv(sum_n a_n x_n) + (sum_n a_n) b; with an output gradient c_n G (random c_n,
        one random pattern G), sum_n a_n gx_n = conv_T((sum_n a_n c_n) G), the weight gradient is that of the
        single sample sum_n c_n x_n under G, and the bias gradient (sum_n c_n) sum G. A kernel wrong on any sample
        (a thread's share of the batch, say) shows in these projections."""
        p: List[int] = params.tolist()
        tolerance = p[11] * 1e-6
        fault = p[12]
        n = x.shape[0]
        x = probe_batch(x, 0.5)
        w = probe(w, 1.5) * (1.0 / (w[0].numel() ** 0.5))
        bias: Optional[torch.Tensor] = None
        if p[10] != 0:
            bias = probe(b, 2.5)
        coefficients = torch.zeros([n], dtype=torch.float64)
        # Positive coefficients in [0.5, 1.5]: sums of them do not cancel.
        a = 1.0 + 0.5 * probe(coefficients, 4.5)
        c = (1.0 + 0.5 * probe(coefficients, 5.5)).to(x.dtype).double()
        with torch.no_grad():
            y0 = default_conv2d(x, w, bias, p)
            pattern = probe(y0[0:1], 3.5)
            gy = c.to(x.dtype).to(x.device).reshape([-1, 1, 1, 1]) * pattern
        # The two reference samples sum_n a_n x_n and sum_n c_n x_n: matrix-vector products over the batch.
        flat = x.reshape([n, -1])
        xa = torch.matmul(a.to(x.dtype).to(x.device).reshape([1, -1]), flat).double().cpu().reshape(x[0:1].shape)
        xc = torch.matmul(c.to(x.dtype).to(x.device).reshape([1, -1]), flat).double().cpu().reshape(x[0:1].shape)
        w64 = w.double().cpu()
        b64: Optional[torch.Tensor] = None
        if bias is not None:
            b64 = bias.double().cpu()
        g64 = pattern.double().cpu()
        sum_a = float(a.sum().item())
        sum_c = float(c.sum().item())
        sum_ac = float((a * c).sum().item())
        r1 = run(1, xa, w64, b64, g64 * sum_ac, p, 0)
        r2 = run(1, xc, w64, b64, g64, p, 0)
        out_ref = r1[0]
        assert out_ref is not None
        gb_ref = r2[3]
        if b64 is not None:
            out_ref = out_ref + b64.reshape([1, -1, 1, 1]) * (sum_a - 1.0)
            assert gb_ref is not None
            gb_ref = gb_ref * sum_c
        ref: List[Optional[torch.Tensor]] = [out_ref, r1[1], r2[2], gb_ref]
        errs = [0.0, 0.0, 0.0, 0.0]
        for _ in range(p[13]):
            if poison([y0, x, w]) < 0:
                raise RuntimeError("unreachable")
            errs = errors(run(0, x, w, bias, gy, p, fault), ref, a, errs)
            # The same forward pass without autograd, as inference (sampling, FD, eval) runs it: libtorch then asks
            # oneDNN for forward_inference, another kernel than training's, seen wrong on a Zen 5 VM where the
            # training-mode runs above were right.
            if poison([y0, x, w]) < 0:
                raise RuntimeError("unreachable")
            with torch.no_grad():
                errs[0] = worse(errs[0], projected(default_conv2d(x, w, bias, p, fault), a, ref[0]))
        wrong = False
        for e in errs:
            if e != e or e > tolerance:
                wrong = True
        trusted = [-1.0, -1.0, -1.0, -1.0]
        if wrong:
            trusted = errors(run(1, x, w, bias, gy, p, 0), ref, a, [0.0, 0.0, 0.0, 0.0])
        return torch.tensor(errs + trusted, dtype=torch.float64)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.normpath(os.path.join(here, "..", "resources", "io", "ganpoet", "runtime", "kernels"))
    os.makedirs(folder, exist_ok=True)
    for name, module in (("conv2d_default.pt", DefaultConv2d()), ("conv2d_im2col.pt", Im2colConv2d()), ("conv2d_check.pt", Conv2dCheck())):
        out = os.path.join(folder, name)
        torch.jit.script(module).save(out)
        print("wrote", out, os.path.getsize(out), "bytes")
