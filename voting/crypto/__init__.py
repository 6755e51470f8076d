"""Ballot cryptography of secret polls, free of Django (the stand-alone verifier imports it alone).

- ``group``: ristretto255 points and scalars (libsodium through pysodium), hashing to scalars.
- ``proofs``: Schnorr, Chaum–Pedersen and disjunctive Chaum–Pedersen proofs (Fiat–Shamir).
- ``ballots``: the ballot layout of a poll, encrypting a ballot (the Python "tablet") and checking one.
- ``tally``: homomorphic sums, partial decryptions by the counting committee, combining them into counts.
- ``board``: the public bulletin board and its verification; ``python -m voting.crypto.verify board.json``.

Every byte string that is hashed is length-prefixed; every hash starts with a domain label naming what it
is for, so a proof made for one purpose (or one poll, or one ballot tag) never verifies for another."""
