/** Top-k selection for search ranking. */

/** Keeps the `k` largest keys seen (a min-heap), so ranking 100,000 hits costs n·log k, not a full sort. */
export class TopK {
  private readonly keys: number[] = [];
  private readonly items: [number, number][] = [];
  constructor(private readonly k: number) {}

  /** Keeps `[index, score]` if `key` is among the `k` largest so far. */
  offer(key: number, index: number, score: number): void {
    if (this.keys.length < this.k) {
      this.keys.push(key);
      this.items.push([index, score]);
      this.up(this.keys.length - 1);
    } else if (key > this.keys[0]!) {
      this.keys[0] = key;
      this.items[0] = [index, score];
      this.down(0);
    }
  }

  /** The kept items, largest key first. */
  drain(): [number, number][] {
    const order = this.keys.map((key, i) => [key, i] as const).sort((a, b) => b[0] - a[0]);
    return order.map(([, i]) => this.items[i]!);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent]! <= this.keys[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.keys.length && this.keys[l]! < this.keys[m]!) m = l;
      if (r < this.keys.length && this.keys[r]! < this.keys[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!];
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }
}
