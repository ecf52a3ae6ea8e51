#!/usr/bin/env node
// Turns saved BOAMP notice pages of the public repository Marwa10/hackathon_ENERGIA (data/Documents/<n>/T<n>.html,
// UTF-16LE with BOM) into records with the field conventions of ../shared/fixtures/real/tenders.jsonl.
// Standalone on purpose: its own HTML-to-text code and nothing from core/, so that the evaluation sets built with it
// do not depend on Essor's reader.
//
//   node tests/eval/make-records.mjs --git DIR [--commit SHA] --survey            list every BOAMP page (TSV)
//   node tests/eval/make-records.mjs --git DIR [--commit SHA] [--sector path=tag…] path…   one JSON record per line
//
// Other kinds of the development set, same field conventions as its records of that kind:
//   --kind place  --git DIR [--commit SHA] path…        PLACE consultation pages (data/Documents/<n>/index.php)
//   --kind boamp-xml --repo ColinMaudry/boamp-rdf --git DIR [--commit SHA] path…   BOAMP open-data XML (Boamp_v230)
//   --kind decp --repo ColinMaudry/decp-json --git DIR [--commit SHA] --zip json/<x>.zip --json FILE id…
//        DECP records picked by their `id` (or `id:buyerSIRET`) from FILE, the JSON file unzipped from that zip
//   --kind decp-csv --repo Augustin690/audit-marches-publics-france --git DIR [--commit SHA] --csv PATH id…
//        rows of a consolidated-DECP CSV extract (header id,objet,montant,codecpv,…) picked by their `id` (or
//        `id:buyerSIRET`), rebuilt as DECP JSON records with the field conventions of the decp-* records of
//        tests/fixtures/eval; `--csv-file FILE` reads a local copy of PATH instead of `git show` (the records
//        still name PATH at SHA, so give --commit)
//
// DIR is a git directory holding the repository (e.g. the one the `fetch` tool gives); pages are read with
// `git show <commit>:<path>`, so the records name the exact commit they come from.
import { execFileSync } from 'node:child_process';

import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const REPO = opt('--repo') ?? 'Marwa10/hackathon_ENERGIA';
const KIND = opt('--kind') ?? 'boamp-html';
const gitDir = opt('--git');
if (!gitDir && !(KIND === 'decp-csv' && opt('--csv-file'))) {
  console.error('make-records: --git DIR is required');
  process.exit(2);
}
const git = (...a) => execFileSync('git', ['--git-dir', gitDir, ...a], { maxBuffer: 64 << 20 });
const commit = opt('--commit') ?? (gitDir ? git('rev-parse', 'HEAD').toString().trim() : 'HEAD');
const sectors = new Map();
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (['--git', '--commit', '--repo', '--kind', '--zip', '--json', '--csv', '--csv-file'].includes(args[i])) i++;
  else if (args[i] === '--sector') {
    const [p, tag] = args[++i].split('=');
    sectors.set(p, tag);
  } else if (!args[i].startsWith('--')) paths.push(args[i]);
}

// ---------- text
const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', laquo: '«', raquo: '»', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', ecirc: 'ê', ocirc: 'ô', hellip: '…', euro: '€', deg: '°', ndash: '–', mdash: '—', oelig: 'œ' };
const decodeEntities = (s) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
const collapse = (s) => s.replace(/\s+/g, ' ').trim();
/** Markup to text: scripts, styles and comments dropped, every tag a space, or a line break for block tags. */
function toText(html, { lines = false } = {}) {
  let s = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ');
  if (lines) s = s.replace(/<(br|hr|p|tr|li|h[1-6]|div|table)\b[^>]*>|<\/(p|tr|li|h[1-6]|div|table)>/gi, '\n');
  s = decodeEntities(s.replace(/<[^>]*>/g, ' '));
  return lines
    ? s
        .split('\n')
        .map(collapse)
        .filter(Boolean)
        .join('\n')
    : collapse(s);
}
// Windows-1252 punctuation left as C1 controls by whoever saved the pages (U+0092 for ’…).
const CP1252 = { 0x80: '€', 0x82: '‚', 0x84: '„', 0x85: '…', 0x8c: 'Œ', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x9c: 'œ' };
const decodePage = (buf) => {
  let s;
  if (buf[0] === 0xff && buf[1] === 0xfe) s = new TextDecoder('utf-16le').decode(buf.subarray(2));
  else if (buf[0] === 0xfe && buf[1] === 0xff) s = new TextDecoder('utf-16be').decode(buf.subarray(2));
  else s = new TextDecoder('utf-8').decode(buf);
  return s.replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0)] ?? c);
};

