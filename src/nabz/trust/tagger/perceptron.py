"""An averaged perceptron that tags tokens O / B (a name starts) / I (a name goes on).

The perceptron itself decides name-or-not for each token (two scores; the third
column of the weights is unused, kept for a finer scheme later); B or I follows from
the token before. Decoding is greedy, left to right: each token's features include
the tag chosen for the token before. Training is the classic
averaged perceptron (Collins 2002), decoding greedily during training too (the
history it learns from is the one it will see), with a fixed seed for the order of
sentences, so the same data always gives the same weights; the weights are written as a gzip'd
TSV (``feature<TAB>O<TAB>B<TAB>I``, integers in thousandths, sorted, gzip time 0).
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable, Sequence

from nabz.trust.tagger.features import CUE_WORDS, Sentence, features, word_features

TAGS = ("O", "B", "I")
# How far a word's own features must favour O for an Arabic-script token to be left
# unscored at run time (see Model.tag).
GATE_MARGIN = 6.0
_SCALE = 1000.0


class Model:
    """Weights of one language: feature -> (O, B, I) scores; ``closed`` lists words the
    training data never saw in a name although they were frequent (skipped at run time)."""

    __slots__ = ("bias", "cache", "closed", "kinds", "sides", "weights")

    def __init__(
        self,
        weights: dict[str, tuple[float, float, float]],
        closed: frozenset[str],
        bias: float = 0.0,
    ) -> None:
        self.weights = weights
        self.closed = closed
        self.bias = bias  # added to B: recall bought with a little precision
        # word -> the (O, name) scores of its word-only features: posts share words
        self.cache: dict[str, tuple[float, float]] = {}
        # word -> (low, core, candidate kind) for tagger.candidates (it reads ``closed``)
        self.kinds: dict[str, tuple[str, str, int]] = {}
        # word -> the (O, name) scores of the features it gives the token after it (pw=,
        # ps=, pg=, pc=), the one two after (pw2=, pg2=), the one before (nw=, ns=, ng=,
        # nc=) and the one two before (nw2=, ng2=): the context features that depend on
        # one neighbour alone, summed once per word instead of once per use.
        self.sides: dict[str, tuple[float, float, float, float, float, float, float, float]] = {}

    def scores(self, feats: list[str]) -> tuple[float, float, float]:
        o = b = i = 0.0
        weights = self.weights
        for f in feats:
            w = weights.get(f)
            if w is not None:
                o += w[0]
                b += w[1]
                i += w[2]
        return o, b, i

    def best(self, feats: list[str], prev_tag: str) -> str:
        o, n, _unused = self.scores(feats)
        if n + self.bias > o:
            return "B" if prev_tag == "O" else "I"
        return "O"

    def tag(
        self,
        s: Sentence,
        candidate: Sequence[bool] | None = None,
        margins: list[float] | None = None,
    ) -> list[str]:
        """Tags of every token; tokens not marked as candidates get O without scoring
        (unless a name is open before them). ``margins`` receives, per token, how far
        the name score passed O (0 for a token not scored)."""
        out: list[str] = []
        prev = "O"
        cache = self.cache
        for i in range(len(s.words)):
            if candidate is not None and not candidate[i] and prev == "O":
                out.append("O")
                if margins is not None:
                    margins.append(0.0)
                continue
            s.prepare(i)
            key = s.words[i]
            part = cache.get(key)
            if part is None:
                wo, wn, _ = self.scores(word_features(s, i))
                part = (wo, wn)
                if len(cache) > 50_000:
                    cache.clear()
                cache[key] = part
            if (
                prev == "O"
                and s.arabic[i]
                and part[0] - part[1] - self.bias > GATE_MARGIN
                and not (i and (s.lows[i - 1] in CUE_WORDS or s.cores[i - 1] in CUE_WORDS))
            ):
                # An Arabic-script word the model knows as ordinary, with no cue before
                # it: its neighbours almost never turn it into a name (measured on our
                # corpus and independent sets: 1 such token in 1,765 for ar, 5 in 867 for
                # fa), and scoring them is half the tagger's time in Arabic.
                out.append("O")
                if margins is not None:
                    margins.append(part[1] + self.bias - part[0])
                continue
            o, n = self._context(s, i, prev)
            o += part[0]
            n += part[1]
            prev = ("B" if prev == "O" else "I") if n + self.bias > o else "O"
            out.append(prev)
            if margins is not None:
                margins.append(n + self.bias - o)
        return out

    def _side(
        self, s: Sentence, k: int
    ) -> tuple[float, float, float, float, float, float, float, float]:
        """The neighbour-only scores of token ``k`` (see ``sides``), cached per word."""
        key = s.words[k]
        got = self.sides.get(key)
        if got is None:
            low, core, shp, flags = s.lows[k], s.cores[k], s.shapes[k], s.flags[k]
            after = ["pw=" + low, "ps=" + shp, "pg=" + flags]
            before = ["nw=" + low, "ns=" + shp, "ng=" + flags]
            if core != low:
                after.append("pc=" + core)
                before.append("nc=" + core)
            a = self.scores(after)
            a2 = self.scores(["pw2=" + low, "pg2=" + flags])
            b = self.scores(before)
            b2 = self.scores(["nw2=" + low, "ng2=" + flags])
            got = (a[0], a[1], a2[0], a2[1], b[0], b[1], b2[0], b2[1])
            if len(self.sides) > 50_000:
                self.sides.clear()
            self.sides[key] = got
        return got

    def _context(self, s: Sentence, i: int, prev_tag: str) -> tuple[float, float]:
        """(O, name) scores of ``context_features(s, i, prev_tag)``, from the cached
        neighbour parts and the few features that depend on more than one word."""
        n = len(s.words)
        shp = s.shapes[i]
        rest = ["t=" + prev_tag, "ts=" + prev_tag + shp]
        o = b = 0.0
        if s.starts[i]:
            rest.append("st")
            rest.append("sts=" + shp)
        if i > 0:
            side = self._side(s, i - 1)
            o += side[0]
            b += side[1]
            if s.lows[i - 1].rstrip(".") in CUE_WORDS or s.cores[i - 1] in CUE_WORDS:
                rest.append("cue")
                rest.append("cues=" + shp)
            if i > 1:
                side = self._side(s, i - 2)
                o += side[2]
                b += side[3]
                if s.lows[i - 2].rstrip(".") in CUE_WORDS or s.cores[i - 2] in CUE_WORDS:
                    rest.append("cue2")
        else:
            rest.append("pw=^")
        if i + 1 < n:
            side = self._side(s, i + 1)
            o += side[4]
            b += side[5]
            if i + 2 < n:
                side = self._side(s, i + 2)
                o += side[6]
                b += side[7]
        else:
            rest.append("nw=$")
        r = self.scores(rest)
        return o + r[0], b + r[1]

    def dumps(self) -> bytes:
        lines = [
            "#bias\t" + str(round(self.bias * _SCALE)),
            "#closed\t" + " ".join(sorted(self.closed)),
        ]
        for f in sorted(self.weights):
            w = self.weights[f]
            lines.append(
                f.replace("\t", " ").replace("\n", " ")
                + "\t"
                + "\t".join(str(round(x * _SCALE)) for x in w)
            )
        raw = ("\n".join(lines) + "\n").encode("utf-8")
        return gzip.compress(raw, compresslevel=9, mtime=0)

    @staticmethod
    def loads(data: bytes) -> Model:
        text = gzip.decompress(data).decode("utf-8")
        weights: dict[str, tuple[float, float, float]] = {}
        closed: frozenset[str] = frozenset()
        bias = 0.0
        for line in text.split("\n"):
            if not line:
                continue
            parts = line.split("\t")
            if parts[0] == "#bias":
                bias = int(parts[1]) / _SCALE
                continue
            if parts[0] == "#closed":
                closed = frozenset(parts[1].split()) if len(parts) > 1 else frozenset()
                continue
            weights[parts[0]] = (
                int(parts[1]) / _SCALE,
                int(parts[2]) / _SCALE,
                int(parts[3]) / _SCALE,
            )
        return Model(weights, closed, bias)


class _Trainer:
    """Running weights, their totals for averaging, and when each was last changed."""

    def __init__(self) -> None:
        self.w: dict[str, list[float]] = {}
        self.total: dict[str, list[float]] = {}
        self.stamp: dict[str, list[int]] = {}
        self.step = 0

    def scores(self, feats: list[str]) -> list[float]:
        out = [0.0, 0.0, 0.0]
        for f in feats:
            w = self.w.get(f)
            if w is not None:
                out[0] += w[0]
                out[1] += w[1]
                out[2] += w[2]
        return out

    def best(self, feats: list[str]) -> int:
        o, n, _unused = self.scores(feats)
        return 1 if n > o else 0

    def update(self, feats: list[str], good: int, bad: int) -> None:
        for f in feats:
            w = self.w.get(f)
            if w is None:
                w = self.w[f] = [0.0, 0.0, 0.0]
                self.total[f] = [0.0, 0.0, 0.0]
                self.stamp[f] = [self.step, self.step, self.step]
            tot = self.total[f]
            st = self.stamp[f]
            for k, delta in ((good, 1.0), (bad, -1.0)):
                tot[k] += (self.step - st[k]) * w[k]
                st[k] = self.step
                w[k] += delta

    def averaged(self, prune: float) -> dict[str, tuple[float, float, float]]:
        out: dict[str, tuple[float, float, float]] = {}
        step = max(self.step, 1)
        for f in sorted(self.w):
            w, tot, st = self.w[f], self.total[f], self.stamp[f]
            avg = [(tot[k] + (self.step - st[k]) * w[k]) / step for k in range(3)]
            if max(abs(a) for a in avg) < prune:
                continue
            out[f] = (
                round(avg[0] * _SCALE) / _SCALE,
                round(avg[1] * _SCALE) / _SCALE,
                round(avg[2] * _SCALE) / _SCALE,
            )
        return out


def train(
    data: Sequence[tuple[Sentence, Sequence[str]]],
    *,
    epochs: int = 8,
    seed: int = 14,
    prune: float = 0.002,
    closed: frozenset[str] = frozenset(),
    log: Callable[[str], None] | None = None,
) -> Model:
    """Averaged-perceptron weights for ``data`` (sentences and their O/B/I tags)."""
    tr = _Trainer()
    order = list(range(len(data)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        wrong = 0
        count = 0
        for j in order:
            s, gold = data[j]
            prev = "O"
            for i in range(len(s.words)):
                feats = features(s, i, prev)
                guess = tr.best(feats)
                g = 0 if gold[i] == "O" else 1
                if g == 2 and prev == "O":
                    g = 1  # after O a name can only start: what decoding will output
                tr.step += 1
                if guess != g:
                    tr.update(feats, g, guess)
                    wrong += 1
                count += 1
                # the history decoding will see: B opens a name, I goes on with it
                prev = "O" if guess == 0 else "B" if prev == "O" else "I"
        if log is not None:
            log(f"epoch {epoch + 1}: {wrong} of {count} tokens wrong")
    return Model(tr.averaged(prune), closed)
