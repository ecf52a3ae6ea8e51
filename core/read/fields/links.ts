import { fold } from '../text.ts';

/** URLs of the buyer profile and of the consultation documents stated in the notice. */
export function findLinks(text: string): { dce?: string; buyerProfile?: string } {
  const out: { dce?: string; buyerProfile?: string } = {};
  if (!text) return out;
  const f = fold(text.slice(0, 300_000));
  const url = /(https?:\/\/[^\s"'<>)]+|www\.[^\s"'<>)]+)/;
  const grab = (re: RegExp): string | undefined => {
    const m = re.exec(f);
    if (!m) return undefined;
    const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 300);
    const u = url.exec(tail);
    if (!u || u.index > 120) return undefined;
    const v = (u[1] ?? '').replace(/[.,;]+$/, '');
    return v.startsWith('www.') ? `https://${v}` : v;
  };
  const profile = grab(/(?:adresse\s+(?:internet\s+)?du\s+profil\s+(?:d'\s*)?acheteur|address\s+of\s+the\s+buyer\s+profile|profil\s+(?:d'\s*)?acheteur)\s*:?/);
  if (profile) out.buyerProfile = profile;
  const dce = grab(
    /(?:documents\s+du\s+marche\s+sont\s+disponibles[^:]{0,80}:|adresse\s+aupres\s+de\s+laquelle\s+les\s+documents\s+peuvent\s+etre\s+obtenus\s*:|procurement\s+documents\s+are\s+available[^:]{0,80}:|lien\s+(?:direct\s+)?(?:vers\s+)?(?:le\s+)?dce\s*:|telechargement\s+du\s+dce\s*:)/,
  );
  if (dce) out.dce = dce;
  return out;
}