// ---------- page parts
const pick = (re, s) => re.exec(s)?.[1];
function header(html) {
  const h = pick(/<header\b[^>]*avis-header[^>]*>([\s\S]*?)<\/header>/i, html) ?? '';
  const types = [...h.matchAll(/<span>([\s\S]*?)<\/span>/gi)].map((m) => toText(m[1]));
  return {
    idweb: pick(/Avis N[o°]\s*([0-9]{2}-[0-9]+)/i, toText(h)),
    date: pick(/publié le\s*(\d{2}\/\d{2}\/\d{4})/i, toText(h)),
    depts: (pick(/<span>\s*Dépt\.\s*:\s*([^<]*)<\/span>/i, h) ?? '').trim(),
    title: toText(pick(/<h1>([\s\S]*?)<\/h1>/i, h) ?? ''),
    noticeType: types.find((t) => !/^(Dépt|Procédure)/i.test(t)) ?? '',
    pictograms: [...(pick(/class="avis-criteres"[^>]*>([\s\S]*?)<\/p>/i, h) ?? '').matchAll(/<img\b[^>]*\balt="([^"]*)"/gi)].map((m) => decodeEntities(m[1])),
  };
}

/** The full notice text as the development records hold it: from "Références complètes" to the end. */
function fullText(html) {
  const at = html.search(/<div[^>]*class="[^"]*avis-reference/i);
  const text = toText(at >= 0 ? html.slice(at) : html);
  if (text.length <= 25000) return text;
  const cut = text.slice(0, 25000);
  return `${cut.slice(0, cut.lastIndexOf(' '))} …[tronqué]`;
}

const uniq = (xs) => [...new Set(xs.filter(Boolean))];

/** European form (JOUE): numbered rows of tables. */
function joue(html) {
  const content = html.slice(Math.max(0, html.search(/id="detail-avis-content"/i)));
  const L = toText(content, { lines: true }).split('\n');
  const after = (i) => L[i].replace(/^[IVX]+(\.\d+)+\)\s*/, '').replace(/^[^:]*:\s*/, '');
  const out = { cpv: [], lots: [], descs: [], summary: '', title: '', buyer: '', postal: '', city: '', procedure: '' };
  let inLot = false;
  let lotTitle = '';
  for (let i = 0; i < L.length; i++) {
    const l = L[i];
    if (/^I\.1\)\s*NOM ET ADRESSES/i.test(l) && L[i + 1]) {
      const parts = L[i + 1].split(/\s*,\s*/);
      out.buyer = parts[0];
      const k = parts.findIndex((p, j) => j > 0 && /^\d{5}$/.test(p));
      if (k > 0) [out.postal, out.city] = [parts[k], parts[k + 1] ?? ''];
    } else if (/^II\.1\.1\)\s*Intitulé/i.test(l)) out.title = after(i);
    else if (/^Descripteur principal\s*:/i.test(l) || (inLot && /^Code CPV principal\s*:\s*\d/i.test(l))) {
      const c = pick(/(\d{8})/, l);
      if (c) out.cpv.push(c);
    } else if (/^II\.1\.4\)\s*Description succincte/i.test(l)) out.summary = after(i);
    else if (/^II\.2\.1\)\s*Intitulé/i.test(l)) {
      inLot = true;
      lotTitle = after(i);
      const n = /^Lot n[º°o]\s*:\s*(\S*)/i.exec(L[i + 1] ?? '');
      if (lotTitle && n && n[1]) out.lots.push(lotTitle);
    } else if (/^II\.2\.4\)\s*Description des prestations/i.test(l)) out.descs.push(after(i));
    else if (/^IV\.1\.1\)/.test(l) && L[i + 1] && !/^IV\./.test(L[i + 1])) out.procedure = L[i + 1];
    else if (/^II\.2\.2\)/.test(l)) inLot = true;
    else if (/^II\.2\.3\)/.test(l)) inLot = false;
  }
  return {
    title: out.title,
    object: uniq([out.summary, ...out.descs]).join('\n'),
    cpv: uniq(out.cpv),
    lots: out.lots,
    buyer: out.buyer,
    postal: out.postal,
    city: out.city,
    procedure: out.procedure,
  };
}

