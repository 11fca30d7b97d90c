// The JSON API of gijigraph serve (server/openapi.yaml), as the page uses it.

export interface MeetingSummary {
  id: string;
  /** false when the minutes were cut short or could only be read in part. */
  complete?: boolean;
  title: string;
  body?: string;
  number?: number;
  date: string;
  start?: string;
  end?: string;
  place?: string;
  kind?: string;
  counts: { attendees: number; agenda: number; decisions: number; speeches: number; mentions: number };
}

export interface Attendee {
  person_id: string;
  name: string;
  post?: string;
  organization?: string;
  role?: string;
}

export interface Speech {
  seq: number;
  speaker_id?: string;
  speaker?: string;
  as?: string;
  section?: string;
  text: string;
  concepts: string[];
}

export interface MeetingDetail extends MeetingSummary {
  attendees: Attendee[];
  agenda: { position: number; title: string; kind?: string; concepts: string[] }[];
  decisions: { position: number; title: string; outcome?: string; evidence?: string }[];
  speeches: Speech[];
  events: { kind: string; text: string; after?: number }[];
}

export interface PersonSummary {
  id: string;
  name: string;
  posts: string[];
  counts: { meetings: number; speeches: number; mentions: number; concepts: number };
}

export interface ConceptCount {
  id: string;
  label: string;
  label_en?: string;
  type?: string;
  count: number;
}

export interface PersonDetail extends PersonSummary {
  family?: string;
  given?: string;
  reading?: string;
  held: { meeting_id: string; date: string; post?: string; organization?: string; role?: string }[];
  speeches: { meeting_id: string; date: string; seq: number; excerpt: string; mentions: number }[];
  concepts: ConceptCount[];
}

export interface ConceptSummary {
  id: string;
  label: string;
  label_en?: string;
  type?: string;
  aliases?: string[];
  counts: { mentions: number; speakers: number; meetings: number };
}

export interface ConceptRef {
  id: string;
  label: string;
  label_en?: string;
}

export interface ConceptDetail extends ConceptSummary {
  aliases: string[];
  note?: string;
  broader: ConceptRef[];
  narrower: ConceptRef[];
  raised_by: { id: string; name: string; count: number }[];
  meetings: { id: string; date: string; count: number }[];
}

/** One row of /api/raised: a concept raised by a person at a meeting. */
export interface Mention {
  person_id: string;
  person: string;
  post: string;
  organization: string;
  role: string;
  meeting_id: string;
  date: string;
  speech: number;
  concept_id: string;
  concept: string;
  concept_en: string;
  concept_type: string;
  surface: string;
  sentence: string;
  implicit: boolean;
}

export interface RaisedFilter {
  concept?: string;
  person?: string;
  meeting?: string;
  from?: string;
  to?: string;
  type?: string;
  narrower?: boolean;
}

/** A Cytoscape.js element as /api/graph?format=cytoscape sends it. */
export interface GraphElement {
  group?: 'nodes' | 'edges';
  data: Record<string, unknown> & { id: string; source?: string; target?: string };
}

export interface GraphResponse {
  elements: GraphElement[];
  truncated: boolean;
}

export class APIError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { Accept: 'application/json' }, signal });
  if (!res.ok) {
    let msg = `${res.status} ${res.statusText}`;
    try {
      const body = await res.json();
      msg = body?.error?.message ?? body?.error ?? body?.message ?? msg;
    } catch {
      /* not JSON */
    }
    throw new APIError(res.status, String(msg));
  }
  return (await res.json()) as T;
}

/** Lists come either bare or wrapped in an object: take the array. */
function list<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const o = body as Record<string, unknown>;
  for (const k of [key, 'items', 'results', 'rows', 'data']) {
    if (Array.isArray(o?.[k])) return o[k] as T[];
  }
  return [];
}

const seg = encodeURIComponent;

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

export const api = {
  meetings: async () => list<MeetingSummary>(await get('/api/meetings'), 'meetings'),
  meeting: (id: string) => get<MeetingDetail>(`/api/meetings/${seg(id)}`),
  people: async () => list<PersonSummary>(await get('/api/people'), 'people'),
  person: (id: string) => get<PersonDetail>(`/api/people/${seg(id)}`),
  concepts: async () => list<ConceptSummary>(await get('/api/concepts'), 'concepts'),
  concept: (id: string) => get<ConceptDetail>(`/api/concepts/${seg(id)}`),
  raisedURL: (f: RaisedFilter, format?: 'csv') => '/api/raised' + query({ ...f, format }),
  raised: async (f: RaisedFilter, signal?: AbortSignal) => {
    // The server's default page is small (100 rows); the table shows up to 1,000 with the total.
    const body = await get<unknown>('/api/raised' + query({ ...f, limit: 1000 }), signal);
    return { rows: list<Mention>(body, 'rows'), total: (body as { total?: number })?.total };
  },
  /** Every row of /api/raised for f, a page of 1,000 at a time (at most 20 pages). */
  raisedAll: async (f: RaisedFilter, signal?: AbortSignal) => {
    const rows: Mention[] = [];
    for (let page = 0; page < 20; page++) {
      const body = await get<{ rows?: Mention[]; total?: number; truncated?: boolean }>('/api/raised' + query({ ...f, limit: 1000, offset: rows.length }), signal);
      const got = list<Mention>(body, 'rows');
      rows.push(...got);
      if (!got.length || !body.truncated || (body.total !== undefined && rows.length >= body.total)) break;
    }
    return { rows, total: rows.length };
  },
  graph: async (params: Record<string, string | number | boolean | undefined>, signal?: AbortSignal): Promise<GraphResponse> => {
    const body = await get<unknown>('/api/graph' + query({ ...params, format: 'cytoscape' }), signal);
    const o = body as Record<string, unknown>;
    let elements: GraphElement[] = [];
    if (Array.isArray(body)) elements = body as GraphElement[];
    else if (Array.isArray(o.elements)) elements = o.elements as GraphElement[];
    else if (o.elements && typeof o.elements === 'object') {
      const e = o.elements as { nodes?: GraphElement[]; edges?: GraphElement[] };
      elements = [
        ...(e.nodes ?? []).map((n) => ({ ...n, group: 'nodes' as const })),
        ...(e.edges ?? []).map((n) => ({ ...n, group: 'edges' as const })),
      ];
    }
    return { elements, truncated: Boolean(o.truncated) };
  },
};
