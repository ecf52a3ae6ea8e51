import { decodeEntities } from './text.ts';

/** XML as JSON the way BOAMP's `donnees` holds eForms: `#text` for text, `@name` for attributes, arrays for repeats. */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

interface Frame {
  name: string;
  obj: XmlObject;
  text: string;
}

const MAX_TOKENS = 400_000;

/**
 * Converts an XML document to the JSON shape of BOAMP's eForms `donnees` (element names kept with their
 * prefixes, `#text`, `@attribute`, repeated children as arrays), so one reader serves TED XML and BOAMP
 * records. A small tolerant tokenizer rather than DOMParser: Node has none, and a truncated file still
 * gives what it holds. Returns `{ rootName: value }`, or undefined when there is no element.
 */
export function xmlToJson(xml: string): XmlObject | undefined {
  const root: Frame = { name: '#root', obj: {}, text: '' };
  const stack: Frame[] = [root];
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let n = 0;
  for (let m = re.exec(xml); m && n < MAX_TOKENS; m = re.exec(xml), n++) {
    const top = stack[stack.length - 1] as Frame;
    if (m[1] !== undefined) {
      top.text += m[1];
      continue;
    }
    if (m[6] !== undefined) {
      top.text += decodeEntities(m[6]);
      continue;
    }
    const name = m[3];
    if (!name) continue;
    if (m[2] === '/') {
      const at = stack.map((f) => f.name).lastIndexOf(name);
      if (at <= 0) continue;
      while (stack.length > at) close(stack);
      continue;
    }
    const frame: Frame = { name, obj: {}, text: '' };
    const attrRe = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
    for (let a = attrRe.exec(m[4] ?? ''); a; a = attrRe.exec(m[4] ?? '')) {
      const key = a[1] ?? '';
      // Namespace declarations say nothing about the notice.
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      frame.obj[`@${key}`] = decodeEntities(a[2] ?? a[3] ?? '');
    }
    stack.push(frame);
    if (m[5] === '/') close(stack);
  }
  while (stack.length > 1) close(stack);
  return Object.keys(root.obj).length ? root.obj : undefined;
}

function close(stack: Frame[]): void {
  const f = stack.pop() as Frame;
  const parent = stack[stack.length - 1] as Frame;
  const text = f.text.trim();
  const keys = Object.keys(f.obj);
  let value: XmlValue;
  if (!keys.length) value = text;
  else {
    if (text) f.obj['#text'] = text;
    value = f.obj;
  }
  const cur = parent.obj[f.name];
  if (cur === undefined) parent.obj[f.name] = value;
  else if (Array.isArray(cur)) cur.push(value);
  else parent.obj[f.name] = [cur, value];
}