/** National form (MAPA, AAPC): italic labels followed by their values. */
function national(html) {
  const content = html.slice(Math.max(0, html.search(/id="detail-avis-content"/i)));
  const flat = toText(content);
  const field = (label, stop = /\s(?:[A-ZÉ][^.:]{2,80}\s?:\s)|$/) => {
    const m = new RegExp(`${label}\\s*:\\s*`, 'i').exec(flat);
    if (!m) return '';
    const rest = flat.slice(m.index + m[0].length);
    const end = rest.search(stop);
    return collapse(end >= 0 ? rest.slice(0, end) : rest);
  };
  // Object: the "Objet du marché" paragraph (to the NUTS code or the next paragraph).
  const pObj = pick(/Objet du marché\s*:\s*<\/i>([\s\S]*?)(?:<i>Code NUTS|<i>Catégorie de services|<i>CPV|C\.P\.V|<p>|L'avis implique)/i, content);
  const parts = [pObj ? toText(pObj) : field("Objet du marché")];
  const car = pick(/Caractéristiques principales\s*:\s*<\/i>([\s\S]*?)(?:<i>Quantités|<i>Refus|<i>Acceptation|<i>Options|<i>Prestations divisées|Prestations divisées|<p>)/i, content);
  if (car) parts.push(toText(car));
  const qty = pick(/Quantités[^:<]*:\s*<\/i>([\s\S]*?)(?:<br>\s*<i>|<p>)/i, content);
  if (qty) parts.push(toText(qty));
  // Lots: "Lot(s) N. -" then the lot's title on the next line.
  const lotLines = toText(pick(/Renseignements relatifs aux lots([\s\S]*)$/i, content) ?? '', { lines: true }).split('\n');
  const lots = [];
  lotLines.forEach((l, i) => {
    const m = /^Lot\(s\)\s*\d+\.\s*-\s*(.*)$/.exec(l);
    if (!m) return;
    lots.push((m[1] || lotLines[i + 1] || '').replace(/\.$/, '').trim());
    const desc = m[1] ? lotLines[i + 1] : lotLines[i + 2];
    if (desc && !/^(Lot\(s\)|C\.P\.V|Mots descripteurs|Coût estimé|Durée)/i.test(desc)) parts.push(desc);
  });
  const buyerText = field("Nom et adresse officiels de l'organisme acheteur");
  const buyer = collapse((pick(/^([^.]*?)\.?\s*(?:Correspondant|$)/, buyerText) ?? buyerText).replace(/\.$/, ''));
  // Address: the summary block at the top of the page ("Adresse :" then street, postal code, town on their own lines).
  const addrLines = toText(pick(/<h3>Adresse&nbsp;:\s*<\/h3>([\s\S]*?)<(?:p|h3)\b/i, html) ?? '').length ? (pick(/<h3>Adresse&nbsp;:\s*<\/h3>([\s\S]*?)<(?:p|h3)\b/i, html) ?? '').split('\n').map(collapse).filter(Boolean) : [];
  const k = addrLines.findIndex((x) => /^\d{5}$/.test(x));
  const pc = k >= 0 ? [null, addrLines[k], addrLines[k + 1] ?? ''] : /(?:^|[\s,])(\d{5})\s+([A-Za-zÀ-ÿ'’ -]+?(?:\s+cedex(?:\s+\d+)?)?)\s*(?:,|$)/i.exec(buyerText);
  // The main CPV code only, as the development records hold it.
  const cpv = uniq([...(pick(/CPV - Objet principal\s*:\s*([\d\s.,-]+)/i, flat) ?? '').matchAll(/\d{8}/g)].map((m) => m[0]));
  const procedure = (pick(/Type de procédure\s*:\s*([^.]+)\./i, flat) ?? '').trim();
  return { title: '', object: parts.filter(Boolean).join('\n'), cpv, lots, buyer, postal: pc?.[1] ?? '', city: (pc?.[2] ?? '').trim(), procedure };
}

// What the notice itself says about social or reserved purchasing, as short verbatim windows.
const SOCIAL = /insertion|march[ée]s? r[ée]serv[ée]s?\s*:|\br[ée]serv[ée]e?s? (?:à|aux) (?:des |d')?(?:ateliers|op[ée]rateurs|entreprises|structures)|ateliers? prot[ée]g[ée]s|entreprises? adapt[ée]es?|\bESAT\b|\bSIAE\b|handicap|[ée]conomie sociale|clause sociale|crit[èe]res? sociaux|crit[èe]re social|commerce [ée]quitable|personnes? (?:[ée]loign[ée]es|d[ée]favoris[ée]es|en difficult[ée])/gi;
function socialWindows(text, pictograms) {
  const out = [];
  if (pictograms.includes('Critères sociaux')) out.push("[pictogramme en-tête de l'avis BOAMP] Critères sociaux");
  const reservedNo = /March[ée]s? r[ée]serv[ée]s?\s*:\s*(non|Non)\.?/.exec(text);
  if (reservedNo) out.push(reservedNo[0].replace(/\s+/g, ' '));
  let last = -1;
  for (const m of text.matchAll(SOCIAL)) {
    // "Marché réservé : non" is listed once above; the empty heading of the European form says nothing.
    if (/^march[ée]s? r[ée]serv[ée]s?\s*:/i.test(m[0]) && /^\s*(non|III\.2\)|$)/i.test(text.slice(m.index + m[0].length))) continue;
    if (m.index < last) continue;
    const from = Math.max(0, m.index - 300);
    const to = Math.min(text.length, m.index + m[0].length + 300);
    out.push(`…${text.slice(from, to).trim()}…`);
    last = to;
  }
  return out;
}

function record(path) {
  const html = decodePage(git('show', `${commit}:${path}`));
  const h = header(html);
  const isJoue = /Section I\s*:|Directive 20\d\d\/\d+\/UE|Section II\s*:/.test(html);
  const f = isJoue ? joue(html) : national(html);
  const raw = fullText(html);
  const pub = h.depts;
  const considerations = socialWindows(raw, h.pictograms);
  const rec = {
    id: `boamp-${h.idweb}`,
    source: `https://github.com/${REPO}/blob/${commit}/${path}`,
    source_kind: 'BOAMP avis (page HTML boamp.fr, copie enregistrée)',
    boamp_idweb: h.idweb,
    boamp_url_guess: `https://www.boamp.fr/avis/detail/${h.idweb}`,
    date_published: h.date,
    notice_type: h.noticeType,
    boamp_form: isJoue ? 'formulaire européen (JOUE)' : 'formulaire national (MAPA/AAPC)',
    title: f.title || h.title,
    object: f.object,
    cpv: f.cpv,
    buyer: f.buyer,
    buyer_location: `${[f.postal, f.city].filter(Boolean).join(' ')}${pub ? ` — département(s) de publication : ${pub}` : ''}`.replace(/^ — /, ''),
    procedure: f.procedure ? (isJoue ? f.procedure : f.procedure.toLowerCase()) : null,
    lots: f.lots,
    published_social_considerations: considerations,
    raw_excerpt: raw,
    boamp_header_pictograms: h.pictograms,
    ...(sectors.has(path) ? { sector_label: sectors.get(path) } : {}),
    ess_signal_in_text: considerations.some((c) => !/^March[ée]s? r[ée]serv[ée]s?\s*:\s*non/i.test(c)),
    authenticity: 'real',
  };
  return rec;
}

// ---------- PLACE consultation pages (marches-publics.gouv.fr, Atexo), saved as index.php
function placeRecord(path) {
  const html = decodePage(git('show', `${commit}:${path}`));
  const at = html.search(/<div[^>]*id="recap-consultation"/i);
  const end = html.indexOf('<!--END RECAP CONSULTATION-->', at);
  const block = at >= 0 ? html.slice(at, end > at ? end : undefined) : '';
  const span = (id) => toText(pick(new RegExp(`<(?:span|a)[^>]*id="[^"]*_${id}"[^>]*>([\\s\\S]*?)</(?:span|a)>`, 'i'), block) ?? '');
  const ref = pick(/refConsultation=(\d+)&(?:amp;)?orgAcronyme=([a-z0-9]+)/i, html);
  const org = pick(/refConsultation=\d+&(?:amp;)?orgAcronyme=([a-z0-9]+)/i, html);
  const allot = span('linkDetailLots');
  // The visible list, with the portal's "..." when it hides the rest behind a tooltip.
  const lieux = collapse(`${span('lieuxExecutions')} ${span('spanLieux')}`);
  return {
    id: `place-${ref}`,
    source: `https://github.com/${REPO}/blob/${commit}/${path}`,
    source_kind: 'Page consultation PLACE (marches-publics.gouv.fr), HTML enregistré',
    portal_ref: `refConsultation=${ref}&orgAcronyme=${org}`,
    date_deadline: collapse(`${toText(pick(/_dateHeureLimiteRemisePlis"[^>]*>([\s\S]*?)<\/span>\s*<\/span>/i, block) ?? '')} ${span('libelleHeureLocalisation')}`),
    notice_type: span('annonce'),
    title: span('intitule'),
    object: span('objet'),
    cpv: [span('idAtexoRef_scriptRef')].filter((c) => /^\d{8}$/.test(c)),
    buyer: span('entiteAchat'),
    buyer_entity: span('entitePublique'),
    buyer_location: lieux ? `Lieu d'exécution : ${lieux}` : '',
    procedure: span('typeProcedure'),
    lots: [],
    allotissement: allot,
    published_social_considerations: [],
    raw_excerpt: `${toText(block)} `,
    ...(sectors.has(path) ? { sector_label: sectors.get(path) } : {}),
    ess_signal_in_text: false,
    authenticity: 'real',
  };
}

// ---------- BOAMP open-data XML (DILA, schema Boamp_v230), as ColinMaudry/boamp-rdf keeps it in test/xml/
const xmlText = (s) => collapse(decodeEntities(s ?? ''));
const xmlTag = (name, s) => pick(new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`), s);
const firstChild = (name, s) => pick(/^\s*<([A-Z_0-9-]+)\b/i, xmlTag(name, s) ?? '') ?? null;
function xmlRecord(path) {
  const x = new TextDecoder('utf-8').decode(git('show', `${commit}:${path}`));
  const gestion = xmlTag('GESTION', x) ?? '';
  const donnees = xmlTag('DONNEES', x) ?? '';
  const objet = xmlTag('OBJET', donnees) ?? '';
  const identite = xmlTag('IDENTITE', donnees) ?? '';
  const idweb = xmlText(xmlTag('IDWEB', gestion));
  const famille = firstChild('FAMILLE', gestion);
  const nature = firstChild('NATURE', gestion);
  const lotsXml = xmlTag('LOTS', objet) ?? '';
  const lots = [...lotsXml.matchAll(/<INTITULE>([\s\S]*?)<\/INTITULE>/g)].map((m) => xmlText(m[1]));
  const cpv = uniq([...objet.matchAll(/<PRINCIPAL>\s*(\d{8})/g)].map((m) => m[1]));
  const procType = firstChild('TYPE_PROCEDURE', xmlTag('PROCEDURE', donnees) ?? '');
  // What the notice declares about reserved or social purchasing: the reservation tags, then short verbatim windows.
  const considerations = [...x.matchAll(/<(MARCHE_RESERVE_[A-Z]+|PRESTATION_RESERVEE_OUI)\b/g)]
    .map((m) => `[XML] ${m[1]}`)
    .filter((t) => t !== '[XML] PRESTATION_RESERVEE_OUI');
  const flat = decodeEntities(x.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
  for (const m of flat.matchAll(/insertion|clause sociale|crit[èe]res? sociaux|r[ée]serv[ée]e?s? (?:à|aux) (?:des )?(?:ateliers|entreprises adapt|structures)/gi))
    considerations.push(`…${flat.slice(Math.max(0, m.index - 200), m.index + m[0].length + 200).trim()}…`);
  const raw = x.length <= 20000 ? x : `${x.slice(0, 20000).slice(0, x.slice(0, 20000).lastIndexOf(' '))} …[tronqué]`;
  return {
    id: `boamp-${idweb}`,
    source: `https://github.com/${REPO}/blob/${commit}/${path}`,
    source_kind: 'BOAMP avis (XML open data DILA, schéma Boamp_v230)',
    boamp_idweb: idweb,
    boamp_url_guess: `https://www.boamp.fr/avis/detail/${idweb}`,
    date_published: xmlText(xmlTag('DATE_PUBLICATION', xmlTag('INDEXATION', gestion) ?? '')),
    notice_type: nature === 'ATTRIBUTION' ? "Avis d'attribution" : nature === 'APPEL_OFFRE' ? 'Avis de marché' : nature ?? '',
    boamp_form: `XML ${famille ?? ''}`.trim(),
    title: xmlText(xmlTag('TITRE_MARCHE', objet)) || xmlText(xmlTag('RESUME_OBJET', gestion)),
    object: uniq([xmlText(xmlTag('OBJET_COMPLET', objet)), ...lots]).join('\n'),
    cpv,
    buyer: xmlText(xmlTag('DENOMINATION', identite)),
    buyer_location: `${[xmlText(xmlTag('CP', identite)), xmlText(xmlTag('VILLE', identite))].filter(Boolean).join(' ')} — département de publication : ${xmlText(xmlTag('DEP_PUBLICATION', gestion))}`,
    procedure: procType ? `TYPE_PROCEDURE/${procType}` : null,
    lots,
    published_social_considerations: considerations,
    raw_excerpt: raw,
    ...(sectors.has(path) ? { sector_label: sectors.get(path) } : {}),
    ess_signal_in_text: considerations.some((c) => !/_NON$/.test(c)),
    authenticity: 'real',
  };
}

// ---------- DECP (données essentielles), from the zipped JSON files of ColinMaudry/decp-json
// A JSON reader that remembers which numbers were written as decimals, so that raw_excerpt can render the record
// the way the development set does (Python's json.dumps: ", " and ": ", 1234.0 kept as 1234.0).
class Decimal {
  constructor(v) {
    this.v = v;
  }
}
function parseJson(text) {
  let i = 0;
  const ws = () => {
    while (/\s/.test(text[i])) i++;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o = {};
      ws();
      if (text[i] === '}') return i++, o;
      for (;;) {
        ws();
        const k = value();
        ws();
        i++; // :
        o[k] = value();
        ws();
        if (text[i++] === '}') return o;
      }
    }
    if (c === '[') {
      i++;
      const a = [];
      ws();
      if (text[i] === ']') return i++, a;
      for (;;) {
        a.push(value());
        ws();
        if (text[i++] === ']') return a;
      }
    }
    if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i, i + 200000));
      i += m[0].length;
      return JSON.parse(m[0]);
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    i += m[0].length;
    if (/[.eE]/.test(m[0])) return new Decimal(Number(m[0]));
    return JSON.parse(m[0]);
  };
  return value();
}
const plain = (v) => (v instanceof Decimal ? v.v : Array.isArray(v) ? v.map(plain) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v);
function pyDumps(v) {
  if (v instanceof Decimal) return Number.isInteger(v.v) ? `${v.v}.0` : String(v.v);
  if (Array.isArray(v)) return `[${v.map(pyDumps).join(', ')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyDumps(x)}`).join(', ')}}`;
  return JSON.stringify(v);
}
const DECP_SOCIAL = /march[ée] r[ée]serv[ée]|insertion|handicap|\bESAT\b|entreprise adapt[ée]e|clause sociale/i;
function decpRecords(ids) {
  const zip = opt('--zip');
  const file = opt('--json');
  const all = parseJson(readFileSync(file, 'utf-8')).marches;
  const inner = file.split('/').pop();
  return ids.map((id) => {
    // Ids repeat across buyers in some files: `id:SIRET` picks the buyer's record.
    const [mid, siret] = id.split(':');
    const raw = all.find((m) => m.id === mid && (!siret || plain(m.acheteur)?.id === siret));
    if (!raw) throw new Error(`decp: no record ${id} in ${file}`);
    const m = plain(raw);
    const object = String(m.objet ?? '').replace(/<br\s*\/?>/gi, '\n');
    const where = m.lieuExecution ?? {};
    return {
      id: `decp-${m.source}-${m.id}`,
      source: `https://github.com/${REPO}/blob/${commit}/${zip} (fichier ${inner}, marche id=${m.id}, acheteur=${m.acheteur?.nom ?? ''})`,
      source_kind: `DECP (données essentielles de la commande publique), source d'origine : ${m.source}`,
      notice_type: 'Données essentielles (contrat attribué)',
      date_notification: m.dateNotification,
      title: object.split('\n')[0],
      object,
      cpv: m.codeCPV ? [m.codeCPV] : [],
      buyer: m.acheteur?.nom ?? '',
      buyer_siret: m.acheteur?.id ?? '',
      buyer_location: `${where.nom ?? ''} (${where.typeCode ?? ''} ${where.code ?? ''})`.trim(),
      procedure: m.procedure ?? null,
      lots: [],
      published_social_considerations: DECP_SOCIAL.test(object) ? [object] : [],
      decp_nature: m.nature,
      decp_duree_mois: m.dureeMois,
      decp_montant: m.montant,
      awardees: (m.titulaires ?? []).map((t) => t.denominationSociale),
      raw_excerpt: pyDumps(raw),
      ...(sectors.has(id) ? { sector_label: sectors.get(id) } : {}),
      ess_signal_in_text: DECP_SOCIAL.test(object),
      authenticity: 'real',
    };
  });
}

