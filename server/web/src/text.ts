// Text helpers: the folding used by search, and highlighting.

import { h } from './dom';


/**
 * fold makes a string comparable the way a reader would: NFKC (full-width
 * Latin and digits become ASCII, half-width katakana become full-width),
 * lower case, and no spaces or middle dots (ワナ・クライ, Wanna Cry).
 */
export function fold(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s・･]+/gu, '');
}

/** Where needle occurs in haystack, or null. Tries exact, then folded-space. */
export function findSentence(haystack: string, needle: string): [number, number] | null {
  const i = haystack.indexOf(needle);
  if (i >= 0) return [i, i + needle.length];
  // The sentence may have been joined differently (line breaks, spaces):
  // match ignoring white space, and map back to haystack positions.
  const pos: number[] = [];
  let squeezed = '';
  for (let k = 0; k < haystack.length; k++) {
    if (!/\s/u.test(haystack[k])) {
      pos.push(k);
      squeezed += haystack[k];
    }
  }
  const n = needle.replace(/\s+/gu, '');
  if (!n) return null;
  const j = squeezed.indexOf(n);
  if (j < 0) return null;
  return [pos[j], pos[j + n.length - 1] + 1];
}

/** The text with each surface form of the concept in bold. */
export function highlightSurfaces(text: string, surfaces: string[]): (string | HTMLElement)[] {
  const forms = surfaces.filter(Boolean).sort((a, b) => b.length - a.length);
  if (!forms.length) return [text];
  const re = new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const out: (string | HTMLElement)[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    out.push(text.slice(last, m.index), h('b', null, m[0]));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}
