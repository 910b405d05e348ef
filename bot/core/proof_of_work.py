"""Hashcash-style proof of work, as GlobaLeaks asks of its submitters: cheap to check, costly to forge in bulk.

The server hands out a random ``challenge``; the client finds a ``nonce`` such that SHA-256(challenge ":" nonce)
starts with ``bits`` zero bits. On average that takes 2**bits hashes (bits=18: ~260,000; a phone's browser does
that in well under a few seconds, see docs/benchmarks.md); checking it takes one hash.
"""

from __future__ import annotations

import hashlib
import secrets

NONCE_LIMIT = 20  # characters: a decimal counter never needs more


def new_challenge() -> str:
    return secrets.token_hex(16)


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + (8 - byte.bit_length())
    return bits


def is_solved(challenge: str, nonce: str, bits: int) -> bool:
    if not nonce or len(nonce) > NONCE_LIMIT or not nonce.isascii() or not nonce.isdigit():
        return False
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode("ascii")).digest()
    return leading_zero_bits(digest) >= bits


def solve(challenge: str, bits: int) -> str:
    """What a browser does (bot/web/static/pow.js); here for tests and the benchmark."""
    counter = 0
    while not is_solved(challenge, str(counter), bits):
        counter += 1
    return str(counter)
