"""ganpoet state files: one safetensors file holding a run's networks, optimizer state and position, keyed so that
ganpoet (import-pytorch / export-pytorch) and PyTorch read the same names.

    <network>.<state-dict key>             parameters and buffers ("generator.conv1Mirror.weight"); PyTorch's
                                           num_batches_tracked is not kept (DJL has no counterpart)
    optimizer/<network>.<key>.mean         Adam's first moment (optional)
    optimizer/<network>.<key>.variance     Adam's second moment (optional)
    optimizer/<network>.<key>.steps        int32 (1): the parameter's update count (optional)
    position                               int64 (4): epoch, step in epoch, global step, seed (optional)
"""
import importlib.util
import os
import sys

import torch

from . import safetensors_io

OPTIMIZER = "optimizer/"
POSITION = "position"


def load_twin(path):
    """Imports a twin module (FooGan.py, written by ganpoet's processor) from its file."""
    path = os.path.abspath(path)
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None:
        raise ValueError("%s: not a Python module" % path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def network_state(net):
    """A twin network's tensors as ganpoet keeps them: its state dict without num_batches_tracked."""
    return {k: v for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")}


def load_network(net, name, tensors):
    """Copies `name`'s tensors into a twin network; refuses, naming the first tensor that does not fit."""
    own = network_state(net)
    prefix = name + "."
    given = {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}
    for key, value in own.items():
        if key not in given:
            raise ValueError("%s%s is missing from the state file (the %s has %s %s)"
                             % (prefix, key, name, key, tuple(value.shape)))
        if tuple(given[key].shape) != tuple(value.shape):
            raise ValueError("%s%s has shape %s in the state file but %s in the twin"
                             % (prefix, key, tuple(given[key].shape), tuple(value.shape)))
    for key in given:
        if key not in own:
            raise ValueError("%s%s is in the state file but not in the twin's %s" % (prefix, key, name))
    with torch.no_grad():
        for key, value in own.items():
            value.copy_(given[key].to(value.dtype))


def read(path):
    """A state file's tensors."""
    return safetensors_io.load(path)


def write(path, networks, optimizers=None, position=None):
    """Writes networks ({name: module}), optimizers ({name: DjlAdam}) and a position (epoch, step in epoch, step,
    seed) atomically: a temporary file renamed into place."""
    tensors = {}
    for name, net in networks.items():
        for key, value in network_state(net).items():
            tensors[name + "." + key] = value
    for name, opt in (optimizers or {}).items():
        keys = dict((id(p), k) for k, p in networks[name].named_parameters())
        for p, st in opt.state_items():
            key = OPTIMIZER + name + "." + keys[id(p)]
            tensors[key + ".mean"] = st["mean"]
            tensors[key + ".variance"] = st["variance"]
            tensors[key + ".steps"] = torch.tensor([st["steps"]], dtype=torch.int32)
    if position is not None:
        tensors[POSITION] = torch.tensor(list(position), dtype=torch.int64)
    tmp = str(path) + ".partial"
    safetensors_io.save(tensors, tmp)
    os.replace(tmp, path)


def load_optimizer(opt, net, name, tensors):
    """Restores a DjlAdam's moments for `net` from a state file, when it holds them; returns whether it did."""
    prefix = OPTIMIZER + name + "."
    found = False
    for key, p in net.named_parameters():
        mean = tensors.get(prefix + key + ".mean")
        if mean is None:
            continue
        found = True
        opt.set_state(p, tensors[prefix + key + ".mean"], tensors[prefix + key + ".variance"],
                      int(tensors[prefix + key + ".steps"][0]))
    return found
