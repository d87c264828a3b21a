"""Exports colour-classifier.pt, the TorchScript classifier behind ClassTargetCamTest.

Run with Debian's python3-torch (1.13): /usr/bin/python3 make_colour_classifier.py
Weights are set by hand, not trained, so that the right answer is known: feature channel 0 responds to red,
channel 1 to blue, channel 2 to green; the head is a global average pool and a linear layer whose class k reads
channel k. Grad-CAM for class 0 must therefore light up the red parts of an image, class 1 the blue parts.
Signature: forward(x) -> (L2-normalised pooled features, feature map), plus exported features(x) and head(f).
"""
import torch
from torch import nn


class ColourClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, kernel_size=1, bias=True)
        self.pool = nn.AvgPool2d(8)
        self.fc = nn.Linear(3, 3)
        with torch.no_grad():
            # "redness" = R - (G + B)/2 and so on, so grey and white give nothing
            self.conv.weight.copy_(torch.tensor([[1.0, -0.5, -0.5], [-0.5, -0.5, 1.0], [-0.5, 1.0, -0.5]])
                                   .reshape(3, 3, 1, 1))
            self.conv.bias.zero_()
            self.fc.weight.copy_(torch.eye(3) * 4.0)
            self.fc.bias.copy_(torch.tensor([0.1, 0.2, 0.3]))

    @torch.jit.export
    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.pool(torch.relu(self.conv(x)))

    @torch.jit.export
    def head(self, f: torch.Tensor) -> torch.Tensor:
        return self.fc(f.mean(dim=[2, 3]))

    def forward(self, x: torch.Tensor):
        f = self.features(x)
        pooled = f.mean(dim=[2, 3])
        return pooled / pooled.norm(2.0, [1], True).clamp_min(1e-12), f


if __name__ == "__main__":
    model = torch.jit.script(ColourClassifier().eval())
    model.save("colour-classifier.pt")
    x = torch.zeros(1, 3, 64, 64)
    x[:, 0, :, :32] = 1.0
    x[:, 2, :, 32:] = 1.0
    print("logits", model.head(model.features(x)))
