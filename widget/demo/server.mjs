// Static demo server (node:http only): the municipal host page, the widget bundle, the saved portal pages
// under paths that mirror their original URLs, and the built extension archives. Loopback only.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '..', '..');
export const realPagesDir = path.resolve(projectRoot, '..', 'shared', 'fixtures', 'real', 'pages');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Saved real pages and the original URL each one mirrors (path under /portail/ = host + path). */
export function realPages(dir = realPagesDir) {
  const index = path.join(dir, 'index.jsonl');
  if (!fs.existsSync(index)) return [];
  return fs
    .readFileSync(index, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .map((p) => ({ ...p, originalUrl: originalUrl(p, dir) }))
    .filter((p) => p.originalUrl);
}

export function originalUrl(p, dir = realPagesDir) {
  if (p.url) return p.url;
  if (p.boamp_idweb) return `https://www.boamp.fr/avis/detail/${p.boamp_idweb}`;
  if (p.ted_document_number) return `https://ted.europa.eu/udl?uri=TED:NOTICE:${p.ted_document_number}:TEXT:EN:HTML`;
  if (p.refConsultation) {
    const html = fs.readFileSync(path.join(dir, p.file), 'latin1');
    const org = /orgAcronyme=([a-z0-9]+)/i.exec(html)?.[1] ?? '';
    return `https://www.marches-publics.gouv.fr/index.php?page=entreprise.EntrepriseDetailsConsultation&refConsultation=${p.refConsultation}&orgAcronyme=${org}`;
  }
  return undefined;
}

/** Local mirror path of an original portal URL: /portail/<host><path>?<query>. */
export function mirrorPath(url) {
  const u = new URL(url);
  return `/portail/${u.host}${u.pathname}${u.search}`;
}

function contentTypeOf(buf, file) {
  // The saved BOAMP and TED pages are UTF-16LE with a BOM: say so, or the browser shows mojibake.
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'text/html; charset=utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'text/html; charset=utf-16be';
  return types[path.extname(file)] ?? 'application/octet-stream';
}

function send(res, status, body, type, extraHeaders = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extraHeaders });
  res.end(body);
}

function safeJoin(root, rel) {
  const p = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  return p.startsWith(root + path.sep) || p === root ? p : undefined;
}

/**
 * Starts the demo server. `port` 0 picks a free port. Resolves to { server, url, close }.
 */
export function startDemoServer({ port = 4173, host = '127.0.0.1' } = {}) {
  const pages = realPages();
  const mirrors = new Map(pages.map((p) => [mirrorPath(p.originalUrl), p.file]));
  const siteDir = path.join(here, 'site');
  const widgetDir = path.join(projectRoot, 'widget-dist');
  const distDir = path.join(projectRoot, 'dist');
  const server = http.createServer((req, res) => {
    try {
      const u = new URL(req.url ?? '/', 'http://x');
      const pathname = decodeURIComponent(u.pathname);
      if (pathname.startsWith('/portail/')) {
        const file = mirrors.get(pathname + u.search) ?? mirrors.get(pathname);
        if (!file) return send(res, 404, 'page non trouvée', 'text/plain; charset=utf-8');
        const buf = fs.readFileSync(path.join(realPagesDir, file));
        return send(res, 200, buf, contentTypeOf(buf, file));
      }
      if (pathname === '/api/pages.json') return send(res, 200, JSON.stringify(pages.map((p) => ({ file: p.file, title: p.title, portal: p.portal, mirror: mirrorPath(p.originalUrl), originalUrl: p.originalUrl }))), types['.json']);
      let root = siteDir;
      let rel = pathname;
      if (pathname.startsWith('/widget/')) { root = widgetDir; rel = pathname.slice('/widget'.length); }
      else if (pathname.startsWith('/downloads/')) { root = distDir; rel = pathname.slice('/downloads'.length); }
      if (root === distDir && rel === '/') {
        const zips = fs.existsSync(distDir) ? fs.readdirSync(distDir).filter((f) => f.endsWith('.zip')) : [];
        const items = zips.map((z) => `<li><a href="/downloads/${encodeURIComponent(z)}">${z.replace(/[<>&"]/g, '')}</a></li>`).join('');
        return send(res, 200, `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Archives Essor</title><h1>Archives de l’extension</h1><ul>${items || '<li>Aucune archive : lancez npm start ou npm run zip.</li>'}</ul>`, types['.html']);
      }
      if (rel.endsWith('/')) rel += 'index.html';
      const file = safeJoin(root, rel);
      if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(res, 404, 'non trouvé', 'text/plain; charset=utf-8');
      const buf = fs.readFileSync(file);
      // Pages named *.csp.html are served with the strict policy a cautious municipality would use.
      const csp = file.endsWith('.csp.html') ? { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" } : {};
      return send(res, 200, buf, contentTypeOf(buf, file), csp);
    } catch (e) {
      send(res, 500, 'erreur', 'text/plain; charset=utf-8');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const url = `http://${host}:${addr.port}`;
      resolve({ server, url, pages, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const port = Number(process.env.PORT ?? process.argv[2] ?? 4173);
  const { url } = await startDemoServer({ port });
  console.log(`demo server on ${url}`);
}
