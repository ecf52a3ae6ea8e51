// Match patterns of the known portal hosts, computed from the registry so the manifest never drifts from it.
import { portals } from '../../core/portals/index';

/** `www.boamp.fr` → `*://www.boamp.fr/*` (http and https). Hosts already written as `*.x.fr` are kept. */
export function hostToMatchPattern(host: string): string {
  return `*://${host.trim().toLowerCase()}/*`;
}

/** Content-script match patterns for every host of the registry, sorted and without duplicates. */
export function portalMatchPatterns(): string[] {
  return [...new Set(portals.flatMap((p) => p.hosts).map(hostToMatchPattern))].sort();
}

/** True when `hostname` is one of the registry's known hosts (where the manifest injects the overlay). */
export function isKnownHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return portals.some((p) => p.hosts.includes(h));
}
