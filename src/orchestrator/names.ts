// Names Kubernetes makes up: generateName's random suffix and the
// pod-template-hash a Deployment gives each ReplicaSet, in the alphabet both use.
import type { Prng } from '../core/prng.js';

/** k8s.io/apimachinery/pkg/util/rand: consonants and digits, so no word is ever spelled. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
/** names.go: a generated name's base is cut so base + 5 random characters fit in 63. */
const MAX_GENERATED_BASE = 63 - 5;

/** names.SimpleNameGenerator.GenerateName: base (cut to 58) and 5 characters of utilrand.String. */
export function generateName(base: string, rng: Prng): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHANUMS[rng.int(0, ALPHANUMS.length - 1)];
  return `${base.slice(0, MAX_GENERATED_BASE)}${suffix}`;
}

/** FNV-1a, 32 bits (hash/fnv New32a), over a string's UTF-16 units. */
function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character mapped into ALPHANUMS by its code. */
function safeEncode(s: string): string {
  let out = '';
  for (const c of s) out += ALPHANUMS[c.charCodeAt(0) % ALPHANUMS.length];
  return out;
}

/**
 * controller.ComputeHash: FNV-32a over the template (Kubernetes hashes the Go
 * struct as spew prints it; here its canonical JSON, so the same template always
 * gives the same hash), with the collision count after it when there is one,
 * then the decimal number safe-encoded ("7d9f8c6b5"-like, up to 10 characters).
 */
export function templateHash(template: unknown, collisionCount?: number): string {
  const text = canonicalJson(template) + (collisionCount ? String(collisionCount) : '');
  return safeEncode(String(fnv32a(text)));
}

/** JSON with object keys in order, so equal objects print alike. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
