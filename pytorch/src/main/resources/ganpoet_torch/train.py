"""Trains a ganpoet GAN twin with torchrun: the same step as ganpoet's GanStep, from the same experiment config.

    cd JOB && torchrun --nproc_per_node 2 -m ganpoet_torch.train .        (one machine, two processes)
    cd JOB && python3 -m ganpoet_torch.train .                            (one process, no torchrun needed)

JOB is what `ganpoet export-pytorch` writes: config.json (the resolved experiment), the twin module, data.safetensors
(images uint8 (N, C, H, W), labels) and init.safetensors (ganpoet's initial weights, or a checkpoint to resume).
Checkpoints go to JOB/checkpoints/step-NNNNNNNNN.safetensors (rank 0; the newest is kept); `ganpoet import-pytorch`
turns one into a ganpoet run directory that sample, fd, summary and train (resume) accept.

The step (GanStep's): (1) D on a real batch (target 1 - label_smoothing) and on G's batch cut from G's graph
(target 0), D's gradients zeroed first; (2) G through the updated D on the same fake batch (loss.generator_batch:
same) or a fresh one, target 1. Losses read D's logits (binary cross-entropy in the stable log-sum-exp form). Adam is
DJL's (ganpoet's ResumableAdam): w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps), which puts eps where
torch.optim.Adam does not. Data-parallel as DDP does it: every process computes its shards' gradients, one
all-reduce per network and phase averages them (gloo on CPUs, nccl on GPUs), every process applies the same update.
Batch norm keeps per-process batch statistics, as ganpoet's multi-device training keeps them per device.
Noise and the data order come from the seed as in ganpoet: the engine reseeded from (seed, step) before each step,
every process drawing the whole global batch's noise and keeping its own part, so the result does not depend on how
the batch is split over processes (only on the total number of shards).
"""
import argparse
import csv
import json
import math
import os
import sys
import time

import torch
import torch.distributed as dist

from . import state as states


# ---- ganpoet's reproducibility rules ----

class JavaRandom:
    """java.util.Random: the data order of an epoch is a Fisher-Yates shuffle drawn from it."""

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & ((1 << 48) - 1)

    def _next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        value = self.seed >> (48 - bits)
        return value - (1 << bits) if value >= 1 << (bits - 1) else value

    def next_int(self, bound):
        if bound & (bound - 1) == 0:
            return (bound * (self._next(31) & 0x7FFFFFFF)) >> 31
        while True:
            bits = self._next(31) & 0x7FFFFFFF
            val = bits % bound
            if bits - val + (bound - 1) < (1 << 31):
                return val


def _long(x):
    x &= (1 << 64) - 1
    return x - (1 << 64) if x >= 1 << 63 else x


