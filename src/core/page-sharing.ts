// Page sharing between identical guests (KSM on KVM, TPS on ESXi): powered-on
// guests of the same image on one host share part of their memory. Kept current
// as claims come and go, so a tick only reads one number per host.
import { ensureLength } from './typed.js';

interface ImageGroup {
  count: number;
  memoryMiB: number;
}

export class PageSharing {
  private readonly groups = new Map<number, Map<string, ImageGroup>>();
  /** MiB that sharing saves on each host. */
  saved = new Float64Array(64);

  /** Forgets everything (a platform's sharing policy changed; the caller tracks what is powered on again). */
  clear(): void {
    this.groups.clear();
    this.saved.fill(0);
  }

  /** A guest of `image` with `memoryMiB` powered on (delta 1) or off (-1) on `host`, on a platform sharing `share` of it. */
  track(host: number, image: string, memoryMiB: number, share: number, delta: 1 | -1): void {
    if (!image || share <= 0) return;
    let byImage = this.groups.get(host);
    if (!byImage) this.groups.set(host, (byImage = new Map()));
    const g = byImage.get(image) ?? { count: 0, memoryMiB: 0 };
    g.count += delta;
    g.memoryMiB += delta * memoryMiB;
    if (g.count <= 0) byImage.delete(image);
    else byImage.set(image, g);
    this.saved = ensureLength(this.saved, host + 1);
    // Of n identical guests, n - 1 copies of the shareable part are saved.
    let saved = 0;
    for (const x of byImage.values()) saved += ((x.count - 1) / x.count) * x.memoryMiB * share;
    this.saved[host] = saved;
  }
}
