"""Logistic regression and AUC in NumPy, for fitting a few weights offline (no new dependency)."""

from __future__ import annotations

import numpy as np


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, steps: int = 30
        ) -> tuple[tuple[float, ...], float]:
    """L2-regularised logistic regression by Newton steps on standardised features; the
    weights come back in the features' raw units, with the intercept."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.diag(np.r_[np.full(x.shape[1], l2), 0.0])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ beta))
        gradient = z.T @ (p - y) + penalty @ beta
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        beta -= np.linalg.solve(hessian, gradient)
    raw = beta[:-1] / scale
    return tuple(float(w) for w in raw), float(beta[-1] - (beta[:-1] * mean / scale).sum())


def auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Probability that a right pair outscores a wrong one (ties count half)."""
    right, wrong = scores[labels == 1], scores[labels == 0]
    if not len(right) or not len(wrong):
        return float("nan")
    above = (right[:, None] > wrong[None, :]).sum() + 0.5 * (right[:, None] == wrong[None, :]).sum()
    return float(above / (len(right) * len(wrong)))
