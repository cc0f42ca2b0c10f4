"""The safetensors format, read and written with torch alone when the safetensors package is missing (Debian's
python3-torch has no python3-safetensors): 8-byte little-endian header length, a JSON header naming each tensor's
dtype, shape and byte range, then the raw little-endian bytes. With the package installed, safetensors.torch does
the work."""
import json
import struct

import torch

try:  # a current PyTorch environment
    from safetensors.torch import load_file as _st_load
    from safetensors.torch import save_file as _st_save
except ImportError:  # Debian bookworm
    _st_load = None
    _st_save = None

_DTYPES = {
    "F64": torch.float64,
    "F32": torch.float32,
    "F16": torch.float16,
    "BF16": torch.bfloat16,
    "I64": torch.int64,
    "I32": torch.int32,
    "I16": torch.int16,
    "I8": torch.int8,
    "U8": torch.uint8,
    "BOOL": torch.bool,
}
_NAMES = {v: k for k, v in _DTYPES.items()}


def load(path):
    """The tensors of a safetensors file, by name, in the file's order."""
    if _st_load is not None:
        return _st_load(str(path))
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError("%s: not a safetensors file (shorter than its 8-byte header length)" % path)
    (length,) = struct.unpack("<Q", data[:8])
    if length > len(data) - 8:
        raise ValueError("%s: not a safetensors file (header length %d past the end)" % (path, length))
    header = json.loads(data[8 : 8 + length].decode("utf-8"))
    body = memoryview(data)[8 + length :]
    tensors = {}
    entries = [(k, v) for k, v in header.items() if k != "__metadata__"]
    entries.sort(key=lambda kv: kv[1]["data_offsets"][0])
    for name, entry in entries:
        dtype = _DTYPES.get(entry["dtype"])
        if dtype is None:
            raise ValueError("%s: tensor %s has dtype %s, which ganpoet does not read" % (path, name, entry["dtype"]))
        start, end = entry["data_offsets"]
        shape = entry["shape"]
        raw = bytes(body[start:end])
        if len(raw) == 0:
            tensors[name] = torch.zeros(shape, dtype=dtype)
        else:
            tensors[name] = torch.frombuffer(bytearray(raw), dtype=dtype).reshape(shape).clone()
    return tensors


def save(tensors, path):
    """Writes tensors (name -> tensor, CPU, contiguous copies are made) as a safetensors file, in the dict's order."""
    tensors = {k: v.detach().cpu().contiguous() for k, v in tensors.items()}
    if _st_save is not None:
        _st_save(tensors, str(path))
        return
    header = {}
    offset = 0
    blobs = []
    for name, t in tensors.items():
        if t.dtype not in _NAMES:
            raise ValueError("tensor %s has dtype %s, which safetensors files here do not hold" % (name, t.dtype))
        blob = _bytes(t)
        header[name] = {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)  # aligned data, as the reference writer does
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def _bytes(t):
    if t.numel() == 0:
        return b""
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
