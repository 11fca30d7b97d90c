// What the page knows of a graph node, whatever the server named its
// fields; kept apart from graphview.ts so that the first screen does not
// load Cytoscape.js.

import { nodeType, type NodeType } from './types';

export const FONT = '"Noto Sans JP Variable", "Noto Sans CJK JP", "Noto Sans JP", sans-serif';

export type Lang = 'ja' | 'en';

/** What the page needs to know of a node, whatever the server named it. */
export interface NodeInfo {
  id: string; // the graph's node id
  type: NodeType;
  key: string; // the id the /api/{people,concepts,meetings}/{id} endpoints take
  label: string;
  labelEn: string;
  count: number;
  conceptType?: string;
  date?: string;
  meeting?: string;
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

export function nodeInfo(d: Record<string, unknown>): NodeInfo {
  const id = str(d.id);
  const type = nodeType(d.type);
  const lbl = d.label as unknown;
  let label = '';
  let labelEn = '';
  if (lbl && typeof lbl === 'object') {
    const l = lbl as Record<string, unknown>;
    label = str(l.ja ?? l.label);
    labelEn = str(l.en);
  } else {
    label = str(d.label_ja ?? d.label ?? d.name);
  }
  labelEn = labelEn || str(d.label_en ?? d.en);
  const counts = d.counts as Record<string, unknown> | undefined;
  const count = Number(d.count ?? d.mentions ?? counts?.mentions ?? counts?.speeches ?? 0) || 0;
  // Graph ids carry the type ("person/遠藤信博", or a full IRI):
  // the endpoints take the last part.
  let key = str(d.key ?? d.ref ?? '');
  if (!key) {
    key = id.replace(/^https?:\/\/[^/]+\/id\//, '');
    key = key.replace(/^(person|concept|meeting|org|organisation|agenda)[/:]/, '');
  }
  return {
    id,
    type,
    key,
    label: label || labelEn || key,
    labelEn,
    count,
    conceptType: str(d.concept_type ?? d.ctype ?? d.kind) || undefined,
    date: str(d.date) || undefined,
    meeting: str(d.meeting ?? d.meeting_id) || undefined,
  };
}
