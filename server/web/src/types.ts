// Node types and concept types: their names, colours and shapes, shared by
// the graph, the legend, the search results and the panel.

export type NodeType = 'person' | 'organisation' | 'meeting' | 'concept' | 'agenda';

export interface TypeInfo {
  ja: string;
  en: string;
  color: string;
  shape: string; // a Cytoscape.js node shape
}

// Okabe–Ito colours, which stay distinct for colour-blind readers; the
// shapes differ too, so the legend never relies on colour alone.
export const NODE_TYPES: Record<NodeType, TypeInfo> = {
  person: { ja: '人物', en: 'Person', color: '#0072B2', shape: 'ellipse' },
  organisation: { ja: '組織', en: 'Organisation', color: '#7a7a7a', shape: 'round-rectangle' },
  meeting: { ja: '会議', en: 'Meeting', color: '#E69F00', shape: 'diamond' },
  concept: { ja: '概念', en: 'Concept', color: '#CC79A7', shape: 'hexagon' },
  agenda: { ja: '議題', en: 'Agenda item', color: '#009E73', shape: 'round-tag' },
};

export function nodeType(t: unknown): NodeType {
  const s = String(t ?? '').toLowerCase();
  if (s === 'organization' || s === 'org') return 'organisation';
  if (s === 'agendaitem' || s === 'agenda-item' || s === 'agenda_item') return 'agenda';
  return (s in NODE_TYPES ? s : 'concept') as NodeType;
}

/** The concept types of seeds/concepts.yaml, with Japanese names. */
export const CONCEPT_TYPES: Record<string, string> = {
  malware: 'マルウェア',
  incident: 'インシデント',
  'attack-technique': '攻撃手法',
  organisation: '組織',
  'country-region': '国・地域',
  'law-policy': '法令・政策',
  programme: '施策・制度',
  technology: '技術',
  event: 'イベント',
  theme: 'テーマ',
};

export function conceptTypeLabel(t: string | undefined): string {
  if (!t) return '';
  const ja = CONCEPT_TYPES[t];
  return ja ? `${ja} ${t}` : t;
}
