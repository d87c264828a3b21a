"""Python PyTorch reference speeds on this machine, for docs/performance.md (run by the benchmark suite).

Times InceptionV3 cut after Mixed_6d (= Keras 'mixed6', the default backbone's cut; random weights, same cost)
and ResNet50, at batch 1 and 16, with 2 intra-op threads, and exports a random-weight ResNet50 as TorchScript with
two outputs (L2-normalised pooled embedding, layer4 feature map) for the Java TorchScript benchmark.
Usage: python3 torch_speed.py OUT_JSON RESNET50_PT [quick]
       python3 torch_speed.py --interleaved RUNS   (one round of RUNS batch-1 passes per "go" line on stdin; prints
                                                   each round's times as a JSON line, so that the Java benchmark can
                                                   alternate its own rounds with Python's on the same machine)
"""
import json
import sys
import time

import torch
import torchvision


class InceptionToMixed6(torch.nn.Module):
    def __init__(self):
        super().__init__()
        net = torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=False)
        names = ["Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "maxpool1", "Conv2d_3b_1x1",
                 "Conv2d_4a_3x3", "maxpool2", "Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a", "Mixed_6b",
                 "Mixed_6c", "Mixed_6d"]
        self.body = torch.nn.Sequential(*[getattr(net, n) for n in names])

    def forward(self, x):
        return self.body(x)


class ResNetTwoOutputs(torch.nn.Module):
    def __init__(self):
        super().__init__()
        net = torchvision.models.resnet50(weights=None)
        self.features = torch.nn.Sequential(*list(net.children())[:-2])

    def forward(self, x):
        fmap = self.features(x)
        pooled = fmap.mean(dim=(2, 3))
        return torch.nn.functional.normalize(pooled, dim=1), fmap


def ms_per_image(model, size, batch, runs):
    x = torch.rand(batch, 3, size, size)
    with torch.no_grad():
        for _ in range(2):
            model(x)
        start = time.perf_counter()
        for _ in range(runs):
            model(x)
        return (time.perf_counter() - start) * 1000 / (runs * batch)


def interleaved(runs):
    torch.set_num_threads(2)
    torch.manual_seed(0)
    inception = InceptionToMixed6().eval()
    x = torch.rand(1, 3, 299, 299)
    with torch.no_grad():
        for _ in range(3):
            inception(x)
        print(json.dumps({"ready": True, "torch": torch.__version__}), flush=True)
        for line in sys.stdin:
            if line.strip() != "go":
                break
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                inception(x)
                times.append((time.perf_counter() - start) * 1000)
            print(json.dumps({"ms": times}), flush=True)


def main():
    if sys.argv[1] == "--interleaved":
        interleaved(int(sys.argv[2]))
        return
    out, resnet_path = sys.argv[1], sys.argv[2]
    quick = len(sys.argv) > 3 and sys.argv[3] == "quick"
    torch.set_num_threads(2)
    torch.manual_seed(0)
    inception = InceptionToMixed6().eval()
    resnet = ResNetTwoOutputs().eval()
    runs1, runs16 = (5, 1) if quick else (20, 3)
    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "inceptionMixed6": {"batch1Ms": ms_per_image(inception, 299, 1, runs1),
                            "batch16Ms": ms_per_image(inception, 299, 16, runs16)},
        "resnet50": {"batch1Ms": ms_per_image(resnet, 224, 1, runs1),
                     "batch16Ms": ms_per_image(resnet, 224, 16, runs16)},
    }
    torch.jit.trace(resnet, torch.rand(1, 3, 224, 224)).save(resnet_path)
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