def permutation(n, seed, epoch):
    """TrainingLoop.permutation(n, new Random(seed * 1_000_003 + epoch))."""
    random = JavaRandom(_long(seed * 1000003 + epoch))
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = random.next_int(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def step_seed(seed, step):
    """The engine seed of a global step: (int) (s ^ (s >>> 32)) with s = seed * 1_000_003 + step."""
    s = (seed * 1000003 + step) & ((1 << 64) - 1)
    v = (s ^ (s >> 32)) & 0xFFFFFFFF
    return v - (1 << 32) if v >= 1 << 31 else v


def manual_seed(seed):
    torch.manual_seed(seed & ((1 << 64) - 1))


# ---- DJL's Adam ----

class DjlAdam:
    """ganpoet's ResumableAdam (DJL's fused Adam update): per parameter a first and second moment and its own step
    count; w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)."""

    def __init__(self, params, lr, beta1, beta2, eps=1e-8):
        self.params = list(params)
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.state = {}

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        for p in self.params:
            if p.grad is None:
                continue
            st = self.state.get(id(p))
            if st is None:
                st = {"mean": torch.zeros_like(p), "variance": torch.zeros_like(p), "steps": 0, "param": p}
                self.state[id(p)] = st
            st["steps"] += 1
            t = st["steps"]
            # Java: (float) (lr * Math.sqrt(1 - beta2^t) / (1 - beta1^t)), in double
            corrected = float(torch.tensor(self.lr * math.sqrt(1.0 - self.beta2 ** t) / (1.0 - self.beta1 ** t),
                                           dtype=torch.float32))
            g = p.grad
            st["mean"].mul_(self.beta1).add_(g, alpha=1 - self.beta1)
            st["variance"].mul_(self.beta2).addcmul_(g, g, value=1 - self.beta2)
            p.sub_(st["mean"] / (st["variance"].sqrt() + self.eps) * corrected)

    def state_items(self):
        for p in self.params:
            st = self.state.get(id(p))
            if st is not None:
                yield p, st

    def set_state(self, p, mean, variance, steps):
        self.state[id(p)] = {"mean": mean.to(p.device, p.dtype).clone(), "variance": variance.to(p.device, p.dtype).clone(),
                             "steps": steps, "param": p}


# ---- GanLoss ----

def _bce_logits(x, target):
    # max(x, 0) - x t + log(1 + e^-|x|), as GanLoss.bce for logits
    return (torch.relu(x) - x * target + torch.log(torch.exp(-x.abs()) + 1.0)).mean()


def loss_d(kind, real, fake, real_target):
    if kind in ("bce", "minimax"):
        return _bce_logits(real, real_target) + _bce_logits(fake, 0.0)
    if kind == "hinge":
        return torch.relu(1.0 - real).mean() + torch.relu(fake + 1.0).mean()
    if kind == "lsgan":
        return ((real - real_target).square().mean() + fake.square().mean()) * 0.5
    return fake.mean() - real.mean()


def loss_g(kind, fake):
    if kind == "bce":
        return _bce_logits(fake, 1.0)
    if kind == "minimax":
        return -_bce_logits(fake, 0.0)
    if kind == "lsgan":
        return (fake - 1.0).square().mean() * 0.5
    return -fake.mean()


def mean_output(kind, out, logits):
    if logits and kind not in ("hinge", "wgan-gp"):
        return float(torch.sigmoid(out).mean())
    return float(out.mean())


# ---- the trainer ----

class Trainer:
    """The GAN step on a twin pair; `shards` micro-batches per process (ganpoet's devices), `world` processes."""

    def __init__(self, twin, config, shards=1, rank=0, world=1, device="cpu"):
        self.twin = twin
        self.config = config
        self.shards = shards
        self.rank, self.world = rank, world
        self.device = torch.device(device)
        nets = twin.NETWORKS
        if "generator" not in nets:
            raise ValueError("%s is a %s twin; the torchrun trainer trains GANs" % (twin.__name__, twin.KIND))
        self.d = nets["discriminator"]().to(self.device)
        self.g = nets["generator"]().to(self.device)
        self.d.train()
        self.g.train()
        self.classes = twin.CLASSES
        self.kind = config["loss.kind"]
        self.logits = hasattr(self.d, "logits")
        self.opt_d = self._adam("discriminator", self.d)
        self.opt_g = self._adam("generator", self.g)

    def _adam(self, name, net):
        c = self.config
        return DjlAdam(net.parameters(), c["optimizer.%s.lr" % name], c["optimizer.%s.beta1" % name],
                       c["optimizer.%s.beta2" % name])

    def networks(self):
        return {"discriminator": self.d, "generator": self.g}

    def optimizers(self):
        return {"discriminator": self.opt_d, "generator": self.opt_g}

    def _discriminate(self, images, labels):
        args = (images, labels) if self.classes > 0 else (images,)
        return self.d.logits(*args) if self.logits else self.d(*args)

    def _generate(self, z, labels):
        return self.g(z, labels) if self.classes > 0 else self.g(z)

    def _draw(self, n_global, latents):
        """The global batch's fake labels and latents, shard by shard, in GanStep's order; (labels, z) lists."""
        k_global = self.shards * self.world
        n = n_global // k_global
        latent = tuple(self.twin.LATENT_SHAPE)
        labels = None
        if latents is not None:
            zs = list(latents["z"].to(self.device).split(n))
            if self.classes > 0:
                labels = list(latents["labels"].to(self.device).split(n))
            return labels, zs
        # drawn on the CPU's generator, as ganpoet draws on the CPU: the same noise whatever the device
        if self.classes > 0 and self.config.get("loss.fake_labels", "uniform") == "uniform":
            labels = [torch.randint(0, self.classes, (n,), dtype=torch.int32).to(self.device) for _ in range(k_global)]
        zs = [torch.normal(0.0, 1.0, (n,) + latent).to(self.device) for _ in range(k_global)]
        return labels, zs

    def _allreduce(self, net):
        if self.world == 1:
            return
        grads = [p.grad for p in net.parameters() if p.grad is not None]
        flat = torch.cat([g.reshape(-1) for g in grads])
        dist.all_reduce(flat)
        flat /= self.world
        offset = 0
        for g in grads:
            g.copy_(flat[offset:offset + g.numel()].view_as(g))
            offset += g.numel()

    def step(self, reals, real_labels=None, latents=None):
        """One step on this process's part of the global batch; returns the global mean [loss_d, loss_g, d_real,
        d_fake] (each process's shards averaged, then the processes)."""
        c = self.config
        k = self.shards
        n = reals.shape[0] // k
        reals = list(reals.to(self.device).split(n))
        real_labels = list(real_labels.to(self.device).split(n)) if real_labels is not None else None
        kind = self.kind
        same = c.get("loss.generator_batch", "same") == "same"
        critic_steps = int(c.get("loss.n_critic", 1))
        smoothing = float(c.get("loss.label_smoothing", 0.0))
        mine = slice(self.rank * k, (self.rank + 1) * k)
        metrics = [0.0, 0.0, 0.0, 0.0]
        fakes = None
        fake_labels = None
        for critic in range(critic_steps):
            keep = same and critic == critic_steps - 1
            labels, zs = self._draw(n * k * self.world, latents if critic == 0 else None)
            if self.classes > 0 and c.get("loss.fake_labels", "uniform") == "batch":
                labels = [None] * (k * self.world)
                labels[mine] = real_labels
            fake_labels = labels[mine] if labels is not None else [None] * k
            zs = zs[mine]
            self.opt_d.zero_grad()
            if keep:
                fakes = [self._generate(z, l) for z, l in zip(zs, fake_labels)]
            else:
                with torch.no_grad():
                    fakes = [self._generate(z, l) for z, l in zip(zs, fake_labels)]
            penalties = [None] * k
            if kind == "wgan-gp" and float(c.get("loss.gp_weight", 10.0)) > 0:
                penalties = [self._penalty(reals[i], fakes[i].detach(), _at(real_labels, i)) for i in range(k)]
            loss_sum = real_sum = fake_sum = 0.0
            for i in range(k):
                real_out = self._discriminate(reals[i], _at(real_labels, i))
                fake_out = self._discriminate(fakes[i].detach(), fake_labels[i])
                loss = loss_d(kind, real_out, fake_out, 1.0 - smoothing)
                if penalties[i] is not None:
                    loss = loss + penalties[i] * float(c["loss.gp_weight"])
                (loss / k).backward()
                loss_sum += float(loss)
                real_sum += mean_output(kind, real_out, self.logits)
                fake_sum += mean_output(kind, fake_out, self.logits)
            self._allreduce(self.d)
            self.opt_d.step()
            metrics[0], metrics[2], metrics[3] = loss_sum / k, real_sum / k, fake_sum / k
            if not keep:
                fakes = None
        # phase (2)
        if fakes is None:
            labels, zs = self._draw(n * k * self.world, None)
            if self.classes > 0 and c.get("loss.fake_labels", "uniform") == "batch":
                labels = [None] * (k * self.world)
                labels[mine] = real_labels
            fake_labels = labels[mine] if labels is not None else [None] * k
            zs = zs[mine]
        self.opt_g.zero_grad()
        loss_sum = 0.0
        for i in range(k):
            fake = fakes[i] if fakes is not None else self._generate(zs[i], fake_labels[i])
            loss = loss_g(kind, self._discriminate(fake, fake_labels[i]))
            (loss / k).backward()
            loss_sum += float(loss)
        self._allreduce(self.g)
        self.opt_g.step()
        metrics[1] = loss_sum / k
        if self.world > 1:
            t = torch.tensor(metrics, dtype=torch.float64, device=self.device)
            dist.all_reduce(t)
            metrics = (t / self.world).cpu().tolist()
        return metrics

    def _penalty(self, real, fake, labels):
        n = real.shape[0]
        alpha = torch.rand((n, 1, 1, 1), dtype=real.dtype).to(real.device)
        mixed = (real * alpha + fake * (1.0 - alpha)).detach().requires_grad_(True)
        score = self._discriminate(mixed, labels).sum()
        (grad,) = torch.autograd.grad(score, mixed, create_graph=True)
        return (grad.reshape(n, -1).square().sum(1) + 1e-12).sqrt().sub(1.0).square().mean()


def _at(items, i):
    return None if items is None else items[i]


def _checkpoint(trainer, out, position, keep_only_newest=True):
    folder = os.path.join(out, "checkpoints")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "step-%09d.safetensors" % position[2])
    states.write(path, trainer.networks(), trainer.optimizers(), position)
    if keep_only_newest:
        for name in os.listdir(folder):
            if name.endswith(".safetensors") and name != os.path.basename(path):
                os.remove(os.path.join(folder, name))
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m ganpoet_torch.train", description=__doc__.split("\n")[0])
    parser.add_argument("job", help="the folder `ganpoet export-pytorch` wrote")
    parser.add_argument("--out", help="where checkpoints and metrics.csv go (default: the job folder)")
    parser.add_argument("--steps", type=int, default=0, help="stop after this many global steps (0: the config's epochs)")
    parser.add_argument("--shards", type=int, default=1, help="micro-batches per process (ganpoet's devices)")
    parser.add_argument("--latents", help="a safetensors file of z.<step> (and labels.<step>) global noise, for tests")
    parser.add_argument("--batches", help="a safetensors file of images.<step> (and labels.<step>) global batches, for tests")
    parser.add_argument("--threads", type=int, default=0, help="torch threads per process (0: torch's default)")
    args = parser.parse_args(argv)
    job = os.path.abspath(args.job)
    out = os.path.abspath(args.out or job)
    with open(os.path.join(job, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
    device = "cuda" if torch.cuda.is_available() and config.get("device", "auto") != "cpu" else "cpu"
    if distributed:
        backend = "nccl" if torch.cuda.is_available() else "gloo"
        dist.init_process_group(backend)
        rank, world = dist.get_rank(), dist.get_world_size()
        if backend == "nccl":
            local = int(os.environ.get("LOCAL_RANK", "0"))
            torch.cuda.set_device(local)
            device = "cuda:%d" % local
    else:
        rank, world = 0, 1
    print("ganpoet_torch: process %d of %d (%s, %s)" % (rank, world, dist.get_backend() if distributed else "single process",
                                                     device), flush=True)
    threads = args.threads or int(config.get("cpu_threads", 0))
    if threads > 0:
        torch.set_num_threads(threads)
    # No kernel check here: kernels checked/trusted keep CPU convolutions off oneDNN (ATen's own kernels; oneDNN
    # computes some convolutions wrong on some CPUs, see ganpoet's kernel check); unchecked lets torch choose.
    if config.get("kernels", "checked") != "unchecked":
        torch.backends.mkldnn.enabled = False
    twin = states.load_twin(os.path.join(job, config["twin"]))
    seed = int(config["seed"])
    manual_seed(seed)
    trainer = Trainer(twin, config, shards=args.shards, rank=rank, world=world, device=device)
    position = (0, 0, 0)
    init = os.path.join(job, "init.safetensors")
    if os.path.exists(init):
        tensors = states.read(init)
        for name, net in trainer.networks().items():
            states.load_network(net, name, tensors)
            states.load_optimizer(trainer.optimizers()[name], net, name, tensors)
        if states.POSITION in tensors:
            p = tensors[states.POSITION].tolist()
            position = (int(p[0]), int(p[1]), int(p[2]))
    else:
        for net in trainer.networks().values():
            twin.initialize(net, config.get("init", "dcgan"))
    if world > 1:  # every process starts from rank 0's weights, as DDP does
        with torch.no_grad():
            for net in trainer.networks().values():
                for t in list(net.parameters()) + list(net.buffers()):
                    dist.broadcast(t, 0)
    data = states.read(os.path.join(job, "data.safetensors")) if args.batches is None else None
    batches = states.read(args.batches) if args.batches else None
    latents = states.read(args.latents) if args.latents else None
    batch = int(config["batch_size"])
    k_global = args.shards * world
    if batch % k_global != 0:
        raise SystemExit("batch_size %d does not split evenly over %d shards (%d per process x %d processes)"
                         % (batch, k_global, args.shards, world))
    part = batch // world
    count = data["images"].shape[0] if data is not None else 0
    per_epoch = count // batch if data is not None else 10 ** 9
    if data is not None and int(config.get("steps_per_epoch", 0)) > 0:
        per_epoch = min(per_epoch, int(config["steps_per_epoch"]))
    if data is not None and per_epoch == 0:
        raise SystemExit("%d images make no batch of %d" % (count, batch))
    epochs = int(config["epochs"])
    every = int(config.get("checkpoint.every_steps", 0))
    os.makedirs(out, exist_ok=True)
    metrics_file = None
    if rank == 0:
        metrics_file = open(os.path.join(out, "metrics.csv"), "a" if position[2] > 0 else "w", newline="")
        writer = csv.writer(metrics_file)
        if position[2] == 0:
            writer.writerow(["step", "loss_d", "loss_g", "d_real", "d_fake", "seconds"])
    epoch, in_epoch, step = position
    saved = -1
    stop = args.steps if args.steps > 0 else epochs * per_epoch
    try:
        while step < stop:
            order = permutation(count, seed, epoch + 1) if data is not None else None
            while in_epoch < per_epoch and step < stop:
                if batches is not None:
                    images = batches["images.%d" % step].float()
                    labels = batches.get("labels.%d" % step)
                else:
                    index = torch.tensor(order[in_epoch * batch:(in_epoch + 1) * batch], dtype=torch.int64)
                    images = data["images"].index_select(0, index).float() / 127.5 - 1.0
                    labels = data["labels"].index_select(0, index) if "labels" in data else None
                images = images[rank * part:(rank + 1) * part]
                labels = labels[rank * part:(rank + 1) * part] if labels is not None else None
                noise = None
                if latents is not None:
                    noise = {"z": latents["z.%d" % step]}
                    if "labels.%d" % step in latents:
                        noise["labels"] = latents["labels.%d" % step]
                manual_seed(step_seed(seed, step))
                start = time.perf_counter()
                m = trainer.step(images, labels if trainer.classes > 0 else None, noise)
                seconds = time.perf_counter() - start
                step += 1
                in_epoch += 1
                if any(not math.isfinite(v) for v in m):
                    raise SystemExit("a loss is not finite at global step %d: %s" % (step, m))
                if rank == 0:
                    writer.writerow([step] + ["%.9g" % v for v in m] + ["%.6f" % seconds])
                    metrics_file.flush()
                if rank == 0 and every > 0 and step % every == 0 and in_epoch < per_epoch:
                    _checkpoint(trainer, out, (epoch, in_epoch, step, seed))
                    saved = step
            if in_epoch >= per_epoch:  # an epoch's end: a checkpoint, as ganpoet's loop writes one
                epoch += 1
                in_epoch = 0
                if rank == 0:
                    _checkpoint(trainer, out, (epoch, in_epoch, step, seed))
                    saved = step
        if rank == 0:
            path = os.path.join(out, "checkpoints", "step-%09d.safetensors" % step)
            if saved != step:
                path = _checkpoint(trainer, out, (epoch, in_epoch, step, seed))
            print("ganpoet_torch: %d steps; checkpoint %s" % (step, path))
    finally:
        if metrics_file is not None:
            metrics_file.close()
        if distributed:
            dist.destroy_process_group()


if __name__ == "__main__":
    main(sys.argv[1:])
