import type { Facts } from './analyze-item.ts';

interface Counts {
  notices: number;
  signals: Record<string, number>;
}

const counts = (): Counts => ({ notices: 0, signals: {} });

/** Counts of notices declaring each signal, over the whole input, by département and by kind of notice. */
export class Summary {
  private records = 0;
  private failed = 0;
  private total = counts();
  private byDepartement = new Map<string, Counts>();
  private byNature = new Map<string, Counts>();

  /** Counts one analysed notice. */
  add(f: Facts): void {
    this.records++;
    if (!f.tender) return;
    const deps = f.departements.length ? [...new Set(f.departements)] : ['unknown'];
    const groups = [this.total, ...deps.map((d) => this.group(this.byDepartement, d)), this.group(this.byNature, f.noticeType || 'unknown')];
    for (const g of groups) {
      g.notices++;
      for (const s of new Set(f.signals)) g.signals[s] = (g.signals[s] ?? 0) + 1;
    }
  }

  /** Counts a record that could not be read. */
  fail(): void {
    this.failed++;
  }

  private group(map: Map<string, Counts>, k: string): Counts {
    let g = map.get(k);
    if (!g) map.set(k, (g = counts()));
    return g;
  }

  /** The summary as printed (keys sorted: départements by code, kinds by name). */
  toJSON(): Record<string, unknown> {
    const sorted = (m: Map<string, Counts>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b, 'fr', { numeric: true })));
    return { records: this.records, unreadable: this.failed, notices: this.total.notices, signals: this.total.signals, byDepartement: sorted(this.byDepartement), byNature: sorted(this.byNature) };
  }
}
