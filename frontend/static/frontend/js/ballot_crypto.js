// Secret-ballot cryptography on the tablet: exponential ElGamal over ristretto255 with zero-knowledge proofs,
// the counting committee's key shares and partial decryptions, and the receipt check against the public
// board. The exact mirror of voting/crypto/ (Python, the server and the verifier): same transcripts, same
// labels, same encodings (points and scalars as 64 hex digits, scalars little-endian).
// The randomness of a ballot lives inside encryptBallot only; nothing here is stored anywhere.

import { ristretto255 } from "../../vendor/noble-curves/ed25519.js";
import { sha256, sha512 } from "../../vendor/noble-hashes/sha2.js";

const Point = ristretto255.Point;
export const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const te = new TextEncoder();

const mod = (x) => ((x % L) + L) % L;

function bytesToHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function leToBig(bytes) {
  let x = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(bytes[i]);
  return x;
}

export function scalarHex(s) {
  let x = mod(s);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return bytesToHex(out);
}

const scalarFromHex = (hex) => leToBig(hexToBytes(hex));

function scalarRandom() {
  for (;;) {
    const s = mod(leToBig(crypto.getRandomValues(new Uint8Array(64))));
    if (s !== 0n) return s;
  }
}

const base = (s) => (mod(s) === 0n ? Point.ZERO : Point.BASE.multiply(mod(s)));
const mul = (s, p) => (mod(s) === 0n || p.equals(Point.ZERO) ? Point.ZERO : p.multiply(mod(s)));
const enc = (p) => p.toBytes();
const pointHex = (p) => p.toHex();
const point = (hex) => Point.fromHex(hex);

function part(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof Point) return value.toBytes();
  return te.encode(String(value));
}

