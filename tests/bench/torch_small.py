#!/usr/bin/python3
"""The small I3D of the CPU runs (width 0.25, input 2 x 32 x 60 x 60, batch 2, continuous head) in PyTorch,
layer for layer as models/.../I3d.java builds it, timed per training iteration (forward, BCE loss, backward, Adam).
Run with Debian's python3-torch: /usr/bin/python3 tests/bench/torch_small.py [threads] [iterations] [width depth size
[device]]; device cuda runs it on the GPU (each iteration waits for its kernels, as DJL's loop does reading the loss),
and bf16 adds autocast to bfloat16 on the GPU; device script <file.pt> compiles the network with TorchScript, saves it to
that file (for ScriptedTwinBenchmark: the same graph run by the app's libtorch through DJL) and times the compiled one. Warm-up iterations before the timed ones: BENCH_WARMUP (30 unless set),
as TrainingBenchmark reads it."""
import contextlib
import os
import sys
import time
import torch
import torch.nn as nn

MIXED = [[64, 96, 128, 16, 32, 32], [128, 128, 192, 32, 96, 64], [192, 96, 208, 16, 48, 64], [160, 112, 224, 24, 64, 64],
         [128, 128, 256, 24, 64, 64], [112, 144, 288, 32, 64, 64], [256, 160, 320, 32, 128, 128],
         [256, 160, 320, 32, 128, 128], [384, 192, 384, 48, 128, 128]]


def w(c, m):
    return max(1, round(c * m))


def unit(cin, cout, k, s=1):
    return nn.Sequential(nn.Conv3d(cin, cout, k, s, k // 2, bias=False), nn.BatchNorm3d(cout, eps=1e-3), nn.ReLU())


class Mixed(nn.Module):
    def __init__(self, cin, c, m):
        super().__init__()
        self.b0 = unit(cin, w(c[0], m), 1)
        self.b1 = nn.Sequential(unit(cin, w(c[1], m), 1), unit(w(c[1], m), w(c[2], m), 3))
        self.b2 = nn.Sequential(unit(cin, w(c[3], m), 1), unit(w(c[3], m), w(c[4], m), 3))
        self.b3 = nn.Sequential(nn.MaxPool3d(3, 1, 1), unit(cin, w(c[5], m), 1))
        self.out = w(c[0], m) + w(c[2], m) + w(c[4], m) + w(c[5], m)

    def forward(self, x):
        return torch.cat([self.b0(x), self.b1(x), self.b2(x), self.b3(x)], 1)


def i3d(channels, outputs, m):
    layers = [unit(channels, w(64, m), 7, 2), nn.MaxPool3d((1, 3, 3), (1, 2, 2), (0, 1, 1)), unit(w(64, m), w(64, m), 1),
              unit(w(64, m), w(192, m), 3), nn.MaxPool3d((1, 3, 3), (1, 2, 2), (0, 1, 1))]
    cin = w(192, m)
    for i, c in enumerate(MIXED):
        if i == 2:
            layers.append(nn.MaxPool3d(3, 2, 1))
        if i == 7:
            layers.append(nn.MaxPool3d(2, 2, 0))
        mix = Mixed(cin, c, m)
        layers.append(mix)
        cin = mix.out
    layers += [nn.AdaptiveAvgPool3d(1), nn.Dropout(0.5), nn.Flatten(), nn.Linear(cin, outputs)]
    return nn.Sequential(*layers)


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    iters = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    m, depth, size = (float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) > 5 else (0.25, 32, 60)
    mode = sys.argv[6] if len(sys.argv) > 6 else "cpu"
    device = "cuda" if mode in ("cuda", "bf16") else "cpu"
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    net = i3d(2, 1, m).to(device)
    if mode == "script":
        net = torch.jit.script(net)
        net.save(sys.argv[7])
    opt = torch.optim.Adam(net.parameters(), lr=1e-4, betas=(0.9, 0.999))
    loss_fn = nn.BCEWithLogitsLoss()
    x = torch.rand(2, 2, depth, size, size, device=device)
    y = torch.tensor([[0.25], [0.75]], device=device)
    params = sum(p.numel() for p in net.parameters())
    times = []
    warmup = int(os.environ.get("BENCH_WARMUP", "30"))
    for i in range(iters + warmup):
        t0 = time.perf_counter()
        opt.zero_grad()
        bf16 = torch.autocast("cuda", dtype=torch.bfloat16) if mode == "bf16" else contextlib.nullcontext()
        with bf16:
            loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        loss.item()
        if i >= warmup:
            times.append(time.perf_counter() - t0)
    times.sort()
    print(f"pytorch {torch.__version__} {mode} threads {threads}: I3D width {m} input 2x{depth}x{size}x{size} batch 2, "
          f"{params} parameters: median {times[len(times) // 2]:.4f} s/iteration over {iters} iterations after {warmup} warm-up ones")


if __name__ == "__main__":
    main()
