// The first stage's decision on real pages and on every engine's example URLs: a notice or a list is never
// left without its second stage; a help page, a home page or a municipal information page gets nothing more.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { portals } from '../../../core/portals/index';
import { probePage, probeUrl } from '../../../entrypoints/probe/probe';
import { portalExamples } from '../../../core/portals/examples';

const ROOT = path.resolve(__dirname, '../../..');
const REAL = path.resolve(ROOT, 'tests', 'fixtures', 'real', 'pages');
const CURRENT = path.resolve(ROOT, 'tests', 'fixtures', 'current');

function decode(buf: Buffer): string {
  return buf[0] === 0xff ? buf.toString('utf16le').replace(/^\uFEFF/, '') : buf.toString('utf8');
}

async function probeHtml(html: string, url: string) {
  const w = new Window({ url });
  w.document.write(html.replace(/<script\b[\s\S]*?<\/script>/gi, ''));
  const kind = probePage(w.document as unknown as Document, new URL(url));
  await w.happyDOM.close();
  return kind;
}

describe('first stage: notice, list or nothing', () => {
  it('every engine’s example notice URL calls the second stage; a list URL is never taken for a notice', () => {
    for (const p of portals) {
      for (const u of portalExamples[p.id]!.notice) expect(probeUrl(new URL(u)), `${p.id} ${u}`).toBe('notice');
      // Some list URLs say nothing (a région's page of notices): their links to notices decide.
      for (const u of portalExamples[p.id]!.list) expect(probeUrl(new URL(u)), `${p.id} ${u}`).not.toBe('notice');
    }
  });

  it('the saved real notices, at their real URLs and with a URL that says nothing', async () => {
    const { realPages } = (await import(path.join(ROOT, 'widget', 'demo', 'server.mjs'))) as { realPages(): { file: string; originalUrl: string }[] };
    for (const p of realPages()) {
      const html = decode(fs.readFileSync(path.join(REAL, p.file)));
      expect(await probeHtml(html, p.originalUrl), p.file).toBe('notice');
      // The same page under a URL with no hint: its text decides.
      expect(await probeHtml(html, `https://${new URL(p.originalUrl).host}/page`), `${p.file} by its text`).not.toBe('other');
    }
  });

  it('BOAMP’s current site: a notice URL before rendering, and the search page', async () => {
    expect(probeUrl(new URL('https://www.boamp.fr/pages/avis/?q=idweb:26-80978'))).toBe('notice');
    const search = decode(fs.readFileSync(path.join(CURRENT, 'boamp_recherche_2026-01-04.html')));
    expect(await probeHtml(search, 'https://www.boamp.fr/pages/recherche/')).toBe('list');
  });

  it('pages that are neither: help, home, a municipality’s information page', async () => {
    const help = fs.readFileSync(path.join(ROOT, 'tests', 'bench', 'pages', 'plain.html'), 'utf8');
    expect(await probeHtml(help, 'https://www.boamp.fr/pages/aide/consulter-les-annonces/')).toBe('other');
    expect(await probeHtml('<html><head><title>BOAMP</title></head><body><nav><a href="/">Accueil</a><a href="/pages/aide/">Aide</a></nav><h1>Bienvenue</h1></body></html>', 'https://www.boamp.fr/')).toBe('other');
    const info =
      '<html><body><h1>Les marchés publics de la ville</h1><p>Toutes nos consultations sont publiées sur notre profil d’acheteur.</p><h2>Seuils et procédures</h2><p>En dessous de 40 000 € HT, nous consultons directement plusieurs entreprises.</p></body></html>';
    expect(await probeHtml(info, 'https://www.boamp.fr/pages/marches-publics-ville-de-saint-exemple/')).toBe('other');
  });

  it('never throws on a broken document', () => {
    expect(probePage({} as Document, new URL('https://www.boamp.fr/x'))).toBe('other');
  });
});