// ---------- DECP rows of a consolidated-DECP CSV extract (e.g. data/decp_marches_10000.csv of
// Augustin690/audit-marches-publics-france), rebuilt as DECP JSON records with their original field names
/** RFC 4180 rows: commas, double quotes doubled inside quoted fields, CRLF or LF line ends. */
function csvRows(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}
// Python's json.dumps(…, ensure_ascii=False) of the rebuilt record: ", " and ": ", montant kept as a float.
const pyFloat = (n) => (Number.isInteger(n) ? `${n}.0` : String(n));
const numberOrNull = (s) => (s === '' || s === undefined ? null : Number(s));
function decpCsvRecords(ids) {
  const path = opt('--csv');
  if (!path) throw new Error('decp-csv: --csv PATH is required');
  const local = opt('--csv-file');
  const text = local ? readFileSync(local, 'utf-8') : git('show', `${commit}:${path}`).toString('utf-8');
  const [head, ...body] = csvRows(text.replace(/^\uFEFF/, ''));
  const rows = body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k] ?? ''])));
  return ids.map((arg) => {
    // Ids repeat across buyers in the extract: `id:SIRET` picks the buyer's row; a pair that still matches two rows
    // cannot be addressed and is refused rather than guessed.
    const k = arg.lastIndexOf(':');
    const [mid, siret] = k > 0 && /^\d{9,14}$/.test(arg.slice(k + 1)) ? [arg.slice(0, k), arg.slice(k + 1)] : [arg, undefined];
    const hits = rows.filter((r) => r.id === mid && (!siret || r.acheteur_id === siret));
    if (!hits.length) throw new Error(`decp-csv: no row ${arg} in ${path}`);
    if (hits.length > 1) throw new Error(`decp-csv: ${hits.length} rows match ${arg} in ${path}; give id:SIRET or leave it out`);
    const r = hits[0];
    const montant = numberOrNull(r.montant);
    const duree = numberOrNull(r.dureemois);
    const lieu = r.lieuexecution_nom;
    const raw = [
      ['id', JSON.stringify(r.id)],
      ['objet', JSON.stringify(r.objet)],
      ['montant', montant === null ? 'null' : pyFloat(montant)],
      ['codeCPV', JSON.stringify(r.codecpv)],
      ['procedure', JSON.stringify(r.procedure)],
      ['nature', JSON.stringify(r.nature)],
      ['dateNotification', JSON.stringify(r.datenotification)],
      ['dureeMois', duree === null ? 'null' : String(duree)],
      ['acheteur', `{"id": ${JSON.stringify(r.acheteur_id)}}`],
      ...(lieu ? [['lieuExecution', `{"nom": ${JSON.stringify(lieu)}}`]] : []),
    ];
    return {
      id: `decp-${r.id.replace(/ /g, '_')}`,
      source: `https://github.com/${REPO}/blob/${commit}/${path} (marché id=${r.id}); DECP (données essentielles de la commande publique), Licence Ouverte`,
      source_kind: 'DECP record (CSV row of the consolidated DECP, rebuilt as DECP JSON)',
      notice_type: 'Données essentielles (contrat attribué)',
      date_notification: r.datenotification,
      title: r.objet,
      object: r.objet,
      cpv: r.codecpv ? [r.codecpv] : [],
      buyer: r.acheteur_nom ?? '',
      buyer_siret: r.acheteur_id,
      buyer_location: lieu ? `Lieu d'exécution : ${lieu}` : '',
      procedure: r.procedure || null,
      lots: [],
      published_social_considerations: [],
      decp_nature: r.nature,
      decp_duree_mois: duree,
      decp_montant: montant,
      raw_excerpt: `{${raw.map(([key, v]) => `"${key}": ${v}`).join(', ')}}`,
      ...(sectors.has(arg) ? { sector_label: sectors.get(arg) } : {}),
    };
  });
}

