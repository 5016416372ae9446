// Docker's generated container names ("adjective_surname"), drawn from the
// estate's seeded PRNG so they are the same on every run.
import type { Prng } from '../../core/prng.js';

const LEFT = [
  'admiring',
  'brave',
  'clever',
  'dazzling',
  'eager',
  'focused',
  'gallant',
  'happy',
  'jolly',
  'keen',
  'loving',
  'modest',
  'nifty',
  'optimistic',
  'quirky',
  'relaxed',
  'serene',
  'tender',
  'upbeat',
  'vibrant',
  'wizardly',
  'zealous',
];
const RIGHT = [
  'babbage',
  'curie',
  'dijkstra',
  'euler',
  'fermi',
  'goldberg',
  'hopper',
  'hypatia',
  'kare',
  'lamport',
  'lovelace',
  'mccarthy',
  'noether',
  'pascal',
  'ritchie',
  'shannon',
  'thompson',
  'turing',
  'wozniak',
  'yonath',
];

export function generatedName(rng: Prng, taken: (name: string) => boolean): string {
  for (let i = 0; ; i++) {
    const name = `${rng.pick(LEFT)}_${rng.pick(RIGHT)}${i > 10 ? i : ''}`;
    if (!taken(name)) return name;
  }
}
