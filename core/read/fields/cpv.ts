import { isCpvDivision, normaliseCpv } from '../cpv.ts';
import { fold } from '../text.ts';

/** CPV codes written in the text near a "CPV" mention; the main code first. */
export function findCpvs(text: string): { codes: string[]; main: boolean } {
  const codes: string[] = [];
  let main: string | undefined;
  if (!text) return { codes, main: false };
  const f = fold(text.length > 300_000 ? text.slice(0, 300_000) : text);
  const re = /\bcpv\b/g;
  let count = 0;
  for (let m = re.exec(f); m && count < 400; m = re.exec(f), count++) {
    const windowText = f.slice(m.index, m.index + 160);
    const head = f.slice(Math.max(0, m.index - 30), m.index + 60);
    const codeRe = /(?<![\d-])(\d{8})(?:-\d)?(?!\d)/g;
    let k = 0;
    for (let c = codeRe.exec(windowText); c && k < 12; c = codeRe.exec(windowText), k++) {
      const code = normaliseCpv(c[1] ?? '');
      if (!code || !isCpvDivision(code)) continue;
      // Stop at the next numbered section: its codes belong to another field.
      if (/(?:^|\s)(?:vi|iv|v|iii|ii|i)(?:\.\d{1,2}){1,3}\)/.test(windowText.slice(0, c.index))) break;
      const around = head + windowText.slice(0, c.index) + ' ' + windowText.slice(c.index + c[0].length, c.index + c[0].length + 24);
      if (!main && /principal|main\b/.test(around)) main = code;
      if (!codes.includes(code)) codes.push(code);
    }
  }
  if (main) {
    codes.splice(codes.indexOf(main), 1);
    codes.unshift(main);
  }
  return { codes, main: Boolean(main) };
}

/** Every valid CPV code written in `s` (check digit dropped), in order, at most 50. */
export function cpvCodesIn(s: string): string[] {
  const out: string[] = [];
  const re = /(?<![\d-])(\d{8})(?:-\d)?(?!\d)/g;
  let n = 0;
  for (let m = re.exec(s); m && n < 50; m = re.exec(s), n++) {
    const c = normaliseCpv(m[1] ?? '');
    if (c && isCpvDivision(c) && !out.includes(c)) out.push(c);
  }
  return out;
}