if (KIND === 'place') for (const p of paths) process.stdout.write(`${JSON.stringify(placeRecord(p))}\n`);
else if (KIND === 'boamp-xml') for (const p of paths) process.stdout.write(`${JSON.stringify(xmlRecord(p))}\n`);
else if (KIND === 'decp') for (const r of decpRecords(paths)) process.stdout.write(`${JSON.stringify(r)}\n`);
else if (KIND === 'decp-csv') for (const r of decpCsvRecords(paths)) process.stdout.write(`${JSON.stringify(r)}\n`);
else if (args.includes('--survey')) {
  const all = git('ls-tree', '-r', '--name-only', commit, 'data/Documents')
    .toString()
    .split('\n')
    .filter((p) => /\/T\d+\.html$/.test(p));
  for (const p of all) {
    try {
      const html = decodePage(git('show', `${commit}:${p}`));
      const h = header(html);
      if (!h.idweb) {
        console.log([p, '-', 'not a BOAMP notice page'].join('\t'));
        continue;
      }
      const isJoue = /Section I\s*:|Section II\s*:/.test(html);
      const f = isJoue ? joue(html) : national(html);
      console.log([p, h.idweb, h.noticeType, isJoue ? 'JOUE' : 'national', h.depts, f.cpv.slice(0, 3).join(','), h.title.slice(0, 140)].join('\t'));
    } catch (e) {
      console.log([p, '-', `unreadable: ${e.message}`].join('\t'));
    }
  }
} else {
  for (const p of paths) process.stdout.write(`${JSON.stringify(record(p))}\n`);
}