/** Length-prefixed concatenation (4-byte big-endian length, then the bytes), as voting.crypto.group. */
function transcript(parts) {
  const chunks = parts.map(part);
  const out = new Uint8Array(chunks.reduce((n, c) => n + 4 + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    new DataView(out.buffer).setUint32(at, c.length);
    out.set(c, at + 4);
    at += 4 + c.length;
  }
  return out;
}

const hashScalar = (...parts) => mod(leToBig(sha512(transcript(parts))));

// Proofs -------------------------------------------------------------------------------------------

function branch(key, a, b, v, c, z) {
  const shifted = v ? b.subtract(base(BigInt(v))) : b;
  return [base(z).subtract(mul(c, a)), mul(z, key).subtract(mul(c, shifted))];
}

/** Disjunctive Chaum–Pedersen: (a, b) encrypts one of `values`; the prover knows `value` and `r`. */
function oneOfProve(context, key, a, b, r, value, values) {
  const index = values.indexOf(value);
  const cs = values.map(() => 0n);
  const zs = values.map(() => 0n);
  const commitments = [];
  const w = scalarRandom();
  values.forEach((v, i) => {
    if (i === index) {
      commitments.push(base(w), mul(w, key));
      return;
    }
    cs[i] = scalarRandom();
    zs[i] = scalarRandom();
    commitments.push(...branch(key, a, b, v, cs[i], zs[i]));
  });
  const c = hashScalar("nt/one-of/v1", ...context, key, a, b, ...values, ...commitments);
  cs[index] = mod(c - cs.reduce((x, y) => x + y, 0n));
  zs[index] = mod(w + cs[index] * r);
  return { c: cs.map(scalarHex), z: zs.map(scalarHex) };
}

function dleqProve(context, x, y, a, d) {
  const w = scalarRandom();
  const c = hashScalar("nt/dleq/v1", ...context, y, a, d, base(w), mul(w, a));
  return { c: scalarHex(c), z: scalarHex(w + c * x) };
}

function schnorrProve(context, x, y) {
  const k = scalarRandom();
  const c = hashScalar("nt/schnorr/v1", ...context, y, base(k));
  return { c: scalarHex(c), z: scalarHex(k + c * x) };
}

// Ballots ------------------------------------------------------------------------------------------

export function ballotTag(pollId, clientId) {
  return bytesToHex(sha256(transcript(["nt/ballot-tag/v1", pollId, String(clientId).toLowerCase()])));
}

export const BLANK = "blank";

/** A paper returned with nothing marked (the tablet's blank paper): null, [] or {}. */
export const isBlankChoice = (choice) => choice === null || choice === undefined
  || (Array.isArray(choice) && !choice.length) || (typeof choice === "object" && !Object.keys(choice).length);

/** The counting marks of a choice, as voting.results.choice_marks: option key, "c<id>", "c<id>:<level>", and
 *  "blank" for a paper with nothing marked (its blank row is 1, every other row 0). */
export function choiceMarks(poll, choice) {
  if (isBlankChoice(choice)) return new Set([BLANK]);
  if (poll.kind === "election") return new Set(choice.map((id) => `c${id}`));
  if (poll.kind === "confidence") return new Set(Object.entries(choice).map(([id, level]) => `c${id}:${level}`));
  return new Set([choice]);
}

/** Encrypt a choice (set of marks) with every proof, bound to the poll and the vote's client id. */
export function encryptBallot({ pollId, clientId, key, layout, marks }) {
  const K = point(key);
  const tag = ballotTag(pollId, clientId);
  const values = layout.marks.map((m) => (marks.has(m) ? 1 : 0));
  let rs = values.map(() => scalarRandom());
  const cts = values.map((v, i) => {
    const a = base(rs[i]);
    const b = v ? mul(rs[i], K).add(Point.BASE) : mul(rs[i], K);
    return { a, b };
  });
  const rows = cts.map(({ a, b }, i) => ({
    a: pointHex(a), b: pointHex(b),
    proof: oneOfProve(["nt/ballot/v1", pollId, tag, "row", i], K, a, b, rs[i], values[i], [0, 1]),
  }));
  // A group's proven total is weighted (an election's blank row weighs the number of seats); no weights: 1 each.
  const groups = layout.groups.map((group, g) => {
    let a = Point.ZERO;
    let b = Point.ZERO;
    let r = 0n;
    let total = 0;
    group.rows.forEach((i, k) => {
      const w = group.weights ? group.weights[k] : 1;
      a = a.add(w === 1 ? cts[i].a : mul(BigInt(w), cts[i].a));
      b = b.add(w === 1 ? cts[i].b : mul(BigInt(w), cts[i].b));
      r += BigInt(w) * rs[i];
      total += w * values[i];
    });
    if (!group.totals.includes(total)) throw new Error(`ballot.rule_invalid: group ${g}`);
    return oneOfProve(["nt/ballot/v1", pollId, tag, "group", g], K, a, b, mod(r), total, group.totals);
  });
  rs = null; // forget the randomness at once
  return { v: 1, rows, groups };
}

const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(bytes) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** The receipt of a ballot: a hash of its tag and ciphertexts (what the board lists it under). */
export function receiptOf(pollId, clientId, ballot) {
  const tag = ballotTag(pollId, clientId);
  const parts = ballot.rows.flatMap((row) => [hexToBytes(row.a), hexToBytes(row.b)]);
  return base32(sha256(transcript(["nt/receipt/v1", pollId, tag, ...parts]))).slice(0, 16);
}

/** Inclusion check, in the tablet: is this receipt on the board (fetched whole, so no receipt in a URL)? */
export function boardIncludes(board, receipt) {
  return board.ballots.some((entry) => entry.receipt === receipt);
}

export async function receiptOnBoard(pollId, receipt) {
  const response = await fetch(`/api/polls/${pollId}/board/`, { credentials: "same-origin", headers: { Accept: "application/json" } });
  return response.ok && boardIncludes(await response.json(), receipt);
}

/** The tablet's hook: a secret poll's choice (as vote.js builds it) → the encrypted ballot to send. */
export function sealBallot(poll, choice, clientId) {
  if (!poll.election) throw new Error("ballot.malformed: no election key");
  return encryptBallot({ pollId: poll.id, clientId, key: poll.election.key, layout: poll.election.layout, marks: choiceMarks(poll, choice) });
}

// Counting committee -------------------------------------------------------------------------------

/** A member's tablet: a fresh secret share and what it publishes (public share + Schnorr proof). */
export function shareMake({ pollId, position }) {
  const x = scalarRandom();
  const y = base(x);
  return { secret: scalarHex(x), share: { public: pointHex(y), proof: schnorrProve(["nt/key-share/v1", pollId, position], x, y) } };
}

/** A member's tablet: the partial decryption of every sum of the board, each with its Chaum–Pedersen proof. */
export function partialMake({ pollId, position, secret, sums }) {
  const x = scalarFromHex(secret);
  const y = base(x);
  const ds = [];
  const proofs = [];
  sums.forEach((s, j) => {
    const a = Point.fromHex(s.a);
    const d = mul(x, a);
    ds.push(pointHex(d));
    proofs.push(dleqProve(["nt/partial/v1", pollId, position, j], x, y, a, d));
  });
  return { d: ds, proofs };
}

// Recovery card: the share encrypted under a passphrase (PBKDF2-SHA256 600 000 rounds, AES-256-GCM), so
// the printed card alone opens nothing and the passphrase alone has nothing to open.

const b64 = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const unb64 = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

async function cardKey(passphrase, salt) {
  const material = await crypto.subtle.importKey("raw", te.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 600000 }, material,
    { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

export async function recoveryCardMake({ pollId, position, secret, passphrase }) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const label = te.encode(`NTKEY1.${pollId}.${position}`);
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: label },
    await cardKey(passphrase, salt), hexToBytes(secret));
  return `NTKEY1.${pollId}.${position}.${b64(salt)}.${b64(iv)}.${b64(new Uint8Array(sealed))}`;
}

export async function recoveryCardOpen(card, passphrase) {
  const [magic, pollId, position, salt, iv, sealed] = card.trim().split(".");
  if (magic !== "NTKEY1") throw new Error("not a recovery card");
  const label = te.encode(`NTKEY1.${pollId}.${position}`);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: unb64(iv), additionalData: label },
    await cardKey(passphrase, unb64(salt)), unb64(sealed));
  return { pollId: Number(pollId), position: Number(position), secret: bytesToHex(new Uint8Array(plain)) };
}
