// Build step of essor-widget.js: the UI catalogues (components/i18n) hold the extension's messages too (options,
// popup, watch…), which a town's page never shows. Every message is named by a string literal in the code (a
// MessageKey is a literal type; maps of keys hold literals), so the keys that no literal of the bundle names are
// left out of its two catalogues. The extension's builds are untouched.
import { parseAst, type Plugin } from 'vite';
import { fr } from '../components/i18n/fr';

type Node = { type: string; start: number; end: number; [k: string]: unknown };
type Property = Node & { key: Node & { name?: string; value?: unknown }; computed?: boolean };

const KEYS: ReadonlySet<string> = new Set(Object.keys(fr));

function keyOf(p: Property): string | undefined {
  if (p.type !== 'Property' || p.computed) return undefined;
  const k = p.key;
  return k.type === 'Identifier' ? k.name : typeof k.value === 'string' ? k.value : undefined;
}

/** An object literal with exactly the catalogue's keys: one of the catalogues. */
function isCatalogue(node: Node): boolean {
  const props = node.properties as Property[];
  return props.length === KEYS.size && props.every((p) => KEYS.has(keyOf(p) ?? ''));
}

function walk(node: unknown, visit: (n: Node) => boolean): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, visit);
    return;
  }
  if (!node || typeof node !== 'object' || typeof (node as Node).type !== 'string') return;
  if (!visit(node as Node)) return;
  for (const [k, v] of Object.entries(node)) if (k !== 'type' && v && typeof v === 'object') walk(v, visit);
}

/** What one pruning did (the build prints it). */
export interface PruneReport {
  kept: number;
  dropped: number;
}

/**
 * A Vite plugin for the widget's UI build: removes from both catalogues the messages no string literal of the
 * bundle names. Fails the build when it does not find exactly the two catalogues (their shape changed).
 */
export function pruneCatalogues(onReport?: (r: PruneReport) => void): Plugin {
  return {
    name: 'essor-prune-catalogues',
    renderChunk(code) {
      const catalogues: Node[] = [];
      const used = new Set<string>();
      walk(parseAst(code), (n) => {
        if (n.type === 'ObjectExpression' && isCatalogue(n)) {
          catalogues.push(n);
          return false;
        }
        if (n.type === 'Literal' && typeof n.value === 'string' && KEYS.has(n.value)) used.add(n.value);
        if (n.type === 'TemplateElement') {
          const v = (n.value as { cooked?: string } | undefined)?.cooked;
          if (v && KEYS.has(v)) used.add(v);
        }
        return true;
      });
      if (catalogues.length !== 2) throw new Error(`prune-catalogues: expected the fr and en catalogues in the bundle, found ${catalogues.length}`);
      const cuts: [number, number][] = [];
      for (const obj of catalogues) {
        const props = obj.properties as Property[];
        props.forEach((p, i) => {
          if (!used.has(keyOf(p)!)) cuts.push([p.start, i + 1 < props.length ? props[i + 1]!.start : p.end]);
        });
      }
      let out = code;
      for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + out.slice(b);
      onReport?.({ kept: used.size, dropped: KEYS.size - used.size });
      return { code: out, map: null };
    },
  };
}
